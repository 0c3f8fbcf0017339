using System.Diagnostics;
using System.Threading.Channels;
using MRSNode.TestSupport;
using Xunit;
using Xunit.Abstractions;

namespace MRSNode.Messaging.Tests.RabbitMq;

/// <summary>The work queue while its broker stops, crashes and comes back (a broker of its own: these tests stop it).</summary>
[InteropTest]
public sealed class RabbitMqWorkQueueOutageTests(BrokerFixture fixture, ITestOutputHelper output) : IClassFixture<BrokerFixture>, IAsyncLifetime
{
    public async Task InitializeAsync()
    {
        if (RabbitMqBroker.MissingReason is null)
        {
            await fixture.Broker.StartAsync(); // running again, whatever the test before left
            fixture.UseNextVirtualHost();
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [PeerFact(RabbitMqBroker.Server, RabbitMqBroker.Epmd)]
    public async Task PublishAsync_BrokerStopped_UnavailableWithinTheTimeoutAndDepthUnknown()
    {
        await using var queue = fixture.Queue(confirmTimeoutSeconds: 3, output: output);
        await queue.PublishAsync(WorkQueues.Jobs, WorkMessages.New(1), CancellationToken.None);
        Assert.True(queue.Connected);

        await fixture.Broker.StopAsync();
        var clock = Stopwatch.StartNew();
        var e = await Assert.ThrowsAsync<WorkQueueUnavailableException>(() => queue.PublishAsync(WorkQueues.Jobs, WorkMessages.New(2), CancellationToken.None));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}"); // a hang detector; the timeout is 3 s
        Assert.Contains(WorkMessages.New(2).Id, e.Message, StringComparison.Ordinal);
        Assert.False(queue.Connected);
        Assert.Null(await queue.DepthAsync(WorkQueues.Jobs, CancellationToken.None));

        await fixture.Broker.StartAsync();
        await queue.PublishAsync(WorkQueues.Jobs, WorkMessages.New(3), CancellationToken.None);
        // The confirmed messages survived the stop; the refused one never entered.
        Assert.Equal(new QueueDepth(WorkQueues.Jobs, 2, 0), await queue.DepthAsync(WorkQueues.Jobs, CancellationToken.None));
    }

    [PeerFact(RabbitMqBroker.Server, RabbitMqBroker.Epmd)]
    public async Task ConsumeAsync_BrokerStoppedAndStarted_ResumesAndReceivesWhatIsPublishedAfter()
    {
        await using var queue = fixture.Queue(confirmTimeoutSeconds: 3, output: output);
        var received = Channel.CreateUnbounded<WorkDelivery>();
        using var stop = new CancellationTokenSource();
        var consuming = queue.ConsumeAsync(WorkQueues.Jobs, 2, async (d, ct) =>
        {
            await d.AckAsync(ct);
            await received.Writer.WriteAsync(d, ct);
        }, stop.Token);
        await queue.PublishAsync(WorkQueues.Jobs, WorkMessages.New(1), CancellationToken.None);
        Assert.Equal(WorkMessages.New(1), (await received.Reader.NextAsync()).Message);

        await fixture.Broker.StopAsync();
        await Task.Delay(TimeSpan.FromSeconds(2)); // the consumer retries against a broker that is not there
        Assert.False(consuming.IsCompleted);
        await fixture.Broker.StartAsync();
        Assert.True(await WorkMessages.EventuallyAsync(async () => (await queue.DepthAsync(WorkQueues.Jobs, CancellationToken.None))?.Consumers == 1));

        await queue.PublishAsync(WorkQueues.Jobs, WorkMessages.New(2), CancellationToken.None);
        var after = await received.Reader.NextAsync();
        Assert.Equal(WorkMessages.New(2), after.Message);
        Assert.Equal(0, after.DeliveryCount);
        await stop.CancelAsync();
        await consuming.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.False(received.Reader.TryRead(out _));
    }

    [PeerFact(RabbitMqBroker.Server, RabbitMqBroker.Epmd)]
    public async Task PublishAsync_ConfirmedThenBrokerKilled_EveryConfirmedMessageSurvivesTheCrash()
    {
        await using var queue = fixture.Queue(output: output);
        // An established queue, as in production: RabbitMQ 3.10 persists a new quorum queue's registration lazily, and
        // one declared a moment before a SIGKILL comes back empty and unusable. A clean restart settles it.
        await queue.DepthAsync(WorkQueues.Exports, CancellationToken.None);
        await fixture.Broker.StopAsync();
        await fixture.Broker.StartAsync();
        var sent = Enumerable.Range(1, 25).Select(WorkMessages.New).ToArray();
        await Task.WhenAll(sent.Select(m => queue.PublishAsync(WorkQueues.Exports, m, CancellationToken.None)));

        await fixture.Broker.KillAsync(); // SIGKILL: only what reached the disk before the confirm remains
        await fixture.Broker.StartAsync();

        var received = Channel.CreateUnbounded<WorkMessage>();
        using var stop = new CancellationTokenSource();
        var consuming = queue.ConsumeAsync(WorkQueues.Exports, 5, async (d, ct) =>
        {
            await d.AckAsync(ct);
            await received.Writer.WriteAsync(d.Message, ct);
        }, stop.Token);
        var got = new List<WorkMessage>();
        for (int i = 0; i < sent.Length; i++)
        {
            got.Add(await received.Reader.NextAsync());
        }
        await stop.CancelAsync();
        await consuming;
        Assert.Equal(sent.OrderBy(m => m.Id), got.OrderBy(m => m.Id));
    }
}
