using MRSNode.Service.Configuration;
using MRSNode.Service.Export;
using MRSNode.Service.Intake;
using MRSNode.Service.Spool;

namespace MRSNode.Service.Observability;

public sealed record QueueDepths(int IntakeStudies, int Assembling, int Queued, int Running, int Done, int Failed, int LocalOutboxJobs);

public sealed record DestinationView(string Name, string Address, int Pending, int DeadLetter, long Sent, DateTimeOffset? LastSuccessUtc, string? LastError, int ConsecutiveFailures, DateTimeOffset? NextAttemptUtc);

public sealed record FailedJobView(string Id, string StudyInstanceUid, string Error, DateTimeOffset? FinishedUtc);

/// <summary>What /status returns and the HTML page shows: queues from the spool folders, the rest from <see cref="NodeStatus"/>.</summary>
public sealed record StatusSnapshot(
    string AeTitle,
    int Port,
    string DataDirectory,
    DateTimeOffset StartedUtc,
    long ObjectsReceived,
    QueueDepths Queues,
    IReadOnlyList<DestinationView> Destinations,
    IReadOnlyList<RecentJob> RecentJobs,
    IReadOnlyList<FailedJobView> FailedJobs,
    ScaleOutView? ScaleOut = null)
{
    private const int FailedShown = 20;

    /// <param name="scaleOut">The role's broker view (Queue:Kind rabbitmq); null on a single node.</param>
    public static StatusSnapshot Take(NodeOptions options, NodeStatus status, IntakeSpool intake, JobSpool jobs, Outbox outbox, ScaleOutStatus? scaleOut = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(status);
        ArgumentNullException.ThrowIfNull(intake);
        ArgumentNullException.ThrowIfNull(jobs);
        ArgumentNullException.ThrowIfNull(outbox);
        var queues = new QueueDepths(intake.PendingStudies, Directory.GetDirectories(intake.AssemblyRoot).Length,
            jobs.Count(JobState.Queued), jobs.Count(JobState.Running), jobs.Count(JobState.Done), jobs.Count(JobState.Failed), outbox.LocalJobCount);
        var states = status.Destinations().ToDictionary(d => d.Name, StringComparer.Ordinal);
        var destinations = options.Destinations.Select(d =>
        {
            states.TryGetValue(d.Name, out var s);
            return new DestinationView(d.Name, $"{d.AeTitle}@{d.Host}:{d.Port}", outbox.PendingCount(d.Name), outbox.DeadLetterCount(d.Name),
                s?.Sent ?? 0, s?.LastSuccessUtc, s?.LastError, s?.ConsecutiveFailures ?? 0, s?.NextAttemptUtc);
        }).ToList();
        var failed = jobs.List(JobState.Failed).Reverse().Take(FailedShown).Select(id => FailedJob(jobs, id)).ToList();
        return new StatusSnapshot(options.Node.AeTitle, options.Node.Port, NodePaths.DataDirectory(options), status.StartedUtc, status.ObjectsReceived,
            queues, destinations, status.RecentJobs(), failed, scaleOut?.View());
    }

    private static FailedJobView FailedJob(JobSpool jobs, string id)
    {
        var folder = jobs.JobFolder(JobState.Failed, id);
        var errorPath = Path.Combine(folder, JobSpool.ErrorFile);
        var error = File.Exists(errorPath) ? ErrorText.Clean(File.ReadAllText(errorPath).Trim()) : "(no error.txt)"; // one written before the node cleaned them
        string study;
        try
        {
            study = jobs.Manifest(JobState.Failed, id).StudyInstanceUid;
        }
        catch (Exception ex) when (ex is IOException or System.Text.Json.JsonException)
        {
            study = "?";
        }
        return new FailedJobView(id, study, error, jobs.FinishedUtc(JobState.Failed, id));
    }
}
