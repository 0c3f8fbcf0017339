using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MRSNode.Pipeline;
using MRSNode.Pipeline.Composition;
using MRSNode.Quantification.Results;
using MRSNode.Service.Configuration;
using MRSNode.Service.Export;
using MRSNode.Service.Observability;
using MRSNode.Service.Spool;

namespace MRSNode.Service.Processing;

/// <summary>
/// The workers: a bounded number of loops, each taking the oldest queued job and running it on its own pipeline. A
/// graceful stop cancels the running pipelines (they stop at the next voxel, step or method) and requeues their jobs.
/// </summary>
public sealed partial class WorkerService(JobSpool jobs, IOutputPublisher outbox, NodeOptions options, WorkerPipelines pipelines, WorkSignal signal, NodeStatus status, ILogger<WorkerService> logger)
    : BackgroundService
{
    public int WorkerCount => pipelines.Count;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, WorkerCount).Select(worker => Task.Run(() => WorkLoopAsync(pipelines[worker], stoppingToken), CancellationToken.None)));

    private async Task WorkLoopAsync(ComposedPipeline pipeline, CancellationToken ct)
    {
        var runner = new JobRunner(jobs, outbox, options, pipeline); // one pipeline per worker: nothing shared between threads
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
            status.JobStarted(id, DateTimeOffset.UtcNow);
            try
            {
                var result = runner.Run(id, ct);
                status.JobFinished(new RecentJob(result.Id, result.StudyInstanceUid, result.Succeeded ? "done" : "failed", result.Verdict, result.Error, DateTimeOffset.UtcNow));
                if (result.Succeeded)
                {
                    string verdict = result.Verdict?.Text() ?? "";
                    LogDone(id, result.StudyInstanceUid, verdict);
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
            catch (IOException ex) when (DiskFull.Is(ex))
            {
                // Outputs, error.txt or the outbox copy hit a full disk: back to the queue (this start not counted), and wait.
                jobs.RequeueAfterDiskFull(id);
                LogDiskFull(id, DiskFullPause.TotalSeconds);
                try
                {
                    await Task.Delay(DiskFullPause, ct).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
            catch (IOException ex)
            {
                LogSpoolError(ex.Message); // the job stays where it is; the next start picks it up again
            }
            finally
            {
                status.JobEnded(id);
            }
        }
    }

    /// <summary>How long a worker waits after a job hit a full disk before it takes the next one.</summary>
    private static readonly TimeSpan DiskFullPause = TimeSpan.FromSeconds(10);

    [LoggerMessage(EventId = 1205, Level = LogLevel.Error, Message = "job {JobId} requeued: the disk is full (ENOSPC); the worker waits {Seconds} s")]
    private partial void LogDiskFull(string jobId, double seconds);

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
