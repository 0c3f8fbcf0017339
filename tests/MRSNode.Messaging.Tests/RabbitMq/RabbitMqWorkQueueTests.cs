using System.Threading.Channels;
using MRSNode.Messaging.RabbitMq;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Messaging.Tests.RabbitMq;

/// <summary>The work queue against a real broker (one per class, queues deleted before each test).</summary>
[InteropTest]
public sealed class RabbitMqWorkQueueTests(TlsBrokerFixture fixture) : IClassFixture<TlsBrokerFixture>, IAsyncLifetime
{
    public Task InitializeAsync()
    {
        fixture.UseNextVirtualHost();
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [PeerFact(RabbitMqBroker.Server, RabbitMqBroker.Epmd)]
    public async Task PublishAsync_TwentyAtOnceThenConsumed_BodiesRoundTripAndAcksEmptyTheQueue()
    {
        await using var queue = fixture.Queue();
        var sent = Enumerable.Range(1, 20).Select(WorkMessages.New).ToArray();
        await Task.WhenAll(sent.Select(m => queue.PublishAsync(WorkQueues.Jobs, m, CancellationToken.None)));
        Assert.Equal(new QueueDepth(WorkQueues.Jobs, 20, 0), await queue.DepthAsync(WorkQueues.Jobs, CancellationToken.None));

        var received = Channel.CreateUnbounded<WorkDelivery>();
        using var stop = new CancellationTokenSource();
        var consuming = queue.ConsumeAsync(WorkQueues.Jobs, 4, async (d, ct) =>
        {
            await d.AckAsync(ct);
            await received.Writer.WriteAsync(d, ct);
        }, stop.Token);
        var got = new List<WorkDelivery>();
        for (int i = 0; i < sent.Length; i++)
        {
            got.Add(await received.Reader.NextAsync());
        }
        Assert.True(queue.Connected);
        Assert.Equal(sent.OrderBy(m => m.Id), got.Select(d => d.Message).OrderBy(m => m.Id));
        Assert.All(got, d => Assert.Equal(0, d.DeliveryCount));
        Assert.True(await WorkMessages.EventuallyAsync(async () => await queue.DepthAsync(WorkQueues.Jobs, CancellationToken.None) == new QueueDepth(WorkQueues.Jobs, 0, 1)));
        await stop.CancelAsync();
        await consuming;
        Assert.Equal(new QueueDepth(WorkQueues.Jobs, 0, 0), await queue.DepthAsync(WorkQueues.Jobs, CancellationToken.None));
    }

    [PeerFact(RabbitMqBroker.Server, RabbitMqBroker.Epmd)]
    public async Task ConsumeAsync_ConsumerConnectionDiesUnacked_RedeliveredToAnotherWithDeliveryCount1()
    {
        await using var crashed = fixture.Queue();
        await using var survivor = fixture.Queue();
        await survivor.PublishAsync(WorkQueues.Jobs, WorkMessages.New(7), CancellationToken.None);

        // The first consumer takes the message and hangs (a process stuck mid-job, then cut off from the broker).
        var taken = new TaskCompletionSource<WorkDelivery>(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stopCrashed = new CancellationTokenSource();
        var crashedRun = crashed.ConsumeAsync(WorkQueues.Jobs, 1, async (d, _) =>
        {
            taken.SetResult(d);
            await release.Task;
            await d.AckAsync(CancellationToken.None); // too late: its connection is gone
        }, stopCrashed.Token);
        var first = await taken.Task.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(0, first.DeliveryCount);
        var closed = fixture.Broker.Control("close_all_connections", "-p", fixture.VirtualHost, "test: consumer lost");
        Assert.Equal(0, closed.ExitCode);

        var redelivered = new TaskCompletionSource<WorkDelivery>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stopSurvivor = new CancellationTokenSource();
        var survivorRun = survivor.ConsumeAsync(WorkQueues.Jobs, 1, async (d, ct) =>
        {
            await d.AckAsync(ct);
            redelivered.TrySetResult(d);
        }, stopSurvivor.Token);
        var second = await redelivered.Task.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(WorkMessages.New(7), second.Message);
        Assert.Equal(1, second.DeliveryCount);

        release.SetResult(); // the lost ack is logged, not thrown
        await stopCrashed.CancelAsync();
        await stopSurvivor.CancelAsync();
        await Task.WhenAll(crashedRun, survivorRun).WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(0, (await survivor.DepthAsync(WorkQueues.Jobs, CancellationToken.None))!.Ready);
    }

    [PeerFact(RabbitMqBroker.Server, RabbitMqBroker.Epmd)]
    public async Task ConsumeAsync_StoppedWhileTheHandlerRuns_ReturnsAfterItAndTheMessageGoesToTheNextConsumer()
    {
        await using var queue = fixture.Queue();
        await queue.PublishAsync(WorkQueues.Jobs, WorkMessages.New(21), CancellationToken.None);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        bool handlerSawTheStop = false;
        using var stop = new CancellationTokenSource();
        var consuming = queue.ConsumeAsync(WorkQueues.Jobs, 1, async (d, ct) =>
        {
            started.SetResult();
            try
            {
                await Task.Delay(Timeout.Infinite, ct); // a long job
            }
            catch (OperationCanceledException)
            {
                handlerSawTheStop = true;
                throw;
            }
        }, stop.Token);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(60));

        await stop.CancelAsync();
        await consuming.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.True(handlerSawTheStop);

        var next = await ReceiveAsync(queue, WorkQueues.Jobs);
        Assert.Equal(WorkMessages.New(21), next.Message);
        Assert.Equal(1, next.DeliveryCount);
    }

    [PeerFact(RabbitMqBroker.Server, RabbitMqBroker.Epmd)]
    public async Task ConsumeAsync_HandlerReturnsWithoutSettling_RequeuedAndDeliveredAgain()
    {
        await using var queue = fixture.Queue();
        await queue.PublishAsync(WorkQueues.Jobs, WorkMessages.New(22), CancellationToken.None);
        var counts = Channel.CreateUnbounded<long>();
        using var stop = new CancellationTokenSource();
        var consuming = queue.ConsumeAsync(WorkQueues.Jobs, 1, async (d, ct) =>
        {
            await counts.Writer.WriteAsync(d.DeliveryCount, ct);
            if (d.DeliveryCount > 0)
            {
                await d.AckAsync(ct);
            }
        }, stop.Token);

        Assert.Equal(0, await counts.Reader.NextAsync());
        Assert.Equal(1, await counts.Reader.NextAsync());
        Assert.True(await WorkMessages.EventuallyAsync(async () => (await queue.DepthAsync(WorkQueues.Jobs, CancellationToken.None))?.Ready == 0));
        await stop.CancelAsync();
        await consuming;
        Assert.False(counts.Reader.TryRead(out _));
    }

    [PeerFact(RabbitMqBroker.Server, RabbitMqBroker.Epmd)]
    public async Task RejectAsync_WithoutRequeue_MessageMovesToDeadLetterQueue()
    {
        await using var queue = fixture.Queue();
        await queue.PublishAsync(WorkQueues.Jobs, WorkMessages.New(3), CancellationToken.None);
        using var stop = new CancellationTokenSource();
        var rejected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var consuming = queue.ConsumeAsync(WorkQueues.Jobs, 1, async (d, ct) =>
        {
            await d.RejectAsync(requeue: false, ct);
            rejected.SetResult();
        }, stop.Token);
        await rejected.Task.WaitAsync(TimeSpan.FromSeconds(60));

        var dead = await ReceiveDeadLetterAsync(queue);
        Assert.Equal(WorkMessages.New(3), dead.Message);
        Assert.Equal(0, (await queue.DepthAsync(WorkQueues.Jobs, CancellationToken.None))!.Ready);
        await stop.CancelAsync();
        await consuming;
    }

    [PeerFact(RabbitMqBroker.Server, RabbitMqBroker.Epmd)]
    public async Task ConsumeAsync_HandlerAlwaysThrows_RequeuedUntilDeliveryLimitThenDeadLettered()
    {
        await using var queue = fixture.Queue(deliveryLimit: 2);
        await queue.PublishAsync(WorkQueues.Jobs, WorkMessages.New(5), CancellationToken.None);
        var counts = Channel.CreateUnbounded<long>();
        using var stop = new CancellationTokenSource();
        var consuming = queue.ConsumeAsync(WorkQueues.Jobs, 1, async (d, ct) =>
        {
            await counts.Writer.WriteAsync(d.DeliveryCount, ct);
            throw new InvalidOperationException("poison");
        }, stop.Token);

        var dead = await ReceiveDeadLetterAsync(queue);
        Assert.Equal(WorkMessages.New(5), dead.Message);
        await stop.CancelAsync();
        await consuming;
        counts.Writer.Complete();
        var seen = new List<long>();
        await foreach (var c in counts.Reader.ReadAllAsync())
        {
            seen.Add(c);
        }
        // Delivered once, then handed back twice (the limit); the third return dead-letters it.
        Assert.Equal([0L, 1L, 2L], seen);
    }

    [PeerFact(RabbitMqBroker.Server, RabbitMqBroker.Epmd)]
    public async Task ConsumeAsync_UnreadableBody_DeadLetteredWithoutCallingTheHandler()
    {
        await using var queue = fixture.Queue();
        await queue.DepthAsync(WorkQueues.Jobs, CancellationToken.None); // declares the topology
        await fixture.PublishRawAsync(WorkQueues.Jobs, "{\"id\":\"../../etc\",\"storePath\":\"x\",\"sha256\":\"00\",\"createdUtc\":\"2026-12-05T00:00:00Z\"}"u8.ToArray(), "hostile-1");
        await fixture.PublishRawAsync(WorkQueues.Jobs, "not json"u8.ToArray(), "garbage-1");
        int handled = 0;
        using var stop = new CancellationTokenSource();
        var consuming = queue.ConsumeAsync(WorkQueues.Jobs, 1, (d, ct) =>
        {
            Interlocked.Increment(ref handled);
            return d.AckAsync(ct);
        }, stop.Token);
        Assert.True(await WorkMessages.EventuallyAsync(async () => (await queue.DepthAsync(WorkQueues.DeadLetter, CancellationToken.None))?.Ready == 2));
        await stop.CancelAsync();
        await consuming;
        Assert.Equal(0, handled);
        Assert.Equal(0, (await queue.DepthAsync(WorkQueues.Jobs, CancellationToken.None))!.Ready);
    }

    [PeerFact(RabbitMqBroker.Server, RabbitMqBroker.Epmd)]
    public async Task DepthAsync_AfterFirstUse_QueuesAreQuorumWithDeliveryLimitAndDeadLetterExchange()
    {
        await using var queue = fixture.Queue(deliveryLimit: 4);
        await queue.PublishAsync(WorkQueues.Exports, WorkMessages.New(1), CancellationToken.None);
        await queue.DepthAsync(WorkQueues.Jobs, CancellationToken.None);

        var listed = fixture.Broker.Control("list_queues", "-p", fixture.VirtualHost, "--quiet", "--no-table-headers", "name", "type", "arguments");
        Assert.Equal(0, listed.ExitCode);
        var rows = listed.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .ToDictionary(l => l.Split('\t')[0], l => l, StringComparer.Ordinal);
        Assert.Equal([WorkQueues.DeadLetter, WorkQueues.Exports, WorkQueues.Jobs], rows.Keys.Order(StringComparer.Ordinal));
        Assert.All(rows.Values, r => Assert.Equal("quorum", r.Split('\t')[1]));
        const string workQueueArguments = "[{\"x-queue-type\",\"quorum\"},{\"x-delivery-limit\",4},{\"x-dead-letter-exchange\",\"mrsnode.dead-letter\"},"
            + "{\"x-dead-letter-strategy\",\"at-least-once\"},{\"x-overflow\",\"reject-publish\"}]";
        Assert.Equal($"{WorkQueues.Jobs}\tquorum\t{workQueueArguments}", rows[WorkQueues.Jobs]);
        Assert.Equal($"{WorkQueues.Exports}\tquorum\t{workQueueArguments}", rows[WorkQueues.Exports]);
        Assert.Equal($"{WorkQueues.DeadLetter}\tquorum\t[{{\"x-queue-type\",\"quorum\"}}]", rows[WorkQueues.DeadLetter]);
    }

    [PeerFact(RabbitMqBroker.Server, RabbitMqBroker.Epmd)]
    public async Task ConsumeAsync_Prefetch2With5Messages_Exactly2InFlightUntilSettled()
    {
        await using var queue = fixture.Queue();
        for (int n = 1; n <= 5; n++)
        {
            await queue.PublishAsync(WorkQueues.Jobs, WorkMessages.New(n), CancellationToken.None);
        }
        int inFlight = 0, maxInFlight = 0, done = 0;
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stop = new CancellationTokenSource();
        var consuming = queue.ConsumeAsync(WorkQueues.Jobs, 2, async (d, ct) =>
        {
            int now = Interlocked.Increment(ref inFlight);
            InterlockedMax(ref maxInFlight, now);
            await release.Task;
            Interlocked.Decrement(ref inFlight);
            await d.AckAsync(ct);
            Interlocked.Increment(ref done);
        }, stop.Token);

        Assert.True(await WorkMessages.EventuallyAsync(() => Task.FromResult(Volatile.Read(ref inFlight) == 2)));
        // The broker holds the rest back: 3 ready, none handed out beyond the prefetch.
        Assert.Equal(new QueueDepth(WorkQueues.Jobs, 3, 1), await queue.DepthAsync(WorkQueues.Jobs, CancellationToken.None));
        await Task.Delay(500);
        Assert.Equal(2, Volatile.Read(ref inFlight));
        release.SetResult();
        Assert.True(await WorkMessages.EventuallyAsync(() => Task.FromResult(Volatile.Read(ref done) == 5)));
        Assert.Equal(2, maxInFlight);
        await stop.CancelAsync();
        await consuming;
    }

    [PeerFact(RabbitMqBroker.Server, RabbitMqBroker.Epmd)]
    public async Task ConsumeAsync_QueueDeletedUnderTheConsumer_DeclaresItAgainAndReceivesWhatIsPublishedAfter()
    {
        await using var queue = fixture.Queue();
        var received = Channel.CreateUnbounded<WorkDelivery>();
        using var stop = new CancellationTokenSource();
        var consuming = queue.ConsumeAsync(WorkQueues.Jobs, 1, async (d, ct) =>
        {
            await d.AckAsync(ct);
            await received.Writer.WriteAsync(d, ct);
        }, stop.Token);
        Assert.True(await WorkMessages.EventuallyAsync(async () => (await queue.DepthAsync(WorkQueues.Jobs, CancellationToken.None))?.Consumers == 1));

        await fixture.DeleteQueuesAsync(); // an operator's mistake: the broker cancels the consumer
        Assert.True(await WorkMessages.EventuallyAsync(async () => (await queue.DepthAsync(WorkQueues.Jobs, CancellationToken.None))?.Consumers == 1));
        await queue.PublishAsync(WorkQueues.Jobs, WorkMessages.New(9), CancellationToken.None);

        Assert.Equal(WorkMessages.New(9), (await received.Reader.NextAsync()).Message);
        await stop.CancelAsync();
        await consuming;
    }

    [PeerFact(RabbitMqBroker.Server, RabbitMqBroker.Epmd)]
    public async Task PublishAsync_OverTlsTrustingTheCaWithClientCertificate_Confirmed()
    {
        await using var queue = TlsQueue(trustCa: true, clientCertificate: true);
        await queue.PublishAsync(WorkQueues.Exports, WorkMessages.New(11), CancellationToken.None);
        Assert.Equal(new QueueDepth(WorkQueues.Exports, 1, 0), await queue.DepthAsync(WorkQueues.Exports, CancellationToken.None));
        Assert.True(queue.Connected);
    }

    [PeerFact(RabbitMqBroker.Server, RabbitMqBroker.Epmd)]
    public async Task PublishAsync_OverTlsWithoutTrustingTheCa_Unavailable()
    {
        await using var queue = TlsQueue(trustCa: false, clientCertificate: true); // the throw-away CA is in no system store
        var e = await Assert.ThrowsAsync<WorkQueueUnavailableException>(() => queue.PublishAsync(WorkQueues.Exports, WorkMessages.New(12), CancellationToken.None));
        Assert.Contains(WorkMessages.New(12).Id, e.Message, StringComparison.Ordinal);
        Assert.False(queue.Connected);
    }

    [PeerFact(RabbitMqBroker.Server, RabbitMqBroker.Epmd)]
    public async Task PublishAsync_OverTlsWithoutClientCertificateToABrokerRequiringOne_Unavailable()
    {
        await using var queue = TlsQueue(trustCa: true, clientCertificate: false);
        await Assert.ThrowsAsync<WorkQueueUnavailableException>(() => queue.PublishAsync(WorkQueues.Exports, WorkMessages.New(13), CancellationToken.None));
        Assert.False(queue.Connected);
    }

    private RabbitMqWorkQueue TlsQueue(bool trustCa, bool clientCertificate)
    {
        var options = fixture.Options(confirmTimeoutSeconds: 5);
        options.Uri = fixture.Broker.TlsUri!.ToString();
        var certificates = fixture.Certificates!;
        options.Tls.TrustedCaPath = trustCa ? certificates.AuthorityPem : "";
        options.Tls.CertificatePath = clientCertificate ? certificates.ClientCertPem : "";
        options.Tls.KeyPath = clientCertificate ? certificates.ClientKeyPem : "";
        return new RabbitMqWorkQueue(options, Microsoft.Extensions.Logging.Abstractions.NullLogger<RabbitMqWorkQueue>.Instance);
    }

    private static Task<WorkDelivery> ReceiveDeadLetterAsync(RabbitMqWorkQueue queue) => ReceiveAsync(queue, WorkQueues.DeadLetter);

    /// <summary>Consumes one message from <paramref name="name"/>, acks it and stops.</summary>
    private static async Task<WorkDelivery> ReceiveAsync(RabbitMqWorkQueue queue, string name)
    {
        var dead = new TaskCompletionSource<WorkDelivery>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stop = new CancellationTokenSource();
        var consuming = queue.ConsumeAsync(name, 1, async (d, ct) =>
        {
            await d.AckAsync(ct);
            dead.TrySetResult(d);
        }, stop.Token);
        try
        {
            return await dead.Task.WaitAsync(TimeSpan.FromSeconds(60));
        }
        finally
        {
            await stop.CancelAsync();
            await consuming;
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
