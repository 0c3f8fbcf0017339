using MRSNode.Service.Configuration;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Service.Tests.Configuration;

[UnitTest]
public class NodeOptionsValidatorTests
{
    [Fact]
    public void Options_MaxObjectBytesDefault_Is512MiB()
    {
        var options = NodeHost.Options(NodeHost.BuildConfiguration(null, new Dictionary<string, string?>()));

        Assert.Equal(512L << 20, options.Node.MaxObjectBytes);
    }

    [Fact]
    public void Errors_MaxObjectBytesUnderOneMiB_NamesTheKey()
    {
        var options = new NodeOptions { Node = new NodeSection { MaxObjectBytes = 1000 } };

        Assert.Equal(["Node:MaxObjectBytes 1000 must be at least 1048576 (1 MiB)"], NodeOptionsValidator.Errors(options));
    }

    [Fact]
    public void Errors_DefaultRoleAndQueue_NoneAndTheSingleNode()
    {
        var options = NodeHost.Options(NodeHost.BuildConfiguration(null, new Dictionary<string, string?>()));

        Assert.Equal(("all", "file"), (options.Node.Role, options.Queue.Kind));
        Assert.Equal(NodeRole.All, NodeRoles.Of(options));
    }

    [Fact]
    public void Errors_WorkerRoleOnTheFileSpool_OneLine()
    {
        var options = new NodeOptions { Node = new NodeSection { Role = "worker" } };

        Assert.Equal(["Node:Role worker needs Queue:Kind rabbitmq (with Queue:Kind file the node runs every role: Node:Role all)"], NodeOptionsValidator.Errors(options));
    }

    [Fact]
    public void Errors_UnknownRoleAndKind_NameTheKeys()
    {
        var options = new NodeOptions { Node = new NodeSection { Role = "boss" }, Queue = new QueueSection { Kind = "kafka" } };

        Assert.Equal(["Node:Role 'boss' must be all, intake, worker or export", "Queue:Kind 'kafka' must be file or rabbitmq"], NodeOptionsValidator.Errors(options));
    }

    [Fact]
    public void Errors_RabbitMqWithoutStoreOrRoleAndABadUri_EveryProblem()
    {
        var options = new NodeOptions { Queue = new QueueSection { Kind = "rabbitmq" } };
        options.Queue.RabbitMq.Uri = "http://broker";

        Assert.Equal([
            "Queue:Kind rabbitmq needs Node:Role intake, worker or export (one role per process; Node:Role all runs on Queue:Kind file)",
            "Queue:SharedStore is required with Queue:Kind rabbitmq (a folder every role reaches)",
            "Queue:RabbitMq:Uri must be an absolute amqp:// or amqps:// URI",
        ], NodeOptionsValidator.Errors(options));
    }

    [Fact]
    public void Errors_ExportRoleWithoutDestinations_OneLine()
    {
        var options = new NodeOptions { Node = new NodeSection { Role = "export" }, Queue = new QueueSection { Kind = "rabbitmq", SharedStore = TestData.NewTempFolder() } };

        Assert.Equal(["Node:Role export needs at least one destination (Destinations:0:…)"], NodeOptionsValidator.Errors(options));
    }

    [Fact]
    public void Errors_WorkerRoleOnRabbitMqWithAStore_None()
    {
        var options = new NodeOptions { Node = new NodeSection { Role = "worker" }, Queue = new QueueSection { Kind = "rabbitmq", SharedStore = TestData.NewTempFolder() } };

        Assert.Empty(NodeOptionsValidator.Errors(options));
    }
}
