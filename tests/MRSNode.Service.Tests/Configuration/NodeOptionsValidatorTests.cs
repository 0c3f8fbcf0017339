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
}
