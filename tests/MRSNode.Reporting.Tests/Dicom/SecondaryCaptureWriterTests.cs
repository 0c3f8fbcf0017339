using MRSNode.Dicom;
using MRSNode.Dicom.Imaging;
using MRSNode.Dicom.IO;
using MRSNode.Reporting.Dicom;
using MRSNode.Reporting.Rendering;
using MRSNode.Reporting.Rendering.Raster;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Reporting.Tests.Dicom;

[UnitTest]
public class SecondaryCaptureWriterTests
{
    private static readonly ReportColor Red = new(200, 30, 60);
    private static readonly DateTime When = new(2026, 11, 21, 12, 30, 0);

    /// <summary>A small test page: a red block at known pixels, a line and some text.</summary>
    internal static RasterCanvas TestImage(int width = 320, int height = 200)
    {
        var c = new RasterCanvas(width, height);
        c.FillRectangle(10, 10, 40, 20, Red);
        c.DrawLine(0, height - 0.5, width, height - 0.5, ReportColor.Black, 1);
        c.DrawText("MRSNode capture: NAA/tCr 1.32 µ≥", 60, 40, 14, ReportColor.Black);
        return c;
    }

    private static DicomDataset Xa60Source() => DicomFile.Open(TestData.Path("dicom/siemens-xa60-svs.dcm"), DicomReadOptions.HeaderOnly).Dataset;

    private static readonly SourceIdentity FullIdentity = new()
    {
        PatientName = "Müller^Jürgen",
        PatientId = "MRS-0042",
        PatientBirthDate = "19700101",
        PatientSex = "M",
        StudyInstanceUid = "1.2.826.0.1.3680043.8.498.1",
        StudyId = "S1",
        AccessionNumber = "A123",
        StudyDate = "20261120",
        StudyTime = "101500",
        ReferringPhysicianName = "Doe^John",
        SourceSeriesInstanceUid = "1.2.826.0.1.3680043.8.498.2",
        SourceInstances = [(DicomUids.MRSpectroscopyStorage, "1.2.826.0.1.3680043.8.498.3"), (DicomUids.MRSpectroscopyStorage, "1.2.826.0.1.3680043.8.498.4")],
    };

    private static string Write(RasterCanvas image, SourceIdentity source)
    {
        var path = Path.Combine(TestData.NewTempFolder(), "capture.dcm");
        new DicomFile(SecondaryCaptureWriter.Create(image, source, "MRSNode 0.1.0", When), SecondaryCaptureWriter.TransferSyntax).Save(path);
        return path;
    }

    [Fact]
    public void Create_FromXa60Source_JoinsTheSourceStudyAsNewOtSeries()
    {
        var source = Xa60Source();

        var sc = DicomFile.Open(Write(TestImage(), SourceIdentity.FromDataset(source))).Dataset;

        Assert.Equal(DicomUids.SecondaryCaptureImageStorage, sc.GetString(DicomTags.SOPClassUID));
        Assert.Equal("ISO_IR 192", sc.GetString(DicomTags.SpecificCharacterSet));
        Assert.Equal(source.GetString(DicomTags.StudyInstanceUID), sc.GetString(DicomTags.StudyInstanceUID));
        Assert.NotEqual(source.GetString(DicomTags.SeriesInstanceUID), sc.GetString(DicomTags.SeriesInstanceUID));
        Assert.Equal("OT", sc.GetString(DicomTags.Modality));
        Assert.Equal("902", sc.GetString(DicomTags.SeriesNumber));
        Assert.Equal("MRSNode MRS summary capture", sc.GetString(DicomTags.SeriesDescription));
        Assert.Equal("WSD", sc.GetString(DicomTags.ConversionType));
        Assert.Equal(["DERIVED", "SECONDARY"], sc.GetStrings(DicomTags.ImageType));
        Assert.Equal("YES", sc.GetString(DicomTags.BurnedInAnnotation));
        Assert.Equal("MRSNode", sc.GetString(DicomTags.Manufacturer));
        Assert.Equal(new DateOnly(2026, 11, 21), sc.GetDate(DicomTags.ContentDate));
        var reference = Assert.Single(sc.GetSequence(DicomTags.SourceInstanceSequence)!.Items);
        Assert.Equal(source.GetString(DicomTags.SOPInstanceUID), reference.GetString(DicomTags.ReferencedSOPInstanceUID));
        Assert.Equal(DicomUids.MRSpectroscopyStorage, reference.GetString(DicomTags.ReferencedSOPClassUID));
    }

