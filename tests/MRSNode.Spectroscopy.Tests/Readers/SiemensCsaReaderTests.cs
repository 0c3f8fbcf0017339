using System.Buffers.Binary;
using System.Numerics;
using MRSNode.Dicom;
using MRSNode.Dicom.IO;
using MRSNode.Spectroscopy.Readers;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Spectroscopy.Tests.Readers;

[UnitTest]
public class SiemensCsaReaderTests
{
    private const string Csa = "dicom/siemens-csa-svs30.ima";

    private static MrsAcquisition ReadSvs30() =>
        Assert.Single(new SiemensCsaReader().Read(TestData.Path(Csa), MrsReadOptions.Default));

    [Theory]
    [InlineData(Csa, true)]
    [InlineData("dicom/siemens-xa60-svs.dcm", false)]
    [InlineData("mrs/siemens-svs30.rda", false)]
    public void CanRead_ByContent_OnlyCsaNonImage(string relative, bool expected)
    {
        Assert.Equal(expected, new SiemensCsaReader().CanRead(MrsFileProbe.Open(TestData.Path(relative))));
    }

    [Fact]
    public void Read_Svs30_ParametersAsManifest()
    {
        var a = ReadSvs30();
        Assert.Equal(1024, a.Points);
        Assert.Equal("1.3.12.2.1107.5.2.19.45306.30000016042910584906500000177", a.Provenance.FrameOfReferenceUid);
        Assert.Equal(1199.904, a.SpectralWidthHz, 0.01);
        Assert.Equal(1e9 / 833400, a.SpectralWidthHz, 1e-9);
        Assert.Equal(123.234655, a.TransmitterFrequencyMHz, 1e-5);
        Assert.Equal(30, a.EchoTimeMs!.Value, 1e-9);
        Assert.Equal(2000, a.RepetitionTimeMs!.Value, 1e-9);
        Assert.Equal(64, a.AcquiredAverages);
        Assert.Equal(1, a.Averages);
        Assert.Equal("1H", a.Nucleus);
        Assert.Equal(4.7, a.ReferencePpm);
        Assert.Equal(AcquisitionRole.Metabolite, a.Role);
        Assert.Equal("PRESS", a.Localization.Technique);
        Assert.Equal([20.0, 40.0, 20.0], a.Localization.VoxelSizeMm!);
        Assert.Equal([41.602906, 21.569007, -4.958838], a.Localization.PositionMm!);
        Assert.Equal(6, a.Localization.Orientation!.Length);
        Assert.Equal("SIEMENS", a.Provenance.Manufacturer);
        Assert.Equal("Skyra", a.Provenance.Model);
        Assert.Equal("syngo MR D13", a.Provenance.SoftwareVersion);
        Assert.Equal("Anonymous", a.Provenance.PatientId);
        Assert.Equal("svs_se_30_LSTG", a.Provenance.ProtocolName); // from the series CSA protocol
        Assert.Equal("*svs_se", a.Provenance.SequenceName);
        Assert.Equal(["1.3.12.2.1107.5.2.19.45306.30000016042910584906500000413"], a.Provenance.SopInstanceUids);
        Assert.Equal(SiemensCsaReader.Name, a.Provenance.SourceFormat);
    }

    /// <summary>CSA data need no conjugation: NAA at 2.02 ppm, Cr 3.03, Cho 3.21, the mirror of NAA (7.38 ppm) empty.</summary>
    [Fact]
    public void Read_Svs30_NaaAt2_01MirrorEmpty()
    {
        var a = ReadSvs30();
        double naa = a.Axis.PeakPpm(a.Fid(), 1.8, 2.2);
        Assert.Equal(2.01, naa, 0.05);
        var (_, mirror) = SpectrumChecks.PeakAndMirror(a.Fid(), a.Axis, naa);
        Assert.True(mirror < 0.1, $"mirror is {mirror:P1} of NAA");
        Assert.Equal(3.03, a.Axis.PeakPpm(a.Fid(), 2.9, 3.1), 0.03);
        Assert.Equal(3.21, a.Axis.PeakPpm(a.Fid(), 3.12, 3.3), 0.03);
    }

    /// <summary>The RDA export of the same scan holds the same FID (float64 there): no conjugation either way.</summary>
    [Fact]
    public void Read_Svs30_BitIdenticalToRdaExport()
    {
        var a = ReadSvs30();
        var rda = File.ReadAllBytes(TestData.Path("mrs/siemens-svs30.rda"));
        var data = rda.AsSpan(rda.Length - 1024 * 16);
        for (int i = 0; i < 1024; i++)
        {
            var z = new Complex(BinaryPrimitives.ReadDoubleLittleEndian(data[(16 * i)..]), BinaryPrimitives.ReadDoubleLittleEndian(data[(16 * i + 8)..]));
            Assert.Equal(z, a.Data[i]);
        }
    }

