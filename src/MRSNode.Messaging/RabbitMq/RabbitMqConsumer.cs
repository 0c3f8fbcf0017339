using System.Text;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using RabbitMQ.Client.Exceptions;

namespace MRSNode.Messaging.RabbitMq;

/// <summary>
/// One <see cref="IWorkQueue.ConsumeAsync"/>: a connection of its own, reopened with exponential backoff whenever the
/// broker goes away, a channel with the prefetch as its QoS, each delivery handed to the handler on the thread pool
/// (so up to prefetch handlers run at once). Before it reconnects or returns it waits for the handlers still running,
/// so one process never works on a message twice at the same time.
/// </summary>
internal sealed class RabbitMqConsumer(
    RabbitMqConnections connections,
    RabbitMqTopology topology,
    RabbitMqOptions options,
    MessagingLog log,
    ConnectionCount openConnections,
    string queue,
    ushort prefetch,
    Func<WorkDelivery, CancellationToken, Task> handler)
{
    private const string DeliveryCountHeader = "x-delivery-count";

    private readonly List<Task> _running = [];

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var backoff = options.ReconnectInitial;
        while (!cancellationToken.IsCancellationRequested)
        {
            string reason;
            var session = System.Diagnostics.Stopwatch.StartNew();
            try
            {
                reason = await ConsumeUntilClosedAsync(cancellationToken);
                if (session.Elapsed > options.ReconnectMax)
                {
                    backoff = options.ReconnectInitial; // it worked for a while: the next try comes soon (a flapping broker keeps the long wait)
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (IsBrokerFault(e))
            {
                reason = e.GetType().Name + ": " + e.Message;
            }
            finally
            {
                await WaitForHandlersAsync();
            }
            if (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            log.ConsumerConnectionLost(connections.Endpoint, "consumer of " + queue, reason, backoff.TotalSeconds);
            try
            {
                await Task.Delay(backoff, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, options.ReconnectMax.Ticks));
        }
    }

    /// <summary>True when the failure is the broker's or the network's (worth a reconnect), not a bug of ours.</summary>
    internal static bool IsBrokerFault(Exception e) =>
        e is RabbitMQClientException or IOException or System.Net.Sockets.SocketException or TimeoutException or OperationCanceledException
            // a channel or connection closed and disposed under us by another caller that saw it fail first
            or ObjectDisposedException;

    /// <returns>Why the consumer stopped (it was registered: the connection worked).</returns>
    private async Task<string> ConsumeUntilClosedAsync(CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        openConnections.Opened();
        try
        {
            await topology.DeclareAsync(connection, queue, cancellationToken);
            await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
            var closed = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            channel.ChannelShutdownAsync += (_, e) =>
            {
                closed.TrySetResult("channel closed: " + e.ReplyText);
                return Task.CompletedTask;
            };
            connection.ConnectionShutdownAsync += (_, e) =>
            {
                closed.TrySetResult("connection closed: " + e.ReplyText);
                return Task.CompletedTask;
            };
            await channel.BasicQosAsync(prefetchSize: 0, prefetchCount: prefetch, global: false, cancellationToken);
            var consumer = new AsyncEventingBasicConsumer(channel);
            // The handlers' token ends only once the broker has stopped delivering to us (below): a handler that
            // gave its message back on the stop would otherwise get it again at once, and again.
            using var handlersStop = new CancellationTokenSource();
            consumer.ReceivedAsync += (_, delivery) => ReceiveAsync(channel, delivery, stopping: cancellationToken, handlersStop.Token);
            // The broker cancels a consumer whose queue was deleted; the channel stays open but nothing more comes.
            consumer.UnregisteredAsync += (_, _) =>
            {
                closed.TrySetResult("consumer cancelled by the broker (queue deleted?)");
                return Task.CompletedTask;
            };
            string tag = await channel.BasicConsumeAsync(queue, autoAck: false, consumer, cancellationToken);
            log.Connected(connections.Endpoint, "consumer of " + queue);
            string reason;
            try
            {
                reason = await closed.Task.WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested && channel.IsOpen)
            {
                // Stop taking new deliveries, let the running handlers settle theirs, then close (unsettled ones go back to the queue).
                try
                {
                    await channel.BasicCancelAsync(tag, noWait: false, CancellationToken.None);
                }
                finally
                {
                    await handlersStop.CancelAsync();
                }
                await WaitForHandlersAsync();
                await channel.CloseAsync(CancellationToken.None);
                throw;
            }
            finally
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    await handlersStop.CancelAsync();
                }
                // Before the channel is disposed: a handler still running settles on it (or learns it is gone).
                await WaitForHandlersAsync();
            }
            return reason;
        }
        finally
        {
            openConnections.Closed();
        }
    }

    private async Task ReceiveAsync(IChannel channel, BasicDeliverEventArgs delivery, CancellationToken stopping, CancellationToken handlersStop)
    {
        if (stopping.IsCancellationRequested)
        {
            // Arrived while we stop: straight back to the queue, no handler starts on it.
            await RejectQuietlyAsync(channel, delivery.DeliveryTag, requeue: true);
            return;
        }
        // The body is only valid during this callback: decode it here.
        var message = WorkMessageCodec.Decode(delivery.Body.Span);
        if (message is null)
        {
            log.UnreadableMessage(delivery.BasicProperties.MessageId ?? "(none)", queue, delivery.Body.Length);
            await RejectQuietlyAsync(channel, delivery.DeliveryTag, requeue: false);
            return;
        }
        var work = new RabbitMqDelivery(message, DeliveryCount(delivery.BasicProperties), channel, delivery.DeliveryTag, queue, log);
        lock (_running)
        {
            _running.RemoveAll(t => t.IsCompleted);
            _running.Add(Task.Run(() => HandleAsync(work, handlersStop), CancellationToken.None));
        }
    }

    /// <summary>A reject from the delivery callback; on a channel already closed the broker has the message back anyway.</summary>
    private static async Task RejectQuietlyAsync(IChannel channel, ulong deliveryTag, bool requeue)
    {
        try
        {
            await channel.BasicRejectAsync(deliveryTag, requeue, CancellationToken.None);
        }
        catch (AlreadyClosedException)
        {
        }
    }

    private async Task HandleAsync(RabbitMqDelivery work, CancellationToken cancellationToken)
    {
        try
        {
            await handler(work, cancellationToken);
            if (!work.Settled)
            {
                log.HandlerLeftUnsettled(work.Message.Id, queue);
                await work.RejectAsync(requeue: true, CancellationToken.None);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: the work goes back to the queue for the next consumer, no warning.
            if (!work.Settled)
            {
                await work.RejectAsync(requeue: true, CancellationToken.None);
            }
        }
#pragma warning disable CA1031 // A handler's failure of any kind requeues its message; the consumer must go on with the next one.
        catch (Exception e)
#pragma warning restore CA1031
        {
            var pause = options.RequeuePause(work.DeliveryCount);
            log.HandlerFailed(work.Message.Id, work.Message.StorePath, queue, e.GetType().Name + ": " + e.Message, pause.TotalSeconds);
            if (!work.Settled)
            {
                // A pause before the requeue, growing with each delivery: a transient fault (the shared store away for
                // a minute) must not use up the delivery limit in a second and dead-letter a good job.
                try
                {
                    await Task.Delay(pause, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    // stopping: requeue now
                }
                await work.RejectAsync(requeue: true, CancellationToken.None);
            }
        }
    }

    /// <summary>Earlier deliveries of this message: the quorum queue's x-delivery-count (absent the first time).</summary>
    internal static long DeliveryCount(IReadOnlyBasicProperties properties) =>
        properties.Headers?.TryGetValue(DeliveryCountHeader, out var value) == true
            ? value switch
            {
                long l => l,
                int i => i,
                short s => s,
                byte b => b,
                byte[] text when long.TryParse(Encoding.ASCII.GetString(text), out var parsed) => parsed,
                _ => 0,
            }
            : 0;

    private async Task WaitForHandlersAsync()
    {
        Task[] running;
        lock (_running)
        {
            running = [.. _running];
            _running.Clear();
        }
        await Task.WhenAll(running);
    }
}
