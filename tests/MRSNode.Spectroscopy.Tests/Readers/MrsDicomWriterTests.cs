using System.Globalization;
using MRSNode.Dicom;
using MRSNode.Dicom.IO;
using MRSNode.Spectroscopy.Readers;
using MRSNode.TestSupport;
using Xunit;
using Xunit.Abstractions;

namespace MRSNode.Spectroscopy.Tests.Readers;

[UnitTest]
public class MrsDicomWriterTests(ITestOutputHelper output)
{
    public static TheoryData<string, int> Inputs() => new()
    {
        { "dicom/siemens-xa60-svs.dcm", 0 },
        { "dicom/siemens-csa-svs30.ima", 0 },
        { "dicom/philips-mrs-2frame.dcm", 0 },
        { "dicom/philips-mrs-2frame.dcm", 1 },
        { "dicom/siemens-xa60-7t-averaged.dcm", 0 },
    };

    private static MrsAcquisition Source(string relative, int index)
    {
        var path = TestData.Path(relative);
        IMrsReader reader = relative.EndsWith(".ima", StringComparison.Ordinal) ? new SiemensCsaReader() : new DicomMrsReader();
        return reader.Read(path, MrsReadOptions.Default)[index];
    }

    private static MrsAcquisitionDetails Details(string relative) =>
        MrsAcquisitionDetails.FromDicom(DicomFile.Open(TestData.Path(relative)).Dataset);

    private static string WriteToTemp(MrsAcquisition a, MrsDicomIdentity? identity = null, MrsAcquisitionDetails? details = null)
    {
        var path = Path.Combine(TestData.NewTempFolder(), "mrs.dcm");
        MrsDicomWriter.Write(a, path, identity, details);
        return path;
    }

