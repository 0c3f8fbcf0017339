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
            try
            {
                bool wasConnected = await ConsumeUntilClosedAsync(cancellationToken);
                if (wasConnected)
                {
                    backoff = options.ReconnectInitial;
                }
                reason = "connection closed";
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
        e is RabbitMQClientException or IOException or System.Net.Sockets.SocketException or TimeoutException or OperationCanceledException;

    /// <returns>Whether a consumer was registered (the connection worked) before it closed.</returns>
    private async Task<bool> ConsumeUntilClosedAsync(CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        openConnections.Opened();
        try
        {
            await topology.DeclareAsync(connection, queue, cancellationToken);
            await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
            var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            channel.ChannelShutdownAsync += (_, _) =>
            {
                closed.TrySetResult();
                return Task.CompletedTask;
            };
            connection.ConnectionShutdownAsync += (_, _) =>
            {
                closed.TrySetResult();
                return Task.CompletedTask;
            };
            await channel.BasicQosAsync(prefetchSize: 0, prefetchCount: prefetch, global: false, cancellationToken);
            var consumer = new AsyncEventingBasicConsumer(channel);
            consumer.ReceivedAsync += (_, delivery) => ReceiveAsync(channel, delivery, cancellationToken);
            string tag = await channel.BasicConsumeAsync(queue, autoAck: false, consumer, cancellationToken);
            log.Connected(connections.Endpoint, "consumer of " + queue);
            try
            {
                await closed.Task.WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested && channel.IsOpen)
            {
                // Stop taking new deliveries, let the running handlers settle theirs, then close (unsettled ones go back to the queue).
                await channel.BasicCancelAsync(tag, noWait: false, CancellationToken.None);
                await WaitForHandlersAsync();
                await channel.CloseAsync(CancellationToken.None);
                throw;
            }
            finally
            {
                // Before the channel is disposed: a handler still running settles on it (or learns it is gone).
                await WaitForHandlersAsync();
            }
            return true;
        }
        finally
        {
            openConnections.Closed();
        }
    }

    private async Task ReceiveAsync(IChannel channel, BasicDeliverEventArgs delivery, CancellationToken cancellationToken)
    {
        // The body is only valid during this callback: decode it here.
        var message = WorkMessageCodec.Decode(delivery.Body.Span);
        if (message is null)
        {
            log.UnreadableMessage(delivery.BasicProperties.MessageId ?? "(none)", queue, delivery.Body.Length);
            await channel.BasicRejectAsync(delivery.DeliveryTag, requeue: false, CancellationToken.None);
            return;
        }
        var work = new RabbitMqDelivery(message, DeliveryCount(delivery.BasicProperties), channel, delivery.DeliveryTag, queue, log);
        lock (_running)
        {
            _running.RemoveAll(t => t.IsCompleted);
            _running.Add(Task.Run(() => HandleAsync(work, cancellationToken), CancellationToken.None));
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
#pragma warning disable CA1031 // A handler's failure of any kind requeues its message; the consumer must go on with the next one.
        catch (Exception e)
#pragma warning restore CA1031
        {
            log.HandlerFailed(work.Message.Id, work.Message.StorePath, queue, e.GetType().Name + ": " + e.Message);
            if (!work.Settled)
            {
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

/// <summary>The broker connections a queue has open (its publisher's and its consumers'), for <see cref="IWorkQueue.Connected"/>.</summary>
internal sealed class ConnectionCount
{
    private int _open;

    public bool Any => Volatile.Read(ref _open) > 0;

    public void Opened() => Interlocked.Increment(ref _open);

    public void Closed() => Interlocked.Decrement(ref _open);
}
