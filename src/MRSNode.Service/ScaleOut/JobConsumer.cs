using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MRSNode.Messaging;
using MRSNode.Service.Configuration;
using MRSNode.Service.Observability;
using MRSNode.Service.Processing;
using MRSNode.Service.SharedStore;
using MRSNode.Service.Spool;

namespace MRSNode.Service.ScaleOut;

/// <summary>
/// Worker role: takes jobs from <see cref="WorkQueues.Jobs"/> (prefetch = the worker count) into the local job spool,
/// where <see cref="WorkerService"/> runs them as on a single node; when a job is done or failed its outputs are filed
/// in the shared store, the export message is published, and only then is the delivery acknowledged (the handler waits
/// for its job: the broker's consumer runs up to prefetch handlers at once). Exactly once in
/// effect: a delivery whose job already has outputs in the shared store (a redelivery after a worker died between
/// filing and acknowledging) is not run again, only its export message is published again. A payload that fails its
/// hash is recorded as failed in the shared store and dead-lettered; a job delivered Processing:MaxStarts times
/// (it killed the workers that ran it) fails with a "not processed" report instead of running again.
/// </summary>
public sealed partial class JobConsumer(
    JobSpool jobs, SharedJobStore store, IWorkQueue queue, NodeOptions options, WorkSignal signal,
    NotProcessedReport notProcessed, ScaleOutStatus status, ILogger<JobConsumer> logger) : BackgroundService
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);
    private readonly ConcurrentDictionary<string, bool> _inFlight = new(StringComparer.Ordinal);

    /// <summary>Deliveries taken and not yet settled.</summary>
    public int InFlight => _inFlight.Count;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await queue.ConsumeAsync(WorkQueues.Jobs, WorkerPipelines.WorkerCount(options), HandleAsync, stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: unacknowledged deliveries go back to the queue when the connection closes.
        }
    }

    /// <summary>One delivery: settled at once (a finished or untrusted job) or handed to the local workers.</summary>
    public async Task HandleAsync(WorkDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var m = delivery.Message;
        if (!SharedJobStore.IsJobId(m.Id) || !string.Equals(m.StorePath, SharedJobStore.JobPath(m.Id), StringComparison.Ordinal))
        {
            status.Failed();
            LogRejected(ErrorText.Clean(m.Id), "not a job id or not its store path");
            await delivery.RejectAsync(requeue: false, cancellationToken).ConfigureAwait(false);
            return;
        }
        var id = m.Id;
        if (store.HasOutputs(id))
        {
            await PublishExportAsync(id, store.OutputsHash(id), cancellationToken).ConfigureAwait(false);
            await delivery.AckAsync(cancellationToken).ConfigureAwait(false);
            LogAlreadyFinished(id, delivery.DeliveryCount);
            return;
        }
        if (Untrusted(id, m.Sha256) is { } problem)
        {
            store.RecordFailed(id, problem);
            status.Failed();
            LogRejected(id, problem);
            await delivery.RejectAsync(requeue: false, cancellationToken).ConfigureAwait(false);
            return;
        }
        if (!_inFlight.TryAdd(id, true))
        {
            await delivery.AckAsync(cancellationToken).ConfigureAwait(false); // the same job published twice: the delivery in flight covers it
            return;
        }
        try
        {
            await RunLocallyAsync(delivery, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _inFlight.TryRemove(id, out _);
        }
    }

    private async Task RunLocallyAsync(WorkDelivery delivery, CancellationToken cancellationToken)
    {
        var id = delivery.Message.Id;
        var manifest = JobManifest.FromJson(File.ReadAllText(Path.Combine(store.JobFolder(id), JobSpool.ManifestFile)));
        var inputs = Directory.GetFiles(Path.Combine(store.JobFolder(id), JobSpool.InputsFolder));
        if (jobs.Find(id) is null)
        {
            if (delivery.DeliveryCount >= options.Processing.MaxStarts)
            {
                // Every earlier delivery ended with its worker gone: do not let this study take down another.
                var reason = $"the workers stopped {delivery.DeliveryCount} times while processing this study (job {id}, Processing:MaxStarts {options.Processing.MaxStarts}); it was not processed";
                jobs.Create(manifest, inputs, reason);
                notProcessed.Publish(id, jobs.JobFolder(JobState.Failed, id), manifest, reason);
            }
            else
            {
                jobs.Create(manifest, inputs);
                signal.Pulse();
            }
        }
        status.Started();
        LogTaken(id, delivery.DeliveryCount);
        try
        {
            var state = await WaitUntilEndedAsync(id, cancellationToken).ConfigureAwait(false);
            await SettleAsync(id, state, delivery, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            status.Ended();
        }
    }

    /// <summary>Waits while the local workers run the job; a stop cancels it (the delivery then goes back to the queue).</summary>
    private async Task<JobState> WaitUntilEndedAsync(string id, CancellationToken ct)
    {
        while (true)
        {
            switch (jobs.Find(id))
            {
                case JobState.Done:
                    return JobState.Done;
                case JobState.Failed:
                    return JobState.Failed;
                case null:
                    throw new IOException($"job {id} is no longer in the local spool"); // the delivery is requeued
            }
            await Task.Delay(PollInterval, ct).ConfigureAwait(false);
        }
    }

    private async Task SettleAsync(string id, JobState state, WorkDelivery delivery, CancellationToken ct)
    {
        var folder = jobs.JobFolder(state, id);
        var outputs = Path.Combine(folder, JobSpool.OutputsFolder);
        if (state == JobState.Done)
        {
            var hash = store.WriteOutputs(id, outputs, Finished(StoredOutcome.Done) with { Verdict = Verdict(outputs) });
            await PublishExportAsync(id, hash, ct).ConfigureAwait(false);
            status.Completed();
        }
        else
        {
            var errorPath = Path.Combine(folder, JobSpool.ErrorFile);
            var error = File.Exists(errorPath) ? File.ReadAllText(errorPath).Trim() : "failed";
            if (Directory.Exists(outputs))
            {
                var hash = store.WriteOutputs(id, outputs, Finished(StoredOutcome.Failed) with { Error = error });
                await PublishExportAsync(id, hash, ct).ConfigureAwait(false);
            }
            else
            {
                store.RecordFailed(id, error);
            }
            status.Failed();
        }
        await delivery.AckAsync(ct).ConfigureAwait(false);
        LogSettled(id, state == JobState.Done ? StoredOutcome.Done : StoredOutcome.Failed);
    }

    private Task PublishExportAsync(string id, string hash, CancellationToken ct) =>
        queue.PublishAsync(WorkQueues.Exports, new WorkMessage(id, SharedJobStore.OutputsPath(id), hash, DateTimeOffset.UtcNow), ct);

    /// <summary>Why the stored payload cannot be trusted, or null.</summary>
    private string? Untrusted(string id, string sha256)
    {
        try
        {
            if (!store.HasJob(id))
            {
                return "the job's folder is not in the shared store";
            }
            var actual = PayloadHash.OfJob(store.JobFolder(id));
            if (!string.Equals(actual, sha256, StringComparison.OrdinalIgnoreCase))
            {
                return $"payload hash mismatch: message {Short(sha256)}, store {Short(actual)}";
            }
            _ = JobManifest.FromJson(File.ReadAllText(Path.Combine(store.JobFolder(id), JobSpool.ManifestFile)));
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
        {
            return $"the payload cannot be read: {ex.Message}";
        }
    }

    private static string Short(string? hash) => hash is { Length: > 12 } ? hash[..12] : hash ?? "";

    private static StoredOutcome Finished(string state) => new(state, null, null, DateTimeOffset.UtcNow);

    private static string? Verdict(string outputs)
    {
        var results = Path.Combine(outputs, "results.json");
        if (!File.Exists(results))
        {
            return null;
        }
        using var doc = JsonDocument.Parse(File.ReadAllText(results));
        return doc.RootElement.TryGetProperty("verdict", out var v) ? v.GetString() : null;
    }

    [LoggerMessage(EventId = 1810, Level = LogLevel.Information, Message = "job {JobId} taken from the jobs queue (earlier deliveries: {Deliveries})")]
    private partial void LogTaken(string jobId, long deliveries);

    [LoggerMessage(EventId = 1811, Level = LogLevel.Information, Message = "job {JobId} {State}: outputs in the shared store, export message published, delivery acknowledged")]
    private partial void LogSettled(string jobId, string state);

    [LoggerMessage(EventId = 1812, Level = LogLevel.Information, Message = "job {JobId} redelivered (earlier deliveries: {Deliveries}) but already finished: not run again, export message published again")]
    private partial void LogAlreadyFinished(string jobId, long deliveries);

    [LoggerMessage(EventId = 1813, Level = LogLevel.Error, Message = "job {JobId} dead-lettered: {Reason}")]
    private partial void LogRejected(string jobId, string reason);
}
