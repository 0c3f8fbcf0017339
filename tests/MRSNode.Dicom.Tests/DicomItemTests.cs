using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Dicom.Tests;

[UnitTest]
public class DicomItemTests
{
    [Fact]
    public void DicomElement_OddLengthValue_KeptAsIs()
    {
        var e = new DicomElement(DicomTags.PatientID, DicomVR.LO, new byte[] { 0x41, 0x42, 0x43 });

        Assert.Equal(3, e.Length);
        Assert.Equal(new byte[] { 0x41, 0x42, 0x43 }, e.Value.ToArray());
        Assert.Equal(DicomTags.PatientID, e.Tag);
        Assert.Same(DicomVR.LO, e.VR);
    }

    [Fact]
    public void DicomElement_SQ_ThrowsArgumentException()
    {
        var ex = Assert.Throws<ArgumentException>(() => new DicomElement(DicomTags.ContentSequence, DicomVR.SQ, ReadOnlyMemory<byte>.Empty));

        Assert.Equal("vr", ex.ParamName);
    }

    [Fact]
    public void DicomElement_NullVR_ThrowsArgumentNullException()
    {
        Assert.Throws<ArgumentNullException>(() => new DicomElement(DicomTags.PatientID, null!, ReadOnlyMemory<byte>.Empty));
    }

    [Fact]
    public void ToString_Element_TagAndVR()
    {
        Assert.Equal("(0010,0010) PN", new DicomElement(DicomTags.PatientName, DicomVR.PN, ReadOnlyMemory<byte>.Empty).ToString());
        Assert.Equal("(0040,a730) SQ", new DicomSequence(DicomTags.ContentSequence).ToString());
    }

    [Fact]
    public void DicomSequence_New_IsSQWithItemsInOrder()
    {
        var a = new DicomDataset();
        var b = new DicomDataset();

        var sq = new DicomSequence(DicomTags.ContentSequence, [a, b]);

        Assert.Same(DicomVR.SQ, sq.VR);
        Assert.Equal(2, sq.Items.Count);
        Assert.Same(a, sq.Items[0]);
        Assert.Same(b, sq.Items[1]);
        Assert.Null(a.Parent);
    }

    [Fact]
    public void DicomSequence_AddedToDataset_ItemsGetParent()
    {
        var item = new DicomDataset();
        var sq = new DicomSequence(DicomTags.ContentSequence, [item]);
        var ds = new DicomDataset();

        ds.AddOrUpdate(sq);

        Assert.Same(ds, item.Parent);
    }

    [Fact]
    public void DicomSequence_AddAfterAttach_NewItemGetsParent()
    {
        var ds = new DicomDataset();
        var sq = new DicomSequence(DicomTags.ContentSequence);
        ds.AddOrUpdate(sq);
        var late = new DicomDataset();

        sq.Add(late);

        Assert.Same(ds, late.Parent);
        Assert.Single(sq.Items);
    }

    [Fact]
    public void DicomSequence_AddNull_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => new DicomSequence(DicomTags.ContentSequence).Add(null!));
    }

    [Fact]
    public void DicomFragmentSequence_Fragments_KeptInOrder()
    {
        var frags = new DicomFragmentSequence(DicomTags.PixelData, DicomVR.OB, new byte[] { 0, 0, 0, 0 }, [new byte[] { 1, 2 }]);

        frags.Add(new byte[] { 3, 4, 5, 6 });

        Assert.Equal(4, frags.OffsetTable.Length);
        Assert.Equal(2, frags.Fragments.Count);
        Assert.Equal(new byte[] { 1, 2 }, frags.Fragments[0].ToArray());
        Assert.Equal(new byte[] { 3, 4, 5, 6 }, frags.Fragments[1].ToArray());
        Assert.Same(DicomVR.OB, frags.VR);
    }
}
