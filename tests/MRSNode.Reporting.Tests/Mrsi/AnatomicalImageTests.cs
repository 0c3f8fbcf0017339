using MRSNode.Dicom;
using MRSNode.Reporting.Mrsi;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Reporting.Tests.Mrsi;

[UnitTest]
public class AnatomicalImageTests
{
    [Fact]
    public void TryRead_SampleImage_GeometryPixelsAndIdentity()
    {
        var image = AnatomicalImage.TryRead(MrsiSamples.MrImage(), out var reason);

        Assert.Null(reason);
        Assert.NotNull(image);
        Assert.Equal((128, 128, MrsiSamples.FrameOfReference, MrsiSamples.MrImageUid), (image.Rows, image.Columns, image.FrameOfReferenceUid, image.SopInstanceUid));
        Assert.Equal(0, image.Pixels[0]);
        Assert.Equal([-95.25 + 3 * 1.5, -95.25 + 2 * 1.5, 0], image.PixelCentre(3, 2));
    }

    [Fact]
    public void TryRead_NoPlaneGeometry_NullWithTheReason()
    {
        var ds = MrsiSamples.MrImage();
        ds.Remove(DicomTags.ImageOrientationPatient);

        Assert.Null(AnatomicalImage.TryRead(ds, out var reason));
        Assert.Equal("the MR image has no plane geometry (Image Position/Orientation (Patient), Pixel Spacing)", reason);
    }

    [Fact]
    public void WindowedGrey_DiscOnBlack_DiscWhiteBackgroundBlack()
    {
        var grey = AnatomicalImage.TryRead(MrsiSamples.MrImage(), out _)!.WindowedGrey();

        Assert.Equal(0, grey[0]);
        Assert.InRange((int)grey[64 * 128 + 64], 200, 255);
    }

    [Fact]
    public void TryRead_EnhancedThreeFramesWithAGrid_TheFrameNearestTheSlabWithItsOwnPosition()
    {
        // Three axial frames at z = -20, 2, 30 (the sample grid's slab is at z = 0); pixels of frame k are all k + 1.
        var ds = MrsiSamples.MrImage();
        ds.Remove(DicomTags.ImagePositionPatient);
        ds.Remove(DicomTags.ImageOrientationPatient);
        ds.Remove(DicomTags.PixelSpacing);
        ds.AddOrUpdate(DicomTags.NumberOfFrames, "3");
        ds.AddOrUpdate(DicomTags.SharedFunctionalGroupsSequence, ds.NewItem()
            .AddOrUpdate(DicomTags.PlaneOrientationSequence, ds.NewItem().AddOrUpdateDecimal(DicomTags.ImageOrientationPatient, 1, 0, 0, 0, 1, 0))
            .AddOrUpdate(DicomTags.PixelMeasuresSequence, ds.NewItem().AddOrUpdateDecimal(DicomTags.PixelSpacing, 1.5, 1.5)));
        ds.AddOrUpdate(DicomTags.PerFrameFunctionalGroupsSequence, [.. new[] { -20.0, 2, 30 }.Select(z => ds.NewItem()
            .AddOrUpdate(DicomTags.PlanePositionSequence, ds.NewItem().AddOrUpdateDecimal(DicomTags.ImagePositionPatient, -95.25, -95.25, z)))]);
        ds.AddOrUpdate(DicomTags.PixelData, DicomVR.OW, Enumerable.Range(0, 3 * 128 * 128).Select(i => (ushort)(i / (128 * 128) + 1)).ToArray());

        var image = AnatomicalImage.TryRead(ds, MrsiSamples.Geometry, out var reason);

        Assert.Null(reason);
        Assert.Equal([-95.25, -95.25, 2], image!.PositionMm);
        Assert.Equal(1.5, image.PixelSpacingMm[0]);
        Assert.All(image.Pixels, p => Assert.Equal(2, p));
    }
}
