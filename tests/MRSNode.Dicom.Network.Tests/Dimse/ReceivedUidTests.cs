using MRSNode.Dicom.Network.Dimse;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Dicom.Network.Tests.Dimse;

[UnitTest]
public class ReceivedUidTests
{
    [Theory]
    [InlineData("1.2.840.10008.1.2", null)]
    [InlineData("1.2.3.04", ReceivedUid.LeadingZero)]
    [InlineData("1.2.3.4.", "not digits and dots")]
    [InlineData("1.2.x", "not digits and dots")]
    [InlineData("1.2.33333333333333333333333333333333333333333333333333333333333333", "66 characters, more than 64")]
    public void Problem_Uid_NamesTheFault(string uid, string? expected) => Assert.Equal(expected, ReceivedUid.Problem(uid));

    [Fact]
    public void Element_OddLengthNonConformantUid_WrittenAsReceivedNulPadded()
    {
        var element = ReceivedUid.Element(new DicomTag(0x0000, 0x1000), "1.2.3.04");
        var odd = ReceivedUid.Element(new DicomTag(0x0000, 0x1000), "1.2.3.045");

        Assert.Equal("1.2.3.04"u8.ToArray(), element.Value.ToArray());
        Assert.Equal("1.2.3.045\0"u8.ToArray(), odd.Value.ToArray());
    }

    [Fact]
    public void Printable_ControlCharactersAndLongValues_ReplacedAndShortened()
    {
        Assert.Equal("1.2?[31m3", ReceivedUid.Printable("1.2\u001b[31m3"));
        Assert.Equal(new string('1', 80) + "...", ReceivedUid.Printable(new string('1', 200)));
    }
}
