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
}