    [Fact]
    public void Read_CsaHeaderTruncated_ThrowsMrsReadException()
    {
        var path = DicomMrsReaderTests.Modified(Csa, ds =>
        {
            var tag = ds.FindPrivateTag(0x0029, "SIEMENS CSA HEADER", 0x10)!.Value;
            ds.AddOrUpdate(new DicomElement(tag, DicomVR.OB, ds.GetBytes(tag)[..5000]));
        });
        var ex = Assert.Throws<MrsReadException>(() => new SiemensCsaReader().Read(path, MrsReadOptions.Default));
        Assert.Contains("CSA", ex.Message);
    }

    [Fact]
    public void Read_CsaHeaderRandomBytes_ThrowsMrsReadException()
    {
        var path = DicomMrsReaderTests.Modified(Csa, ds =>
        {
            var tag = ds.FindPrivateTag(0x0029, "SIEMENS CSA HEADER", 0x10)!.Value;
            var junk = new byte[14108];
            new Random(7).NextBytes(junk);
            ds.AddOrUpdate(new DicomElement(tag, DicomVR.OB, junk));
        });
        Assert.Throws<MrsReadException>(() => new SiemensCsaReader().Read(path, MrsReadOptions.Default));
    }

    [Fact]
    public void Read_FidLengthMismatch_ThrowsNamingSizes()
    {
        var path = DicomMrsReaderTests.Modified(Csa, ds =>
        {
            var tag = ds.FindPrivateTag(0x7FE1, "SIEMENS CSA NON-IMAGE", 0x10)!.Value;
            ds.AddOrUpdate(new DicomElement(tag, DicomVR.OB, ds.GetBytes(tag)[..4096]));
        });
        var ex = Assert.Throws<MrsReadException>(() => new SiemensCsaReader().Read(path, MrsReadOptions.Default));
        Assert.Contains("4096 bytes", ex.Message);
        Assert.Contains("8192 bytes", ex.Message);
    }

    /// <summary>The blocks are found by creator: moving them to other block numbers changes nothing.</summary>
    [Fact]
    public void Read_PrivateBlocksMoved_FoundByCreator()
    {
        var path = DicomMrsReaderTests.Modified(Csa, ds =>
        {
            foreach (var (group, from, to) in new (ushort, byte, byte)[] { (0x0029, 0x11, 0x21), (0x0029, 0x10, 0x30), (0x7FE1, 0x10, 0x40) })
            {
                foreach (var item in ds.Where(i => i.Tag.Group == group && (i.Tag.Element == from || i.Tag.Element >> 8 == from)).ToList())
                {
                    ds.Remove(item.Tag);
                    var element = (DicomElement)item;
                    var tag = item.Tag.Element == from ? new DicomTag(group, to) : new DicomTag(group, (ushort)((to << 8) | (item.Tag.Element & 0xFF)));
                    ds.AddOrUpdate(new DicomElement(tag, element.VR, element.Value));
                }
            }
        });
        Assert.False(DicomFile.Open(path).Dataset.Contains(new DicomTag(0x0029, 0x1010 + 0x100)));
        var a = Assert.Single(new SiemensCsaReader().Read(path, MrsReadOptions.Default));
        Assert.Equal(ReadSvs30().Data, a.Data);
        Assert.Equal(1199.904, a.SpectralWidthHz, 0.01);
    }