    [Fact]
    public void Create_FullIdentity_PatientStudyCopiedEverySourceReferenced()
    {
        var sc = DicomFile.Open(Write(TestImage(), FullIdentity)).Dataset;

        Assert.Equal("Müller^Jürgen", sc.GetString(DicomTags.PatientName));
        Assert.Equal("MRS-0042", sc.GetString(DicomTags.PatientID));
        Assert.Equal("A123", sc.GetString(DicomTags.AccessionNumber));
        Assert.Equal("20261120", sc.GetString(DicomTags.StudyDate));
        Assert.Equal(["1.2.826.0.1.3680043.8.498.3", "1.2.826.0.1.3680043.8.498.4"],
            sc.GetSequence(DicomTags.SourceInstanceSequence)!.Items.Select(i => i.GetString(DicomTags.ReferencedSOPInstanceUID)));
    }

    [Fact]
    public void Create_ContributingEquipment_MrsNodeAsProcessingEquipment()
    {
        var sc = SecondaryCaptureWriter.Create(TestImage(), FullIdentity, "MRSNode 0.1.0", When);

        var item = Assert.Single(sc.GetSequence(DicomTags.ContributingEquipmentSequence)!.Items);
        var purpose = Assert.Single(item.GetSequence(DicomTags.PurposeOfReferenceCodeSequence)!.Items);
        Assert.Equal(("109102", "DCM", "Processing Equipment"), (purpose.GetString(DicomTags.CodeValue), purpose.GetString(DicomTags.CodingSchemeDesignator), purpose.GetString(DicomTags.CodeMeaning)));
        Assert.Equal("MRSNode", item.GetString(DicomTags.Manufacturer));
        Assert.Equal("MRSNode 0.1.0", item.GetString(DicomTags.SoftwareVersions));
        Assert.Equal("20261121123000", item.GetString(DicomTags.ContributionDateTime));
    }

    [Fact]
    public void Create_ImagePixel_RleFragmentDecodesToTheCanvasBytes()
    {
        var image = TestImage(321, 199); // odd sizes: rows of odd length, segments padded to even length

        var path = Write(image, FullIdentity);
        var file = DicomFile.Open(path);
        var sc = file.Dataset;

        Assert.Equal(DicomUids.RleLossless, file.TransferSyntax.Uid);
        Assert.Equal(199, sc.GetValue<ushort>(DicomTags.Rows));
        Assert.Equal(321, sc.GetValue<ushort>(DicomTags.Columns));
        Assert.Equal(3, sc.GetValue<ushort>(DicomTags.SamplesPerPixel));
        Assert.Equal("RGB", sc.GetString(DicomTags.PhotometricInterpretation));
        Assert.Equal(0, sc.GetValue<ushort>(DicomTags.PlanarConfiguration)); // PS3.5 G.2 allows 0 with RLE; older Orthanc needs it
        Assert.Equal((8, 8, 7, 0), (sc.GetValue<ushort>(DicomTags.BitsAllocated), sc.GetValue<ushort>(DicomTags.BitsStored), sc.GetValue<ushort>(DicomTags.HighBit), sc.GetValue<ushort>(DicomTags.PixelRepresentation)));
        var fragments = Assert.IsType<DicomFragmentSequence>(sc[DicomTags.PixelData]);
        Assert.Equal(new byte[4], fragments.OffsetTable.ToArray()); // one frame: its offset 0
        var fragment = Assert.Single(fragments.Fragments);
        Assert.Equal(0, fragment.Length % 2);
        Assert.InRange(fragment.Length, 1000, 321 * 199 * 3 / 4);
        var decoded = RlePixelData.Decode(sc);
        Assert.True(decoded.GetBytes(DicomTags.PixelData).Span.SequenceEqual(image.Pixels));
    }

    [Fact]
    public void Create_NoSourceInstances_NoSourceInstanceSequence()
    {
        var sc = SecondaryCaptureWriter.Create(TestImage(), new SourceIdentity { StudyInstanceUid = "1.2.3" }, "MRSNode 0.1.0", When);

        Assert.False(sc.Contains(DicomTags.SourceInstanceSequence));
        Assert.Equal("", sc.GetString(DicomTags.PatientID));
    }

