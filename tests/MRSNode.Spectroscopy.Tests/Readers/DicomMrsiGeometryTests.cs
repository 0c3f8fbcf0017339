using MRSNode.Dicom;
using MRSNode.Dicom.IO;
using MRSNode.Spectroscopy.Mrsi;
using MRSNode.Spectroscopy.Readers;
using MRSNode.Spectroscopy.Simulation;
using MRSNode.Spectroscopy.Tests.Simulation;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Spectroscopy.Tests.Readers;

[UnitTest]
public class DicomMrsiGeometryTests
{
    private static (MrsiPhantomScan Scan, MrsAcquisition Back, DicomDataset Dataset) RoundTrip(MrsiPhantomParameters parameters, string frameOfReference = "1.2.3.4.5")
    {
        var scan = new MrsiPhantom(MrsiPhantomTests.Basis.Value, parameters).Simulate();
        var path = Path.Combine(TestData.NewTempFolder(), "mrsi.dcm");
        MrsDicomWriter.Write(scan.Acquisition, path, new MrsDicomIdentity { FrameOfReferenceUid = frameOfReference });
        return (scan, Assert.Single(new DicomMrsReader().Read(path, MrsReadOptions.Default)), DicomFile.Open(path).Dataset);
    }

    [Fact]
    public void Read_PhantomWithPressBox_GeometryBoxAndFrameOfReferenceAsWritten()
    {
        var (scan, back, _) = RoundTrip(new MrsiPhantomParameters { Columns = 12, Rows = 10, VoxelSizeMm = 12, PressBox = true, PressBoxVoxels = 6 });
        var written = scan.Truth.Geometry;
        var read = back.Localization.Geometry;

        Assert.NotNull(read);
        Assert.Equal(new MrsiGrid(12, 10, 1), read.Grid);
        Assert.Equal(written.FirstVoxelCentreMm, read.FirstVoxelCentreMm);
        Assert.Equal([1.0, 0, 0], read.RowDirection);
        Assert.Equal([0, 1.0, 0], read.ColumnDirection);
        Assert.Equal([12.0, 12.0, 10.0], read.VoxelSpacingMm);
        Assert.Equal("1.2.3.4.5", read.FrameOfReferenceUid);
        Assert.NotNull(read.Volume);
        Assert.Equal([72.0, 72.0, 10.0], read.Volume.SizeMm);
        Assert.Equal([0.0, 0, 0], read.Volume.CentreMm);
        for (int i = 0; i < written.Grid.VoxelCount; i++)
        {
            Assert.Equal(written.InsideVolume(i), read.InsideVolume(i));
            Assert.Equal(written.VoxelCentre(i), read.VoxelCentre(i));
        }
        Assert.Equal(scan.Acquisition.Data.Length, back.Data.Length);
        Assert.Equal((float)scan.Acquisition.Data[777].Real, (float)back.Data[777].Real);
    }

    [Fact]
    public void Read_ThreeSlices_PerFramePositionsGiveTheSliceStep()
    {
        var (scan, back, ds) = RoundTrip(new MrsiPhantomParameters { Columns = 6, Rows = 6, Slices = 3, VoxelSizeMm = 30, SliceThicknessMm = 8 });
        var read = back.Localization.Geometry!;

        Assert.Equal(3, ds.GetValues<int>(DicomTags.NumberOfFrames)[0]);
        var frame2 = FunctionalGroupsPosition(ds, 2);
        Assert.Equal(scan.Truth.Geometry.VoxelCentre(scan.Truth.Geometry.Index(0, 0, 2)), frame2);
        Assert.Equal(8, read.VoxelSpacingMm[2], 9);
        Assert.Equal(-8, read.FirstVoxelCentreMm[2], 9);
        Assert.Null(read.Volume);
        Assert.Equal(108, back.Voxels);
    }

    [Fact]
    public void Read_SingleVoxel_NoGeometry()
    {
        var back = Assert.Single(new DicomMrsReader().Read(TestData.Path("dicom/siemens-xa60-svs.dcm"), MrsReadOptions.Default));
        Assert.Null(back.Localization.Geometry);
    }

    private static double[] FunctionalGroupsPosition(DicomDataset ds, int frame) =>
        ds.GetSequence(DicomTags.PerFrameFunctionalGroupsSequence)!.Items[frame].GetSequence(DicomTags.PlanePositionSequence)!.Items[0].GetValues<double>(DicomTags.ImagePositionPatient);
}