    [PeerTheory("dciodvfy")]
    [MemberData(nameof(Inputs))]
    public void Write_VendorInput_DciodvfyReportsNoErrors(string relative, int index)
    {
        var path = WriteToTemp(Source(relative, index), details: Details(relative));
        var result = Peers.Run("dciodvfy", [path]);
        var lines = (result.StdOut + result.StdErr).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        foreach (var line in lines)
        {
            output.WriteLine(line);
        }
        Assert.Contains(lines, l => l.Contains("MRSpectroscopy", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("Error", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Write_VendorInput_ReadsBackSameFidAndParameters(string relative, int index)
    {
        var source = Source(relative, index);
        var back = Assert.Single(new DicomMrsReader().Read(WriteToTemp(source), MrsReadOptions.Default));
        Assert.Equal(source.Points, back.Points);
        Assert.Equal(source.Averages, back.Averages);
        Assert.Equal(source.Voxels, back.Voxels);
        double max = source.Data.Max(z => z.Magnitude);
        for (int i = 0; i < source.Data.Length; i++)
        {
            Assert.True((source.Data[i] - back.Data[i]).Magnitude <= 1e-6 * max, $"point {i}: {source.Data[i]} vs {back.Data[i]}");
        }
        Assert.Equal(source.SpectralWidthHz, back.SpectralWidthHz, 1e-9);
        Assert.Equal(source.TransmitterFrequencyMHz, back.TransmitterFrequencyMHz, 1e-9);
        Assert.Equal(source.ReferencePpm, back.ReferencePpm, 1e-12);
        Assert.Equal(source.Nucleus, back.Nucleus);
        Assert.Equal(source.EchoTimeMs, back.EchoTimeMs);
        Assert.Equal(source.RepetitionTimeMs, back.RepetitionTimeMs);
        Assert.Equal(source.AcquiredAverages ?? source.Averages, back.AcquiredAverages);
        Assert.Equal(source.Role, back.Role);
        Assert.Equal(source.Localization.Technique, back.Localization.Technique);
        AssertClose(source.Localization.VoxelSizeMm, back.Localization.VoxelSizeMm);
        AssertClose(source.Localization.PositionMm, back.Localization.PositionMm);
        AssertClose(source.Localization.Orientation, back.Localization.Orientation, 1e-6);
        Assert.Equal(source.Localization.Grid, back.Localization.Grid);
        Assert.Equal(source.Provenance.Manufacturer, back.Provenance.Manufacturer);
        Assert.Equal(source.Provenance.Model, back.Provenance.Model);
        Assert.Equal(source.Provenance.SoftwareVersion, back.Provenance.SoftwareVersion);
        Assert.Equal(source.Provenance.SeriesDescription, back.Provenance.SeriesDescription);
        Assert.Equal(source.Provenance.ProtocolName, back.Provenance.ProtocolName);
        Assert.Equal(source.Provenance.SequenceName, back.Provenance.SequenceName);
    }

    [PeerTheory("pydicom")]
    [MemberData(nameof(Inputs))]
    public void Write_VendorInput_PydicomReadsSopClassAndFloats(string relative, int index)
    {
        var source = Source(relative, index);
        var path = WriteToTemp(source);
        var result = Peers.Run(Peers.Python, ["-c", "import sys, pydicom; d=pydicom.dcmread(sys.argv[1]); print(d.SOPClassUID, len(d.SpectroscopyData) // 4)", path]);
        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.Equal($"{DicomUids.MRSpectroscopyStorage} {2 * source.Points * source.Averages}", result.StdOut.Trim());
    }

    [Fact]
    public void Write_Identity_UsedAndUidsGeneratedOtherwise()
    {
        var source = Source("dicom/siemens-xa60-svs.dcm", 0);
        var identity = MrsDicomIdentity.FromProvenance(source.Provenance) with { PatientName = "Test^Patient", PatientId = "P123", StudyId = "S1" };
        var ds = DicomFile.Open(WriteToTemp(source, identity)).Dataset;
        Assert.Equal("Test^Patient", ds.GetString(DicomTags.PatientName));
        Assert.Equal("P123", ds.GetString(DicomTags.PatientID));
        Assert.Equal(source.Provenance.StudyInstanceUid, ds.GetString(DicomTags.StudyInstanceUID));
        Assert.NotEqual(source.Provenance.SeriesInstanceUid, ds.GetString(DicomTags.SeriesInstanceUID));
        Assert.NotEqual(source.Provenance.SopInstanceUids[0], ds.GetString(DicomTags.SOPInstanceUID));

        var other = DicomFile.Open(WriteToTemp(source)).Dataset;
        Assert.StartsWith("2.25.", other.GetString(DicomTags.StudyInstanceUID));
        Assert.NotEqual(ds.GetString(DicomTags.SOPInstanceUID), other.GetString(DicomTags.SOPInstanceUID));
        Assert.Equal("", other.GetString(DicomTags.PatientID));
    }

    /// <summary>The file holds the DICOM convention (the conjugate of MRSNode's), not MRSNode's.</summary>
    [Fact]
    public void Write_Data_InDicomConvention()
    {
        var raw = DicomFile.Open(TestData.Path("dicom/siemens-xa60-svs.dcm")).Dataset.GetFloats(DicomTags.SpectroscopyData);
        var written = DicomFile.Open(WriteToTemp(Source("dicom/siemens-xa60-svs.dcm", 0))).Dataset.GetFloats(DicomTags.SpectroscopyData);
        Assert.Equal(raw, written);
    }

    [Fact]
    public void Write_GroupedSingleAverages_OneFramePerAverage()
    {
        var (grouped, path) = WriteGroupedSingleAverages();
        var ds = DicomFile.Open(path).Dataset;
        Assert.Equal("4", ds.GetString(DicomTags.NumberOfFrames));
        var back = Assert.Single(new DicomMrsReader().Read(path, MrsReadOptions.Default));
        Assert.Equal(4, back.Averages);
        Assert.Equal(4, back.AcquiredAverages);
        Assert.Equal(grouped.Data, back.Data);
    }

    [PeerFact("dciodvfy")]
    public void Write_GroupedSingleAverages_NoDciodvfyError()
    {
        var result = Peers.Run("dciodvfy", [WriteGroupedSingleAverages().Path]);
        Assert.DoesNotContain("Error", result.StdOut + result.StdErr, StringComparison.Ordinal);
    }

    /// <summary>Four single averages of the 7 T XA60 series, grouped into one acquisition and written.</summary>
    private static (MrsAcquisition Grouped, string Path) WriteGroupedSingleAverages()
    {
        var singles = Directory.GetFiles(TestData.Path("dicom/xa60-7t-single-averages"), "*.dcm").Order(StringComparer.Ordinal).Take(4)
            .Select(p => new DicomMrsReader().Read(p, MrsReadOptions.Default)[0]);
        var grouped = Assert.Single(XaAverageGrouper.Group(singles));
        return (grouped, WriteToTemp(grouped, details: Details("dicom/xa60-7t-single-averages/30001.dcm")));
    }

    /// <summary>
    /// Without the source's acquisition facts nothing is invented: dciodvfy then reports exactly the
    /// ORIGINAL attributes that need them (acquisition time and duration, flip angle, SAR, operating
    /// mode, safety agency) and nothing else.
    /// </summary>
    [PeerFact("dciodvfy")]
    public void Write_WithoutDetails_OnlyAcquisitionFactsMissing()
    {
        var result = Peers.Run("dciodvfy", [WriteToTemp(Source("dicom/siemens-xa60-svs.dcm", 0))]);
        var errors = (result.StdOut + result.StdErr).Split('\n').Where(l => l.Contains("Error", StringComparison.Ordinal)).ToList();
        string[] expected =
        [
            "AcquisitionDateTime", "AcquisitionDuration", "ApplicableSafetyStandardAgency", "FlipAngle", "SpecificAbsorptionRateSequence",
            "OperatingModeSequence", "FrameAcquisitionDateTime", "FrameReferenceDateTime", "FrameAcquisitionDuration",
        ];
        Assert.All(errors, e => Assert.Contains(expected, name => e.Contains($"<{name}>", StringComparison.Ordinal)));
        Assert.Equal(expected.Length, errors.Count);
    }

    [Fact]
    public void Write_ImagingGrid_ReadsBackGridAndVoxels()
    {
        var (source, written) = WriteImagingGrid();
        var back = Assert.Single(new DicomMrsReader().Read(written, MrsReadOptions.Default));
        Assert.Equal(new MrsiGrid(2, 2, 1), back.Localization.Grid);
        Assert.Equal(4, back.Voxels);
        Assert.Equal(source.Data, back.Data);
        Assert.Equal(source.Localization.PositionMm, back.Localization.PositionMm);
        var ds2 = DicomFile.Open(written).Dataset;
        Assert.Equal("PLANE", ds2.GetString(DicomTags.MRSpectroscopyAcquisitionType));
    }

    [PeerFact("dciodvfy")]
    public void Write_ImagingGrid_NoDciodvfyError()
    {
        var result = Peers.Run("dciodvfy", [WriteImagingGrid().Path]);
        Assert.DoesNotContain("Error", result.StdOut + result.StdErr, StringComparison.Ordinal);
    }

    /// <summary>The XA60 single voxel made a 2×2 grid of 256-point spectra, read and written.</summary>
    private static (MrsAcquisition Source, string Path) WriteImagingGrid()
    {
        var path = DicomMrsReaderTests.Modified("dicom/siemens-xa60-svs.dcm", ds =>
        {
            ds.AddOrUpdate<ushort>(DicomTags.Rows, DicomVR.US, 2);
            ds.AddOrUpdate<ushort>(DicomTags.Columns, DicomVR.US, 2);
            ds.AddOrUpdate<uint>(DicomTags.DataPointColumns, DicomVR.UL, 256);
        });
        var source = Assert.Single(new DicomMrsReader().Read(path, MrsReadOptions.Default));
        return (source, WriteToTemp(source, details: Details("dicom/siemens-xa60-svs.dcm")));
    }

    [Fact]
    public void Write_UnknownGeometry_RejectedNotInvented()
    {
        var source = Source("dicom/siemens-xa60-svs.dcm", 0);
        var a = new MrsAcquisition(source.Data, source.Points) { SpectralWidthHz = 1000, TransmitterFrequencyMHz = 123, Provenance = source.Provenance };
        var ex = Assert.Throws<ArgumentException>(() => MrsDicomWriter.CreateDataset(a));
        Assert.Contains("position, size, orientation", ex.Message);
    }

    [Fact]
    public void Write_Coils_Rejected()
    {
        var a = new MrsAcquisition(new System.Numerics.Complex[8], 4, 1, 2, 1) { SpectralWidthHz = 1000, TransmitterFrequencyMHz = 123, Provenance = new Provenance { SourceFormat = "test" } };
        Assert.Throws<ArgumentException>(() => MrsDicomWriter.CreateDataset(a));
    }

    private static void AssertClose(double[]? expected, double[]? actual, double tolerance = 1e-9)
    {
        if (expected is null)
        {
            return; // the writer fills defaults where the source had none
        }
        Assert.NotNull(actual);
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance * Math.Max(1, Math.Abs(expected[i])), string.Create(CultureInfo.InvariantCulture, $"[{i}] {expected[i]} vs {actual[i]}"));
        }
    }
}
