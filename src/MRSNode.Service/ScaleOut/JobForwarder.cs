using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MRSNode.Messaging;
using MRSNode.Service.Observability;
using MRSNode.Service.Processing;
using MRSNode.Service.SharedStore;
using MRSNode.Service.Spool;

namespace MRSNode.Service.ScaleOut;

/// <summary>
/// Intake role: hands each job the assembly queued locally to the workers. The job folder is copied into the shared
/// store, its message published to <see cref="WorkQueues.Jobs"/>, and only after the broker's confirm does the local
/// job move to done/ (forwarded). With the broker down the jobs stay in queued/ (the SCP keeps accepting) and go when
/// it returns; a job forwarded twice (a crash between confirm and move) is harmless: consumers are idempotent by id.
/// A job failed at assembly goes straight to the export role, with its "not processed" report as outputs.
/// </summary>
public sealed partial class JobForwarder(JobSpool jobs, SharedJobStore store, IWorkQueue queue, WorkSignal signal, ScaleOutStatus status, ILogger<JobForwarder> logger)
    : BackgroundService
{
    /// <summary>How long a job failed at assembly may wait for its report before it is forwarded without one.</summary>
    public static readonly TimeSpan ReportWait = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(2);
    private bool _outage;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = TimeSpan.FromSeconds(1);
            try
            {
                await ForwardPendingAsync(DateTimeOffset.UtcNow, stoppingToken).ConfigureAwait(false);
            }
            catch (WorkQueueUnavailableException ex)
            {
                wait = RetryDelay;
                status.BrokerUnreachable(ex.Message);
                if (!_outage)
                {
                    LogBrokerDown(jobs.Count(JobState.Queued), ErrorText.Clean(ex.Message));
                }
                _outage = true;
            }
            catch (IOException ex)
            {
                wait = RetryDelay;
                LogStoreError(ErrorText.Clean(ex.Message));
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            try
            {
                await signal.WaitAsync(wait, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Forwards every queued job and every failed one not yet forwarded, oldest first; returns how many went.</summary>
    public async Task<int> ForwardPendingAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        int forwarded = 0;
        foreach (var id in jobs.List(JobState.Queued))
        {
            var hash = store.ImportJob(id, jobs.JobFolder(JobState.Queued, id));
            await queue.PublishAsync(WorkQueues.Jobs, new WorkMessage(id, SharedJobStore.JobPath(id), hash, now), cancellationToken).ConfigureAwait(false);
            jobs.MarkForwarded(id);
            Reconnected();
            status.Completed();
            LogForwarded(id, WorkQueues.Jobs);
            forwarded++;
        }
        foreach (var id in jobs.List(JobState.Failed).Where(id => !jobs.IsForwarded(JobState.Failed, id)))
        {
            if (await ForwardFailedAsync(id, now, cancellationToken).ConfigureAwait(false))
            {
                forwarded++;
            }
        }
        return forwarded;
    }

    private async Task<bool> ForwardFailedAsync(string id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var folder = jobs.JobFolder(JobState.Failed, id);
        var outputs = Path.Combine(folder, JobSpool.OutputsFolder);
        bool hasReport = Directory.Exists(outputs);
        if (!hasReport && jobs.FinishedUtc(JobState.Failed, id) is { } finished && now - finished < ReportWait)
        {
            return false; // the assembly is still rendering its "not processed" report
        }
        var errorPath = Path.Combine(folder, JobSpool.ErrorFile);
        var error = File.Exists(errorPath) ? File.ReadAllText(errorPath).Trim() : "failed at assembly";
        store.ImportJob(id, folder);
        if (hasReport)
        {
            var hash = store.WriteOutputs(id, outputs, new StoredOutcome(StoredOutcome.Failed, null, error, now));
            await queue.PublishAsync(WorkQueues.Exports, new WorkMessage(id, SharedJobStore.OutputsPath(id), hash, now), cancellationToken).ConfigureAwait(false);
            Reconnected();
            LogForwarded(id, WorkQueues.Exports);
        }
        else
        {
            store.RecordFailed(id, error);
        }
        jobs.MarkForwarded(id);
        status.Failed();
        return true;
    }

    private void Reconnected()
    {
        status.BrokerReachable();
        if (_outage)
        {
            _outage = false;
            LogBrokerBack();
        }
    }

    [LoggerMessage(EventId = 1800, Level = LogLevel.Information, Message = "job {JobId} forwarded to {Queue}")]
    private partial void LogForwarded(string jobId, string queue);

    [LoggerMessage(EventId = 1801, Level = LogLevel.Warning, Message = "broker unreachable: {Queued} job(s) wait in the local spool and are forwarded when it returns: {Error}")]
    private partial void LogBrokerDown(int queued, string error);

    [LoggerMessage(EventId = 1802, Level = LogLevel.Information, Message = "broker reachable again: forwarding the jobs that waited")]
    private partial void LogBrokerBack();

    [LoggerMessage(EventId = 1803, Level = LogLevel.Error, Message = "shared store error while forwarding (retried): {Error}")]
    private partial void LogStoreError(string error);
}
