using MRSNode.Messaging;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Messaging.Tests;

[UnitTest]
public sealed class WorkQueuesTests
{
    [Fact]
    public void Names_AreDistinctAndPrefixed_EachQueueItsOwn()
    {
        string[] names = [WorkQueues.Jobs, WorkQueues.Exports, WorkQueues.DeadLetter];
        Assert.Equal(3, names.Distinct(StringComparer.Ordinal).Count());
        Assert.All(names, n => Assert.StartsWith("mrsnode.", n, StringComparison.Ordinal));
    }
}
