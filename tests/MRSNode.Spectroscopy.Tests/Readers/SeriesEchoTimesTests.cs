using MRSNode.Spectroscopy.Classification;
using MRSNode.Spectroscopy.Readers;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Spectroscopy.Tests.Readers;

[UnitTest]
public class SeriesEchoTimesTests
{
    [Fact]
    public void ReadAll_OneSeriesAtTwoEchoTimes_EachMarkedMultiEcho()
    {
        var folder = TestData.NewTempFolder();
        string[] files = [Write(folder, "te30.dcm", 30, "2.25.1"), Write(folder, "te144.dcm", 144, "2.25.1")];

        var read = MrsFormats.Default.ReadAll(files);

        Assert.Equal(2, read.Count);
        Assert.All(read, a => Assert.Equal([30.0, 144.0], a.Design.EchoTimesMs));
        Assert.Equal(AcquisitionKind.MultiEcho, AcquisitionClassifier.Classify(read[0]).Kind);
        Assert.Equal("this is a multi-echo acquisition (TE 30, 144 ms): MRSNode quantifies unedited ¹H spectra only, at one echo time; no values are given",
            AcquisitionClassifier.Classify(read[0]).Reason);
    }

    [Fact]
    public void ReadAll_TwoSeriesAtTwoEchoTimes_Unmarked()
    {
        var folder = TestData.NewTempFolder();
        string[] files = [Write(folder, "te30.dcm", 30, "2.25.1"), Write(folder, "te144.dcm", 144, "2.25.2")];

        var read = MrsFormats.Default.ReadAll(files);

        Assert.All(read, a => Assert.Empty(a.Design.EchoTimesMs));
    }

    [Fact]
    public void ReadAll_XaSingleAverageExport_Unmarked()
    {
        var read = MrsFormats.Default.ReadAll(Directory.GetFiles(TestData.Path("dicom/xa60-7t-single-averages"), "*.dcm"));

        Assert.Same(AcquisitionDesign.Plain, Assert.Single(read).Design);
    }

    private static string Write(string folder, string name, double echoTimeMs, string series)
    {
        var metabolite = Tests.Classification.SimulatedTransients.Create(1, 0, 100, 4);
        var acquisition = new MrsAcquisition(metabolite.Data, metabolite.Points)
        {
            SpectralWidthHz = metabolite.SpectralWidthHz,
            TransmitterFrequencyMHz = metabolite.TransmitterFrequencyMHz,
            EchoTimeMs = echoTimeMs,
            Role = AcquisitionRole.Metabolite,
            Localization = new Localization { PositionMm = [0, 0, 0], VoxelSizeMm = [20, 20, 20], Orientation = [1, 0, 0, 0, 1, 0] },
            Provenance = new Provenance { SourceFormat = "test" },
        };
        var path = Path.Combine(folder, name);
        MrsDicomWriter.Write(acquisition, path, new MrsDicomIdentity { SeriesInstanceUid = series, StudyInstanceUid = "2.25.9" });
        return path;
    }
}
