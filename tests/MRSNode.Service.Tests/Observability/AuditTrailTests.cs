using MRSNode.Service.Observability;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Service.Tests.Observability;

[UnitTest]
public class AuditTrailTests
{
    private static AuditEntry Entry(int i) =>
        new(DateTimeOffset.UnixEpoch.AddSeconds(i), "received", "1.2.840.10008.5.1.4.1.1.4.2", $"1.2.3.{i}", "1.2.3", "SCANNER 127.0.0.1", "0x0000");

    [Fact]
    public void Write_PastTheSizeLimit_RollsAndKeepsEveryLineInOrder()
    {
        var data = TestData.NewTempFolder();
        using (var audit = new AuditTrail(data, maxBytes: 1000))
        {
            for (int i = 0; i < 60; i++)
            {
                audit.Write(Entry(i));
            }

            var files = audit.Files();
            Assert.True(files.Count >= 5, $"{files.Count} files");
            Assert.All(files.SkipLast(1), f => Assert.InRange(new FileInfo(f).Length, 1000, 1400)); // rolled just past the limit
            var all = files.SelectMany(AuditTrail.Read).ToList();
            Assert.Equal(Enumerable.Range(0, 60).Select(i => $"1.2.3.{i}"), all.Select(e => e.SopInstanceUid));
        }
    }

    [Fact]
    public void Write_AfterRestart_AppendsToTheCurrentFile()
    {
        var data = TestData.NewTempFolder();
        using (var first = new AuditTrail(data))
        {
            first.Write(Entry(1));
        }
        using var second = new AuditTrail(data);

        second.Write(Entry(2));

        Assert.Equal(["1.2.3.1", "1.2.3.2"], AuditTrail.Read(second.FilePath).Select(e => e.SopInstanceUid));
        Assert.Single(second.Files());
    }
}
