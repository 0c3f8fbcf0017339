using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Dicom.Tests;

[UnitTest]
public class DicomDatasetNewItemTests
{
    [Fact]
    public void NewItem_ParentUtf8_AcceptsNonAsciiTextBeforeAttachment()
    {
        var root = new DicomDataset().AddOrUpdate(DicomTags.SpecificCharacterSet, "ISO_IR 192");

        var item = root.NewItem().AddOrUpdate(DicomTags.TextValue, "0.974–1.798 mM");
        root.AddOrUpdate(DicomTags.ContentSequence, item);

        Assert.Equal("0.974–1.798 mM", root.GetSequence(DicomTags.ContentSequence)!.Items[0].GetString(DicomTags.TextValue));
    }

    [Fact]
    public void NewItem_ParentDefaultRepertoire_RefusesNonAscii()
    {
        var root = new DicomDataset();

        Assert.Throws<DicomValueException>(() => root.NewItem().AddOrUpdate(DicomTags.TextValue, "0.974–1.798"));
    }
}
