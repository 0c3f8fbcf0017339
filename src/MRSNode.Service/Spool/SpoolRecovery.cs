using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MRSNode.Service.Configuration;
using MRSNode.Service.Export;
using MRSNode.Service.Intake;

namespace MRSNode.Service.Spool;

/// <summary>
/// Runs first at start-up, before the SCP listens or a worker runs: puts every interrupted piece of work back
/// where it resumes (received objects filed by study, running jobs requeued, half-created jobs and unpublished
/// outbox staging removed — both are redone from what is still on disk).
/// </summary>
public sealed partial class SpoolRecovery(IntakeSpool intake, JobSpool jobs, Outbox outbox, NodeOptions options, ILogger<SpoolRecovery> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        int filed = intake.Recover();
        var requeued = jobs.RecoverInterrupted();
        outbox.Recover();
        var destinations = options.Destinations.Count == 0
            ? "none (results stay in the outbox)"
            : string.Join(", ", options.Destinations.Select(d => $"{d.Name}={d.AeTitle}@{d.Host}:{d.Port}"));
        var data = NodePaths.DataDirectory(options);
        LogStarted(data, destinations);
        if (filed + requeued.Count > 0)
        {
            var ids = string.Join(", ", requeued);
            LogRecovered(filed, requeued.Count, ids);
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 1400, Level = LogLevel.Information, Message = "data directory {DataDirectory}; destinations: {Destinations}")]
    private partial void LogStarted(string dataDirectory, string destinations);

    [LoggerMessage(EventId = 1401, Level = LogLevel.Warning, Message = "resuming after an interruption: {Filed} received object(s) filed, {Requeued} job(s) requeued ({Jobs})")]
    private partial void LogRecovered(int filed, int requeued, string jobs);
}
