using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MRSNode.Service.Configuration;
using MRSNode.Service.Export;
using MRSNode.Service.Observability;
using MRSNode.Service.Spool;

namespace MRSNode.Service.Processing;

/// <summary>
/// The workers: a bounded number of loops, each taking the oldest queued job and running it. A graceful stop
/// cancels the running pipelines; their jobs stay in running/ and are requeued at the next start.
/// </summary>
public sealed partial class WorkerService(JobSpool jobs, Outbox outbox, NodeOptions options, WorkSignal signal, NodeStatus status, ILogger<WorkerService> logger)
    : BackgroundService
{
    public int WorkerCount { get; } = options.Processing.Workers > 0 ? options.Processing.Workers : Math.Max(1, Environment.ProcessorCount / 2);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, WorkerCount).Select(_ => Task.Run(() => WorkLoopAsync(stoppingToken), CancellationToken.None)));

    private async Task WorkLoopAsync(CancellationToken ct)
    {
        var runner = new JobRunner(jobs, outbox, options); // one pipeline per worker: nothing shared between threads
        while (!ct.IsCancellationRequested)
        {
            string? id;
            try
            {
                id = jobs.TryStartNext();
            }
            catch (IOException ex)
            {
                LogSpoolError(ex.Message);
                id = null;
            }
            if (id is null)
            {
                try
                {
                    await signal.WaitAsync(TimeSpan.FromSeconds(1), ct).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                continue;
            }
            LogStarted(id);
            try
            {
                var result = runner.Run(id, ct);
                status.JobFinished(new RecentJob(result.Id, result.StudyInstanceUid, result.Succeeded ? "done" : "failed", result.Verdict, result.Error, DateTimeOffset.UtcNow));
                if (result.Succeeded)
                {
                    LogDone(id, result.StudyInstanceUid, result.Verdict ?? "");
                }
                else
                {
                    LogFailed(id, result.StudyInstanceUid, result.Error ?? "");
                }
            }
            catch (OperationCanceledException)
            {
                jobs.Requeue(id);
                LogInterrupted(id);
                return;
            }
            catch (IOException ex)
            {
                LogSpoolError(ex.Message); // the job stays where it is; the next start picks it up again
            }
        }
    }

    [LoggerMessage(EventId = 1200, Level = LogLevel.Information, Message = "job {JobId} started")]
    private partial void LogStarted(string jobId);

    [LoggerMessage(EventId = 1201, Level = LogLevel.Information, Message = "job {JobId} done (study {StudyInstanceUid}): {Verdict}")]
    private partial void LogDone(string jobId, string studyInstanceUid, string verdict);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Error, Message = "job {JobId} failed (study {StudyInstanceUid}): {Error}")]
    private partial void LogFailed(string jobId, string studyInstanceUid, string error);

    [LoggerMessage(EventId = 1203, Level = LogLevel.Warning, Message = "job {JobId} interrupted by shutdown and requeued; it runs again at the next start")]
    private partial void LogInterrupted(string jobId);

    [LoggerMessage(EventId = 1204, Level = LogLevel.Error, Message = "job spool error: {Error}")]
    private partial void LogSpoolError(string error);
}
