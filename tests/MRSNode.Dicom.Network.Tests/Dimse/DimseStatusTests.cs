using MRSNode.Dicom.Network.Dimse;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Dicom.Network.Tests.Dimse;

[UnitTest]
public class DimseStatusTests
{
    [Theory]
    [InlineData(0x0000, DimseStatusCategory.Success)]
    [InlineData(0xB000, DimseStatusCategory.Warning)]
    [InlineData(0xB006, DimseStatusCategory.Warning)]
    [InlineData(0xB007, DimseStatusCategory.Warning)]
    [InlineData(0xBFFF, DimseStatusCategory.Warning)]
    [InlineData(0x0001, DimseStatusCategory.Warning)]
    [InlineData(0x0107, DimseStatusCategory.Warning)]
    [InlineData(0x0116, DimseStatusCategory.Warning)]
    [InlineData(0xA700, DimseStatusCategory.Failure)]
    [InlineData(0xA7FF, DimseStatusCategory.Failure)]
    [InlineData(0xA900, DimseStatusCategory.Failure)]
    [InlineData(0xA9FF, DimseStatusCategory.Failure)]
    [InlineData(0xC000, DimseStatusCategory.Failure)]
    [InlineData(0xCFFF, DimseStatusCategory.Failure)]
    [InlineData(0x0122, DimseStatusCategory.Failure)]
    [InlineData(0x0124, DimseStatusCategory.Failure)]
    [InlineData(0x0110, DimseStatusCategory.Failure)]
    [InlineData(0x0117, DimseStatusCategory.Failure)]
    [InlineData(0x0210, DimseStatusCategory.Failure)]
    [InlineData(0x0211, DimseStatusCategory.Failure)]
    [InlineData(0x0212, DimseStatusCategory.Failure)]
    [InlineData(0x0213, DimseStatusCategory.Failure)]
    [InlineData(0xAFFF, DimseStatusCategory.Failure)]
    [InlineData(0xFE00, DimseStatusCategory.Cancel)]
    [InlineData(0xFF00, DimseStatusCategory.Pending)]
    [InlineData(0xFF01, DimseStatusCategory.Pending)]
    public void Category_Code_MapsToPs37AnnexCCategory(ushort code, DimseStatusCategory expected)
    {
        var status = new DimseStatus(code);

        Assert.Equal(expected, status.Category);
        Assert.Equal(expected == DimseStatusCategory.Success, status.IsSuccess);
    }

    [Theory]
    [InlineData(0x0000, "Success")]
    [InlineData(0xFE00, "Cancel")]
    [InlineData(0xFF00, "Pending")]
    [InlineData(0xFF01, "Pending")]
    [InlineData(0xB000, "Warning: coercion of data elements")]
    [InlineData(0xB006, "Warning: elements discarded")]
    [InlineData(0xB007, "Warning: data set does not match SOP class")]
    [InlineData(0xA700, "Refused: out of resources")]
    [InlineData(0xA7FF, "Refused: out of resources")]
    [InlineData(0xA900, "Error: data set does not match SOP class")]
    [InlineData(0xA9FF, "Error: data set does not match SOP class")]
    [InlineData(0xC000, "Error: cannot understand")]
    [InlineData(0xCFFF, "Error: cannot understand")]
    [InlineData(0x0122, "Refused: SOP class not supported")]
    [InlineData(0x0124, "Refused: not authorized")]
    [InlineData(0x0210, "Failed: duplicate invocation")]
    [InlineData(0x0211, "Failed: unrecognized operation")]
    [InlineData(0x0212, "Failed: mistyped argument")]
    [InlineData(0x0213, "Failed: resource limitation")]
    [InlineData(0x0117, "Failed: invalid object instance")]
    [InlineData(0x0110, "Failed: processing failure")]
    [InlineData(0xB123, "Warning 0xB123")]
    [InlineData(0x0107, "Warning 0x0107")]
    [InlineData(0xA800, "Failure 0xA800")]
    [InlineData(0xD000, "Failure 0xD000")]
    public void Description_Code_GivesMeaning(ushort code, string expected) =>
        Assert.Equal(expected, new DimseStatus(code).Description);

    [Fact]
    public void ToString_Status_GivesHexCodeAndDescription()
    {
        Assert.Equal("0x0000 (Success)", DimseStatus.Success.ToString());
        Assert.Equal("0xA700 (Refused: out of resources)", DimseStatus.OutOfResources.ToString());
        Assert.Equal("0xB00A (Warning 0xB00A)", new DimseStatus(0xB00A).ToString());
    }

    [Fact]
    public void NamedStatuses_HaveStandardCodes()
    {
        Assert.Equal(0x0000, DimseStatus.Success.Code);
        Assert.Equal(0xFE00, DimseStatus.Cancel.Code);
        Assert.Equal(0xFF00, DimseStatus.Pending.Code);
        Assert.Equal(0xB000, DimseStatus.CoercionOfDataElements.Code);
        Assert.Equal(0xB006, DimseStatus.ElementsDiscarded.Code);
        Assert.Equal(0xB007, DimseStatus.DataSetDoesNotMatchSopClassWarning.Code);
        Assert.Equal(0xA700, DimseStatus.OutOfResources.Code);
        Assert.Equal(0xA900, DimseStatus.DataSetDoesNotMatchSopClass.Code);
        Assert.Equal(0xC000, DimseStatus.CannotUnderstand.Code);
        Assert.Equal(0x0122, DimseStatus.SopClassNotSupported.Code);
        Assert.Equal(0x0124, DimseStatus.NotAuthorized.Code);
        Assert.Equal(0x0210, DimseStatus.DuplicateInvocation.Code);
        Assert.Equal(0x0211, DimseStatus.UnrecognizedOperation.Code);
        Assert.Equal(0x0212, DimseStatus.MistypedArgument.Code);
        Assert.Equal(0x0213, DimseStatus.ResourceLimitation.Code);
        Assert.Equal(0x0117, DimseStatus.InvalidObjectInstance.Code);
        Assert.Equal(0x0110, DimseStatus.ProcessingFailure.Code);
    }

    [Fact]
    public void Equality_SameCode_Equal()
    {
        Assert.Equal(DimseStatus.Success, new DimseStatus(0));
        Assert.NotEqual(DimseStatus.Success, DimseStatus.Pending);
    }
}
