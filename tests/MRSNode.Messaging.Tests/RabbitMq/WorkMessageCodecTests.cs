using System.Text;
using MRSNode.Messaging.RabbitMq;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Messaging.Tests.RabbitMq;

[UnitTest]
public sealed class WorkMessageCodecTests
{
    [Fact]
    public void Encode_Message_CamelCaseJsonWithTheFourFieldsOnly()
    {
        var message = new WorkMessage("20261205T181500001-0000abcd", "jobs/20261205T181500001-0000abcd", new string('a', 64), new DateTimeOffset(2026, 12, 5, 18, 15, 0, TimeSpan.Zero));

        var json = Encoding.UTF8.GetString(WorkMessageCodec.Encode(message));

        Assert.Equal(
            "{\"id\":\"20261205T181500001-0000abcd\",\"storePath\":\"jobs/20261205T181500001-0000abcd\",\"sha256\":\"" + new string('a', 64)
            + "\",\"createdUtc\":\"2026-12-05T18:15:00+00:00\"}",
            json);
        Assert.Equal(message, WorkMessageCodec.Decode(Encoding.UTF8.GetBytes(json)));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{}")]
    [InlineData("{\"id\":\"a\",\"storePath\":\"jobs/a\",\"createdUtc\":\"2026-12-05T18:15:00Z\"}")] // no hash
    [InlineData("{\"id\":\"..\",\"storePath\":\"jobs/a\",\"sha256\":\"00\",\"createdUtc\":\"2026-12-05T18:15:00Z\"}")]
    [InlineData("{\"id\":\"a/b\",\"storePath\":\"jobs/a\",\"sha256\":\"00\",\"createdUtc\":\"2026-12-05T18:15:00Z\"}")]
    [InlineData("{\"id\":\"a\",\"storePath\":\"../etc\",\"sha256\":\"00\",\"createdUtc\":\"2026-12-05T18:15:00Z\"}")]
    [InlineData("{\"id\":\"a\",\"storePath\":\"/etc/jobs\",\"sha256\":\"00\",\"createdUtc\":\"2026-12-05T18:15:00Z\"}")]
    [InlineData("{\"id\":\"a\",\"storePath\":\"jobs\\\\..\\\\x\",\"sha256\":\"00\",\"createdUtc\":\"2026-12-05T18:15:00Z\"}")]
    public void Decode_BrokenOrEscapingBody_Null(string body) => Assert.Null(WorkMessageCodec.Decode(Encoding.UTF8.GetBytes(body)));

    [Theory]
    [InlineData("20261205T181500001-0000abcd", true)]
    [InlineData("job_1.v2", true)]
    [InlineData("", false)]
    [InlineData(".", false)]
    [InlineData("...", false)]
    [InlineData("a b", false)]
    [InlineData("a:b", false)]
    [InlineData("ä", false)]
    public void IsSafeId_Name_OnlyPlainFolderNames(string id, bool safe) => Assert.Equal(safe, WorkMessageCodec.IsSafeId(id));
}
