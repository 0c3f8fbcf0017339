using MRSNode.Service.Observability;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Service.Tests.Observability;

[UnitTest]
public sealed class ErrorTextTests
{
    [Fact]
    public void Clean_EscapeBellAndNewline_EachReplacedByAQuestionMark()
    {
        Assert.Equal("bad ?[31mvalue?? next", ErrorText.Clean("bad \u001b[31mvalue\u0007\n next"));
    }

    [Fact]
    public void Clean_OverLongText_CutAtTheLimitWithAnEllipsis()
    {
        var cleaned = ErrorText.Clean(new string('x', ErrorText.MaxLength + 10));

        Assert.Equal(ErrorText.MaxLength + 1, cleaned.Length);
        Assert.EndsWith("x…", cleaned, StringComparison.Ordinal);
    }
}
