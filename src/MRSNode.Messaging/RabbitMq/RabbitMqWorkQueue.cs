using Microsoft.Extensions.Logging;
using RabbitMQ.Client;

namespace MRSNode.Messaging.RabbitMq;

/// <summary>
/// <see cref="IWorkQueue"/> on RabbitMQ: quorum queues declared idempotently, persistent JSON messages (MessageId =
/// the work's id), publisher confirms, manual acknowledgements, a delivery limit and a dead-letter queue for poison
/// messages, consumers that reconnect with backoff. Publishing and <see cref="DepthAsync"/> share one connection,
/// opened when first needed and again after it broke; every <see cref="ConsumeAsync"/> has its own.
/// </summary>
public sealed class RabbitMqWorkQueue : IWorkQueue
{
    private readonly RabbitMqOptions _options;
    private readonly RabbitMqConnections _connections;
    private readonly RabbitMqTopology _topology;
    private readonly MessagingLog _log;
    private readonly ConnectionCount _open = new();
    private readonly SemaphoreSlim _publisherGate = new(1, 1);
    private readonly HashSet<string> _declared = new(StringComparer.Ordinal);
    private IConnection? _publisherConnection;
    private IChannel? _publisherChannel;
    private bool _disposed;

    public RabbitMqWorkQueue(RabbitMqOptions options, ILogger<RabbitMqWorkQueue> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Problems();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", problems), nameof(options));
        }
        _options = options;
        _connections = new RabbitMqConnections(options);
        _log = new MessagingLog(logger);
        _topology = new RabbitMqTopology(options, _log);
    }

    /// <summary>host:port/vhost of the broker (no credentials), for status pages.</summary>
    public string Endpoint => _connections.Endpoint;

    public bool Connected => _publisherConnection is { IsOpen: true } || _open.Any;

    public async Task PublishAsync(string queue, WorkMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!WorkMessageCodec.IsSafeId(message.Id) || !WorkMessageCodec.IsSafeStorePath(message.StorePath))
        {
            throw new ArgumentException($"work message id or store path is not a safe name: {message.Id}", nameof(message));
        }
        var properties = new BasicProperties
        {
            Persistent = true,
            MessageId = message.Id,
            ContentType = WorkMessageCodec.ContentType,
            Timestamp = new AmqpTimestamp(message.CreatedUtc.ToUnixTimeSeconds()),
        };
        var body = WorkMessageCodec.Encode(message);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.ConfirmTimeout);
        IChannel? channel = null;
        try
        {
            (_, channel) = await PublisherChannelAsync(queue, timeout.Token);
            // Confirm tracking is on: this returns once the broker confirmed, throws PublishException on a nack or a return.
            await channel.BasicPublishAsync(exchange: "", routingKey: queue, mandatory: true, properties, body, timeout.Token);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && RabbitMqConsumer.IsBrokerFault(e))
        {
            string reason = e is OperationCanceledException ? $"no confirm within {_options.ConfirmTimeoutSeconds} s" : e.GetType().Name + ": " + e.Message;
            _log.PublishFailed(message.Id, queue, reason);
            await DropPublisherAsync(channel);
            throw new WorkQueueUnavailableException($"the broker at {Endpoint} did not take {message.Id}: {reason}", e);
        }
    }

    public Task ConsumeAsync(string queue, int prefetch, Func<WorkDelivery, CancellationToken, Task> handler, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentOutOfRangeException.ThrowIfLessThan(prefetch, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(prefetch, ushort.MaxValue);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var consumer = new RabbitMqConsumer(_connections, _topology, _options, _log, _open, queue, (ushort)prefetch, handler);
        return consumer.RunAsync(cancellationToken);
    }

    public async Task<QueueDepth?> DepthAsync(string queue, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.ConfirmTimeout);
        try
        {
            var (connection, _) = await PublisherChannelAsync(queue, timeout.Token);
            // A channel of its own: a passive declare of a missing queue closes its channel.
            await using var channel = await connection.CreateChannelAsync(cancellationToken: timeout.Token);
            var ok = await channel.QueueDeclarePassiveAsync(queue, timeout.Token);
            return new QueueDepth(queue, ok.MessageCount, (int)ok.ConsumerCount);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && RabbitMqConsumer.IsBrokerFault(e))
        {
            return null;
        }
    }

    /// <summary>The publisher's connection and its open confirm channel, after (re)connecting and declaring <paramref name="queue"/> where needed.</summary>
    private async Task<(IConnection Connection, IChannel Channel)> PublisherChannelAsync(string queue, CancellationToken cancellationToken)
    {
        await _publisherGate.WaitAsync(cancellationToken);
        try
        {
            if (_publisherChannel is not { IsOpen: true } || _publisherConnection is not { IsOpen: true })
            {
                await CloseQuietlyAsync(_publisherChannel, _publisherConnection);
                _publisherChannel = null;
                _publisherConnection = null;
                _declared.Clear();
                var connection = await _connections.OpenAsync(cancellationToken);
                try
                {
                    _publisherChannel = await connection.CreateChannelAsync(
                        new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken);
                }
                catch
                {
                    await CloseQuietlyAsync(null, connection);
                    throw;
                }
                _publisherConnection = connection;
                _log.Connected(Endpoint, "publisher");
            }
            if (_declared.Add(queue))
            {
                try
                {
                    await _topology.DeclareAsync(_publisherConnection, queue, cancellationToken);
                }
                catch
                {
                    _declared.Remove(queue);
                    throw;
                }
            }
            return (_publisherConnection!, _publisherChannel!);
        }
        finally
        {
            _publisherGate.Release();
        }
    }

    /// <summary>Forgets the publisher connection after a failure on <paramref name="failed"/> (unless another caller already replaced it).</summary>
    private async Task DropPublisherAsync(IChannel? failed)
    {
        await _publisherGate.WaitAsync(CancellationToken.None);
        try
        {
            if (failed is null || ReferenceEquals(failed, _publisherChannel))
            {
                await CloseQuietlyAsync(_publisherChannel, _publisherConnection);
                _publisherChannel = null;
                _publisherConnection = null;
                _declared.Clear();
            }
        }
        finally
        {
            _publisherGate.Release();
        }
    }

    private static async Task CloseQuietlyAsync(IChannel? channel, IConnection? connection)
    {
        try
        {
            if (channel is not null)
            {
                await channel.DisposeAsync();
            }
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }
        }
        catch (Exception e) when (RabbitMqConsumer.IsBrokerFault(e))
        {
            // Closing what is already broken: nothing left to do.
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        await DropPublisherAsync(null);
        _publisherGate.Dispose();
    }
}