    [PeerFact("dciodvfy")]
    public void Create_FullIdentity_DciodvfyReportsNothing()
    {
        var r = Peers.Run("dciodvfy", [Write(TestImage(), FullIdentity)]);

        var findings = (r.StdOut + r.StdErr).Split('\n').Where(l => l.StartsWith("Error", StringComparison.Ordinal) || l.StartsWith("Warning", StringComparison.Ordinal)).ToList();
        Assert.True(findings.Count == 0, string.Join('\n', findings));
        Assert.Contains("SCImage", r.StdOut + r.StdErr);
    }

    [PeerFact("dciodvfy")]
    public void Create_FromXa60Source_DciodvfyOnlyWarnsOfTheSourcesEmptyPatientId()
    {
        // The anonymised scanner file has an empty Patient ID, which we copy: dciodvfy notes DICOMDIR could not use it.
        var r = Peers.Run("dciodvfy", [Write(TestImage(), SourceIdentity.FromDataset(Xa60Source()))]);

        var findings = (r.StdOut + r.StdErr).Split('\n').Where(l => l.StartsWith("Error", StringComparison.Ordinal) || l.StartsWith("Warning", StringComparison.Ordinal)).ToList();
        Assert.Equal(["Warning - Missing attribute or value that would be needed to build DICOMDIR - Patient ID"], findings);
    }

    [PeerFact("dcmdump")]
    public void Create_ReadByDcmdump_SopClassPixelModuleAndPixelData()
    {
        var r = Peers.Run("dcmdump", [Write(TestImage(), FullIdentity)]);

        Assert.Equal(0, r.ExitCode);
        Assert.Contains("(0008,0016) UI =SecondaryCaptureImageStorage", r.StdOut);
        Assert.Contains("(0028,0004) CS [RGB]", r.StdOut);
        Assert.Contains("(0028,0010) US 200", r.StdOut);
        Assert.Contains("(0028,0011) US 320", r.StdOut);
        Assert.Contains("(0002,0010) UI =RLELossless", r.StdOut);
        Assert.Contains("(7fe0,0010) OB (PixelSequence", r.StdOut);
        Assert.Contains("(0010,0010) PN [Müller^Jürgen]", r.StdOut);
    }

    [PeerFact("dcmdrle")]
    public void Create_DecodedByDcmdrle_SameBytesAsTheCanvas()
    {
        var image = TestImage(321, 199);
        var path = Write(image, FullIdentity);
        var decodedPath = Path.Combine(Path.GetDirectoryName(path)!, "decoded.dcm");

        var r = Peers.Run("dcmdrle", [path, decodedPath]);

        Assert.True(r.ExitCode == 0, r.StdErr);
        var decoded = DicomFile.Open(decodedPath).Dataset;
        var planar = decoded.GetValue<ushort>(DicomTags.PlanarConfiguration);
        var pixels = decoded.GetBytes(DicomTags.PixelData).Span[..(321 * 199 * 3)];
        Assert.True(pixels.SequenceEqual(planar == 0 ? image.Pixels : Planar(image.Pixels)), $"planar configuration {planar}");
    }

    /// <summary>Colour-by-plane layout of interleaved RGB bytes (R1 R2 … G1 G2 … B1 B2 …).</summary>
    private static byte[] Planar(ReadOnlySpan<byte> interleaved)
    {
        var n = interleaved.Length / 3;
        var planar = new byte[interleaved.Length];
        for (var i = 0; i < n; i++)
        {
            for (var c = 0; c < 3; c++)
            {
                planar[c * n + i] = interleaved[3 * i + c];
            }
        }
        return planar;
    }

    [PeerFact("pydicom", "numpy")]
    public void Create_DecodedByPydicom_RowsColumnsThreeAndPixelValues()
    {
        var path = Write(TestImage(), FullIdentity);

        var r = Peers.Run(Peers.Python, ["-c", $"import pydicom; a = pydicom.dcmread('{path}').pixel_array; print(a.shape, a.dtype, a[15, 20].tolist(), a[5, 5].tolist(), a[199, 100].tolist(), a[10, 10].tolist())"]);

        Assert.True(r.ExitCode == 0, r.StdErr);
        Assert.Equal("(200, 320, 3) uint8 [200, 30, 60] [255, 255, 255] [0, 0, 0] [200, 30, 60]", r.StdOut.Trim());
    }
}
