using MRSNode.Dicom;
using MRSNode.Dicom.IO;
using MRSNode.Spectroscopy.Simulation;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Spectroscopy.Tests.Simulation;

[UnitTest]
public class MrsiPhantomWriterTests
{
    internal static MrsiPhantomFiles WritePhantom(MrsiPhantomParameters? parameters = null)
    {
        var phantom = new MrsiPhantom(MrsiPhantomTests.Basis.Value, parameters ?? new MrsiPhantomParameters { PressBox = true, EchoTimeMs = 30 });
        return MrsiPhantomWriter.Write(phantom.Simulate(), phantom.Anatomy, TestData.NewTempFolder());
    }

    [Fact]
    public void Write_Default_OneStudyOneFrameOfReferenceTwoSeries()
    {
        var files = WritePhantom();
        var mrsi = DicomFile.Open(files.Spectroscopy).Dataset;
        var image = DicomFile.Open(Assert.Single(files.Images)).Dataset;

        Assert.Equal(DicomUids.MRSpectroscopyStorage, mrsi.GetString(DicomTags.SOPClassUID));
        Assert.Equal(DicomUids.MRImageStorage, image.GetString(DicomTags.SOPClassUID));
        Assert.Equal(mrsi.GetString(DicomTags.StudyInstanceUID), image.GetString(DicomTags.StudyInstanceUID));
        Assert.Equal(mrsi.GetString(DicomTags.FrameOfReferenceUID), image.GetString(DicomTags.FrameOfReferenceUID));
        Assert.NotEqual(mrsi.GetString(DicomTags.SeriesInstanceUID), image.GetString(DicomTags.SeriesInstanceUID));
        Assert.Contains(mrsi.GetString(DicomTags.FrameOfReferenceUID)!, File.ReadAllText(files.Truth), StringComparison.Ordinal);
    }

    [Fact]
    public void Write_Default_ImageCoversTheGridFieldOfView()
    {
        var files = WritePhantom();
        var image = DicomFile.Open(Assert.Single(files.Images)).Dataset;

        // 256 pixels of 0.625 mm over the 160 mm grid: the first pixel centre half a pixel inside the grid's corner.
        Assert.Equal(256, image.GetValues<int>(DicomTags.Rows)[0]);
        Assert.Equal([0.625, 0.625], image.GetValues<double>(DicomTags.PixelSpacing));
        Assert.Equal([-79.6875, -79.6875, 0], image.GetValues<double>(DicomTags.ImagePositionPatient));
        Assert.Equal([1.0, 0, 0, 0, 1, 0], image.GetValues<double>(DicomTags.ImageOrientationPatient));
        Assert.Equal(256 * 256 * 2, image.GetElement(DicomTags.PixelData)!.Length);
    }

    [PeerFact("dciodvfy")]
    public void Write_Default_MrsiAndImageNoDciodvfyError()
    {
        var files = WritePhantom();
        foreach (var path in files.Images.Prepend(files.Spectroscopy))
        {
            var result = Peers.Run("dciodvfy", [path]);
            Assert.DoesNotContain("Error", result.StdOut + result.StdErr, StringComparison.Ordinal);
        }
    }
}