    /// <summary>
    /// The SVS file made a 3 × 2 CSI grid: its image CSA header rewritten (CSA2) with Rows, Columns, the plane and the VOI,
    /// and the FID repeated per voxel. The geometry is read with DICOM's image conventions.
    /// </summary>
    [Fact]
    public void Read_CsiGrid_GeometryAndBoxFromTheCsaHeader()
    {
        var path = DicomMrsReaderTests.Modified(Csa, ds =>
        {
            var tag = ds.FindPrivateTag(0x0029, "SIEMENS CSA HEADER", 0x10)!.Value;
            var elements = CsaHeader.Parse(ds.GetBytes(tag).Span).Elements.Values.ToDictionary(e => e.Name);
            foreach (var (name, values) in new (string, string[])[]
            {
                ("Rows", ["2"]), ("Columns", ["3"]), ("NumberOfFrames", ["1"]), ("PixelSpacing", ["12", "10"]), ("SliceThickness", ["15"]),
                ("ImagePositionPatient", ["-10", "-6", "20"]), ("ImageOrientationPatient", ["1", "0", "0", "0", "1", "0"]),
                ("VoiPosition", ["0", "0", "20"]), ("VoiReadoutFoV", ["15"]), ("VoiPhaseFoV", ["14"]), ("VoiThickness", ["15"]),
            })
            {
                elements[name] = new CsaElement(name, values.Length, "DS", 3, values);
            }
            ds.AddOrUpdate(new DicomElement(tag, DicomVR.OB, Csa2(elements.Values)));
            var fidTag = ds.FindPrivateTag(0x7FE1, "SIEMENS CSA NON-IMAGE", 0x10)!.Value;
            var fid = ds.GetBytes(fidTag).ToArray();
            ds.AddOrUpdate(new DicomElement(fidTag, DicomVR.OB, Enumerable.Range(0, 6).SelectMany(_ => fid).ToArray()));
        });

        var a = Assert.Single(new SiemensCsaReader().Read(path, MrsReadOptions.Default));
        var g = a.Localization.Geometry;

        Assert.Equal(6, a.Voxels);
        Assert.NotNull(g);
        Assert.Equal(new MrsiGrid(3, 2, 1), g.Grid);
        Assert.Equal([-10.0, -6.0, 20.0], g.FirstVoxelCentreMm);
        Assert.Equal([10.0, 12.0, 15.0], g.VoxelSpacingMm);
        Assert.Equal([10.0, 6.0, 20.0], g.VoxelCentre(g.Index(2, 1, 0)));
        Assert.NotNull(g.Volume);
        // The 15 × 14 mm box around the origin holds the middle column's two voxels (x = 0) only.
        Assert.Equal([false, true, false, false, true, false], Enumerable.Range(0, 6).Select(g.InsideVolume));
        Assert.Equal(ReadSvs30().Data, a.Data.AsSpan(5 * a.Points, a.Points).ToArray());
    }

    /// <summary>A CSA2 ("SV10") header of the elements, as <see cref="CsaHeader"/> parses it.</summary>
    private static byte[] Csa2(IEnumerable<CsaElement> elements)
    {
        var list = elements.ToList();
        var bytes = new List<byte>();
        void I32(int v) { var b = new byte[4]; System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(b, v); bytes.AddRange(b); }
        bytes.AddRange("SV10"u8.ToArray());
        bytes.AddRange([4, 3, 2, 1]);
        I32(list.Count);
        I32(77);
        foreach (var e in list)
        {
            var name = new byte[64];
            System.Text.Encoding.ASCII.GetBytes(e.Name).CopyTo(name, 0);
            bytes.AddRange(name);
            I32(e.VM);
            var vr = new byte[4];
            System.Text.Encoding.ASCII.GetBytes(e.VR).CopyTo(vr, 0);
            bytes.AddRange(vr);
            I32(e.SyngoDT);
            I32(e.Values.Count);
            I32(77);
            foreach (var value in e.Values)
            {
                var text = System.Text.Encoding.ASCII.GetBytes(value + "\0");
                I32(text.Length); I32(text.Length); I32(77); I32(text.Length);
                bytes.AddRange(text);
                bytes.AddRange(new byte[(4 - text.Length % 4) % 4]);
            }
        }
        return [.. bytes];
    }

    [Fact]
    public void Read_Phosphorus_ThrowsMentioning1H()
    {
        var path = DicomMrsReaderTests.Modified(Csa, ds =>
        {
            var tag = ds.FindPrivateTag(0x0029, "SIEMENS CSA HEADER", 0x10)!.Value;
            var bytes = ds.GetBytes(tag).ToArray();
            ReplaceAll(bytes, "1H\0"u8, "P\0\0"u8); // ImagedNucleus/ResonantNucleus "1H" → "P" (normalised to "P")
            ds.AddOrUpdate(new DicomElement(tag, DicomVR.OB, bytes));
        });
        var ex = Assert.Throws<MrsReadException>(() => new SiemensCsaReader().Read(path, MrsReadOptions.Default));
        Assert.Contains("1H", ex.Message);
    }

    private static void ReplaceAll(byte[] data, ReadOnlySpan<byte> from, ReadOnlySpan<byte> to)
    {
        for (int i = 0; i + from.Length <= data.Length; i++)
        {
            if (data.AsSpan(i, from.Length).SequenceEqual(from))
            {
                to.CopyTo(data.AsSpan(i));
            }
        }
    }
}
