using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MRSNode.Messaging;
using MRSNode.Service.Export;
using MRSNode.Service.Observability;
using MRSNode.Service.SharedStore;

namespace MRSNode.Service.ScaleOut;

/// <summary>
/// Export role: takes finished jobs from <see cref="WorkQueues.Exports"/> and puts their outputs into this node's
/// <see cref="Outbox"/>, acknowledging once they are durable there; <see cref="DestinationSender"/> then sends them,
/// claiming each object in the shared <see cref="SentLedger"/> first. A redelivery to this node is a no-op (the outbox
/// has the job already); to another export node, the ledger lets only one of them send each object.
/// </summary>
public sealed partial class ExportConsumer(SharedJobStore store, IWorkQueue queue, Outbox outbox, ScaleOutStatus status, ILogger<ExportConsumer> logger)
    : BackgroundService
{
    /// <summary>Deliveries handled at once: copying into the outbox is I/O, a few in parallel keep the disk busy.</summary>
    private const int Prefetch = 4;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await queue.ConsumeAsync(WorkQueues.Exports, Prefetch, HandleAsync, stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: unacknowledged deliveries go back to the queue when the connection closes.
        }
    }

    public async Task HandleAsync(WorkDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var m = delivery.Message;
        string? problem = null;
        if (!SharedJobStore.IsJobId(m.Id) || !string.Equals(m.StorePath, SharedJobStore.OutputsPath(m.Id), StringComparison.Ordinal))
        {
            problem = "not a job id or not its outputs' store path";
        }
        else if (!store.HasOutputs(m.Id))
        {
            problem = "the job's outputs are not in the shared store";
        }
        else if (!string.Equals(store.OutputsHash(m.Id), m.Sha256, StringComparison.OrdinalIgnoreCase))
        {
            problem = "outputs hash mismatch";
        }
        if (problem is not null)
        {
            if (SharedJobStore.IsJobId(m.Id))
            {
                store.RecordFailed(m.Id, $"export: {problem}");
            }
            status.Failed();
            LogRejected(ErrorText.Clean(m.Id), problem);
            await delivery.RejectAsync(requeue: false, cancellationToken).ConfigureAwait(false);
            return;
        }
        status.Started();
        try
        {
            outbox.Publish(m.Id, store.OutputFiles(m.Id));
            await delivery.AckAsync(cancellationToken).ConfigureAwait(false);
            status.Completed();
            LogQueued(m.Id, delivery.DeliveryCount);
        }
        finally
        {
            status.Ended();
        }
    }

    [LoggerMessage(EventId = 1820, Level = LogLevel.Information, Message = "job {JobId}: outputs in the outbox, export delivery acknowledged (earlier deliveries: {Deliveries})")]
    private partial void LogQueued(string jobId, long deliveries);

    [LoggerMessage(EventId = 1821, Level = LogLevel.Error, Message = "export of job {JobId} dead-lettered: {Reason}")]
    private partial void LogRejected(string jobId, string reason);
}
