using MRSNode.Service.SharedStore;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Service.Tests.SharedStore;

[UnitTest]
public class SentLedgerTests
{
    [Fact]
    public void TryClaim_TwoExportNodesSameObject_OnlyTheFirstMaySend()
    {
        var store = TestData.NewTempFolder();
        var a = new SentLedger(store, "host-a:1");
        var b = new SentLedger(store, "host-b:2");

        Assert.True(a.TryClaim("pacs", "1.2.3.4"));
        Assert.False(b.TryClaim("pacs", "1.2.3.4"));
        Assert.Equal("host-a:1", b.ClaimedBy("pacs", "1.2.3.4"));
        Assert.Equal("host-a:1", File.ReadAllText(Path.Combine(store, "sent", "pacs", "1.2.3.4")));
    }

    [Fact]
    public void TryClaim_OwnerAgainAfterARestart_True()
    {
        var store = TestData.NewTempFolder();
        Assert.True(new SentLedger(store, "host-a:1").TryClaim("pacs", "1.2.3.4"));

        Assert.True(new SentLedger(store, "host-a:1").TryClaim("pacs", "1.2.3.4"));
    }

    [Fact]
    public void TryClaim_OtherDestination_Independent()
    {
        var store = TestData.NewTempFolder();
        Assert.True(new SentLedger(store, "host-a:1").TryClaim("pacs", "1.2.3.4"));

        Assert.True(new SentLedger(store, "host-b:2").TryClaim("archive", "1.2.3.4"));
    }

    [Theory]
    [InlineData("pacs", "../x")]
    [InlineData("../pacs", "1.2.3")]
    [InlineData("pacs", "")]
    public void TryClaim_NotAUidOrDestination_Throws(string destination, string uid) =>
        Assert.Throws<ArgumentException>(() => new SentLedger(TestData.NewTempFolder(), "a").TryClaim(destination, uid));

    [Fact]
    public void NodeIdentity_SameDataDirectory_SameName()
    {
        var data = TestData.NewTempFolder();

        Assert.Equal(NodeIdentity.Of(data), NodeIdentity.Of(data + "/"));
        Assert.NotEqual(NodeIdentity.Of(data), NodeIdentity.Of(TestData.NewTempFolder()));
    }
}
