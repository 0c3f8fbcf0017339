using Microsoft.Extensions.Hosting;
using MRSNode.Messaging;
using MRSNode.Service.Configuration;
using MRSNode.Service.Observability;

namespace MRSNode.Service.ScaleOut;

/// <summary>Asks the broker every few seconds for the depth and consumers of the queues this role uses, for the status page and /health.</summary>
public sealed class QueueMonitor(IWorkQueue queue, ScaleOutStatus status) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    /// <summary>The queues a role reads or writes, and the dead-letter queue its rejections go to.</summary>
    public static IReadOnlyList<string> QueuesOf(NodeRole role) => role switch
    {
        NodeRole.Intake => [WorkQueues.Jobs, WorkQueues.DeadLetter],
        NodeRole.Worker => [WorkQueues.Jobs, WorkQueues.Exports, WorkQueues.DeadLetter],
        NodeRole.Export => [WorkQueues.Exports, WorkQueues.DeadLetter],
        _ => [],
    };

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ObserveAsync(stoppingToken).ConfigureAwait(false);
                await Task.Delay(Interval, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>One look at the broker: each queue's depth, and whether the broker answered at all.</summary>
    public async Task ObserveAsync(CancellationToken cancellationToken)
    {
        bool answered = false;
        string? error = null;
        foreach (var name in QueuesOf(status.Role))
        {
            QueueDepth? depth = null;
            try
            {
                depth = await queue.DepthAsync(name, cancellationToken).ConfigureAwait(false);
            }
            catch (WorkQueueUnavailableException ex)
            {
                error = ex.Message;
            }
            status.Observed(name, depth);
            answered |= depth is not null;
        }
        if (answered && queue.Connected)
        {
            status.BrokerReachable();
        }
        else
        {
            status.BrokerUnreachable(error ?? "no connection to the broker");
        }
    }
}
