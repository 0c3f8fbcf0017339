using MRSNode.Dicom.Network.Scp;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Dicom.Network.Tests.Scp;

[UnitTest]
public class DescriptorBudgetTests
{
    [Theory]
    [InlineData(64, 32, null, 64)] // limit unknown: as configured
    [InlineData(64, 32, 500, 64)] // fits
    [InlineData(1000, 32, 125, 93)] // ulimit -n 400 with about 150 descriptors in use
    [InlineData(64, 32, 20, 1)] // not even the associations fit: one unassociated slot remains
    public void UnassociatedPool_Budget_ConfiguredOrWhatFits(int configured, int maxAssociations, int? budget, int expected) =>
        Assert.Equal(expected, DescriptorBudget.UnassociatedPool(configured, maxAssociations, budget));

    [Fact]
    public void Connections_ThisProcess_HalfTheFreeDescriptorsOnLinuxElseUnknown()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Null(DescriptorBudget.Connections());
            return;
        }
        var limit = File.ReadLines("/proc/self/limits").First(l => l.StartsWith("Max open files", StringComparison.Ordinal));
        var budget = DescriptorBudget.Connections();

        if (limit.Contains("unlimited", StringComparison.Ordinal))
        {
            Assert.Null(budget);
        }
        else
        {
            long soft = long.Parse(limit["Max open files".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries)[0], System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(budget!.Value, 1, soft / 2);
        }
    }
}
