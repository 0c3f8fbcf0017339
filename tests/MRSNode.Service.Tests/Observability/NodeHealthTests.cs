using MRSNode.Service.Configuration;
using MRSNode.Service.Export;
using MRSNode.Service.Observability;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Service.Tests.Observability;

[UnitTest]
public class NodeHealthTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 2, 12, 0, 0, TimeSpan.Zero);

    private static (NodeOptions Options, NodeStatus Status, Outbox Outbox) Node()
    {
        var options = new NodeOptions();
        options.Processing.JobTimeLimitSeconds = 600;
        options.Destinations.Add(new DestinationOptions { Name = "pacs", AeTitle = "PACS", Host = "127.0.0.1", Port = 104 });
        return (options, new NodeStatus(), new Outbox(TestData.NewTempFolder(), options.Destinations));
    }

    [Fact]
    public void Evaluate_JobsWithinHalfTheLimitAndDestinationsSending_Ok()
    {
        var (options, status, outbox) = Node();
        status.JobStarted("job-1", Now.AddSeconds(-299));
        status.Destination(new DestinationState("pacs", "PACS@127.0.0.1:104", Now, null, 0, null, 12));

        var health = NodeHealth.Evaluate(options, status, outbox, Now);

        Assert.Equal("ok", health.Status);
        Assert.Empty(health.Reasons);
    }

    [Fact]
    public void Evaluate_JobOverHalfTheLimit_DegradedNamingTheJob()
    {
        var (options, status, outbox) = Node();
        status.JobStarted("job-1", Now.AddSeconds(-301));
        status.JobStarted("job-2", Now.AddSeconds(-10));

        var health = NodeHealth.Evaluate(options, status, outbox, Now);

        Assert.Equal("degraded", health.Status);
        Assert.Equal(["worker stuck: job job-1 has run 301 s, over half of Processing:JobTimeLimitSeconds (600 s)"], health.Reasons);
    }

    [Fact]
    public void Evaluate_JobEnded_NoLongerCounted()
    {
        var (options, status, outbox) = Node();
        status.JobStarted("job-1", Now.AddHours(-1));

        status.JobEnded("job-1");

        Assert.Equal("ok", NodeHealth.Evaluate(options, status, outbox, Now).Status);
    }

    [Fact]
    public void Evaluate_DestinationRetrying_DegradedWithTheNextAttempt()
    {
        var (options, status, outbox) = Node();
        status.Destination(new DestinationState("pacs", "PACS@127.0.0.1:104", null, "connection refused", 3, Now.AddSeconds(20), 0));

        var health = NodeHealth.Evaluate(options, status, outbox, Now);

        Assert.Equal("degraded", health.Status);
        Assert.Equal(["destination pacs failing: 3 consecutive failure(s), retrying with backoff, next attempt 2026-01-02T12:00:20.0000000Z"], health.Reasons);
    }

    [Fact]
    public void Evaluate_ObjectDeadLetteredWithinTheHourOnly_Degraded()
    {
        var (options, status, outbox) = Node();
        var folder = Directory.CreateDirectory(Path.Combine(outbox.DestinationFolder("pacs"), Outbox.DeadLetterFolder, "job-1")).FullName;
        var reason = Path.Combine(folder, "sr.dcm.error.txt");
        File.WriteAllText(reason, "refused 5 times");
        File.SetLastWriteTimeUtc(reason, Now.AddMinutes(-59).UtcDateTime);

        var recent = NodeHealth.Evaluate(options, status, outbox, Now);
        var later = NodeHealth.Evaluate(options, status, outbox, Now.AddMinutes(2));

        Assert.Equal("degraded", recent.Status);
        Assert.Equal(["destination pacs: an object went to the dead-letter folder at 2026-01-02T11:01:00.0000000Z"], recent.Reasons);
        Assert.Equal("ok", later.Status);
    }

    [Fact]
    public void Evaluate_BrokerUnreachable_DegradedNamingTheRole()
    {
        var (options, status, outbox) = Node();
        var scaleOut = new ScaleOutStatus(NodeRole.Worker);
        scaleOut.BrokerUnreachable("connection refused");

        var health = NodeHealth.Evaluate(options, status, outbox, Now, scaleOut);

        Assert.Equal("degraded", health.Status);
        Assert.Equal(["broker unreachable (worker role): connection refused"], health.Reasons);
    }

    [Fact]
    public void Evaluate_BrokerBackAgain_Ok()
    {
        var (options, status, outbox) = Node();
        var scaleOut = new ScaleOutStatus(NodeRole.Export);
        scaleOut.BrokerUnreachable("connection refused");
        scaleOut.BrokerReachable();

        Assert.Equal("ok", NodeHealth.Evaluate(options, status, outbox, Now, scaleOut).Status);
    }
}
