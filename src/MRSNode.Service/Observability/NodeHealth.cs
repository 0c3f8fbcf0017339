using System.Globalization;
using MRSNode.Service.Configuration;
using MRSNode.Service.Export;

namespace MRSNode.Service.Observability;

/// <summary>What /health returns: "ok", or "degraded" with one reason per problem (no PHI: job ids and destination names only).</summary>
public sealed record HealthReport(string Status, IReadOnlyList<string> Reasons, DateTimeOffset StartedUtc)
{
    public const string Ok = "ok", Degraded = "degraded";
}

/// <summary>
/// Judges the node's health from what it already keeps: a worker is stuck when its job has run longer than half of
/// Processing:JobTimeLimitSeconds (a step that does not hear the cancellation keeps it past the limit); a destination
/// is failing while its sends are retried with backoff, or when an object went to its dead-letter folder within
/// <see cref="DeadLetterWindow"/>; a role of a scaled-out deployment is degraded while the broker is unreachable.
/// </summary>
public static class NodeHealth
{
    /// <summary>How long a dead-lettered object keeps the node "degraded": long enough for a monitor polling every few minutes to see it.</summary>
    public static readonly TimeSpan DeadLetterWindow = TimeSpan.FromHours(1);

    /// <param name="scaleOut">The role's broker view (Queue:Kind rabbitmq): an unreachable broker degrades the node.</param>
    public static HealthReport Evaluate(NodeOptions options, NodeStatus status, Outbox outbox, DateTimeOffset now, ScaleOutStatus? scaleOut = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(status);
        ArgumentNullException.ThrowIfNull(outbox);
        var reasons = new List<string>();
        var stuckAfter = TimeSpan.FromSeconds(options.Processing.JobTimeLimitSeconds / 2);
        foreach (var (id, started) in status.RunningJobs())
        {
            var running = now - started;
            if (running > stuckAfter)
            {
                reasons.Add($"worker stuck: job {id} has run {Seconds(running)} s, over half of Processing:JobTimeLimitSeconds ({Seconds(TimeSpan.FromSeconds(options.Processing.JobTimeLimitSeconds))} s)");
            }
        }
        var states = status.Destinations().ToDictionary(d => d.Name, StringComparer.Ordinal);
        foreach (var destination in options.Destinations)
        {
            if (states.TryGetValue(destination.Name, out var state) && state.ConsecutiveFailures > 0)
            {
                var next = state.NextAttemptUtc is { } at ? $", next attempt {at.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)}" : "";
                reasons.Add($"destination {destination.Name} failing: {state.ConsecutiveFailures} consecutive failure(s), retrying with backoff{next}");
            }
            if (LatestDeadLetter(outbox, destination.Name) is { } latest && now - latest < DeadLetterWindow)
            {
                reasons.Add($"destination {destination.Name}: an object went to the dead-letter folder at {latest.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)}");
            }
        }
        if (scaleOut?.View() is { BrokerReachable: false } view)
        {
            reasons.Add($"broker unreachable ({view.Role} role): {view.BrokerError ?? "no connection"}");
        }
        return new HealthReport(reasons.Count == 0 ? HealthReport.Ok : HealthReport.Degraded, reasons, status.StartedUtc);
    }

    /// <summary>When the newest object went to a destination's dead-letter folder, or null when it is empty.</summary>
    private static DateTimeOffset? LatestDeadLetter(Outbox outbox, string destination)
    {
        var folder = Path.Combine(outbox.DestinationFolder(destination), Outbox.DeadLetterFolder);
        if (!Directory.Exists(folder))
        {
            return null;
        }
        // Each dead-lettered object gets its reason file when it moves (the object keeps its old time).
        var times = Directory.EnumerateFiles(folder, "*.error.txt", SearchOption.AllDirectories)
            .Select(e => (DateTimeOffset?)new DateTimeOffset(File.GetLastWriteTimeUtc(e), TimeSpan.Zero)).ToList();
        return times.Count == 0 ? null : times.Max();
    }

    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0", CultureInfo.InvariantCulture);
}
