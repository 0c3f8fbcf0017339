using System.Buffers.Binary;
using System.Text;
using MRSNode.Spectroscopy.Readers;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Spectroscopy.Tests.Readers;

[UnitTest]
public class SiemensRdaReaderTests
{
    private const string Rda = "mrs/siemens-svs30.rda";
    private readonly SiemensRdaReader _reader = new();

    private static MrsAcquisition ReadOne(string path) => Assert.Single(new SiemensRdaReader().Read(path, MrsReadOptions.Default));

    [Fact]
    public void Read_SiemensSvs30_HeaderValues()
    {
        var a = ReadOne(TestData.Path(Rda));

        Assert.Equal("Siemens RDA", a.Provenance.SourceFormat);
        Assert.Equal(1024, a.Points);
        Assert.Equal((1, 1, 1), (a.Averages, a.Coils, a.Voxels));
        // The header says DwellTime: 833 (µs, rounded by the scanner; the CSA has 833400 ns = 1199.9 Hz).
        Assert.Equal(1e6 / 833, a.SpectralWidthHz, 9);
        Assert.Equal(1200.48, a.SpectralWidthHz, 2);
        Assert.Equal(123.234655, a.TransmitterFrequencyMHz, 9);
        Assert.Equal(30.0, a.EchoTimeMs);
        Assert.Equal(2000.0, a.RepetitionTimeMs);
        Assert.Equal(64, a.AcquiredAverages);
        Assert.Equal("1H", a.Nucleus);
        Assert.Equal(4.7, a.ReferencePpm);
        Assert.Equal(AcquisitionRole.Metabolite, a.Role);
        Assert.Equal(2.9, a.FieldStrengthTesla, 1);
    }

    [Fact]
    public void Read_SiemensSvs30_ProvenanceAndLocalization()
    {
        var a = ReadOne(TestData.Path(Rda));

        Assert.Equal("SIEMENS", a.Provenance.Manufacturer);
        Assert.Equal("Skyra", a.Provenance.Model);
        Assert.Equal("syngo MR D13", a.Provenance.SoftwareVersion);
        Assert.Equal("Anonymous", a.Provenance.PatientId);
        Assert.Equal("svs_se_30_LSTG", a.Provenance.SeriesDescription);
        Assert.Equal("*svs_se", a.Provenance.SequenceName);
        Assert.Equal("PRESS", a.Localization.Technique);
        Assert.Equal([41.602906, 21.569007, -4.958838], a.Localization.PositionMm!);
        Assert.Equal([20.0, 40.0, 20.0], a.Localization.VoxelSizeMm!);
        Assert.Equal([0.967711, -0.251409, -0.018134, -0.245450, -0.923514, -0.294748], a.Localization.Orientation!);
        Assert.Equal(MrsiGrid.SingleVoxel, a.Localization.Grid);
    }

    [Fact]
    public void Read_SiemensSvs30_NaaAt201WithoutConjugation()
    {
        var a = ReadOne(TestData.Path(Rda));

        double naa = SpectrumCheck.AssertPeak(a, 2.01);
        Assert.InRange(naa, 2.00, 2.03); // measured 2.016
        double cr = SpectrumCheck.PeakPpm(a.Fid(), a.Axis, 2.95, 3.1);
        Assert.InRange(cr, 2.98, 3.08);
        // The conjugate reading would put NAA's mirror above NAA: the stored orientation is right.
        var conjugated = a.Fid().ToArray().Select(System.Numerics.Complex.Conjugate).ToArray();
        Assert.True(SpectrumCheck.Prominence(conjugated, a.Axis, naa) < 0.2 * SpectrumCheck.Prominence(a.Fid(), a.Axis, naa));
    }

    [Fact]
    public void Read_SiemensSvs30_FidIsBitIdenticalToCsaIma()
    {
        var a = ReadOne(TestData.Path(Rda));
        var ima = File.ReadAllBytes(TestData.Path("dicom/siemens-csa-svs30.ima"));
        // The IMA ends with (7FE1,1010) OB, 8192 bytes: 1024 complex float32.
        Assert.Equal([0xE1, 0x7F, 0x10, 0x10, (byte)'O', (byte)'B'], ima[^8204..^8198]);
        var fid = a.Fid();
        for (int i = 0; i < 1024; i++)
        {
            float re = BinaryPrimitives.ReadSingleLittleEndian(ima.AsSpan(ima.Length - 8192 + 8 * i));
            float im = BinaryPrimitives.ReadSingleLittleEndian(ima.AsSpan(ima.Length - 8192 + 8 * i + 4));
            Assert.Equal(re, fid[i].Real);
            Assert.Equal(im, fid[i].Imaginary);
        }
    }

    [Fact]
    public void CanRead_ByContent_OnlyRda()
    {
        Assert.True(_reader.CanRead(MrsFileProbe.Open(TestData.Path(Rda))));
        // Content, not name: an RDA renamed .txt is still RDA.
        var dir = SpectrumCheck.CopyToTemp(Rda);
        var renamed = Path.Combine(dir, "scan.txt");
        File.Move(Path.Combine(dir, "siemens-svs30.rda"), renamed);
        Assert.True(_reader.CanRead(MrsFileProbe.Open(renamed)));
        foreach (var other in new[] { "mrs/philips-sdat/sub-01_PRESS_35_act.spar", "mrs/spec2nii/metab.RAW", "mrs/spec2nii/metab.nii", "mrs/nifti/metab.nii.gz", "mrs/spec2nii/metab_jmrui.txt" })
        {
            Assert.False(_reader.CanRead(MrsFileProbe.Open(TestData.Path(other))), other);
        }
    }

    // ---- malformed input ------------------------------------------------------------------------

    /// <summary>The RDA with its header edited (the data stay the last 16 KiB).</summary>
    private static string WithHeader(Func<string, string> edit, int dropDataBytes = 0, byte[]? data = null)
    {
        var bytes = File.ReadAllBytes(TestData.Path(Rda));
        var header = Encoding.Latin1.GetString(bytes, 0, bytes.Length - 16384);
        var payload = data ?? bytes[^16384..];
        var path = Path.Combine(TestData.NewTempFolder(), "edited.rda");
        File.WriteAllBytes(path, [.. Encoding.Latin1.GetBytes(edit(header)), .. payload.AsSpan(0, payload.Length - dropDataBytes)]);
        return path;
    }

    [Fact]
    public void Read_TruncatedData_ThrowsNamingSizes()
    {
        var message = SpectrumCheck.ReadFails(() => _reader.Read(WithHeader(h => h, dropDataBytes: 100), MrsReadOptions.Default));
        Assert.Contains("16384", message);
        Assert.Contains("truncated", message);
    }

    [Fact]
    public void Read_HeaderLyingAboutVectorSize_Throws()
    {
        var message = SpectrumCheck.ReadFails(() => _reader.Read(WithHeader(h => h.Replace("VectorSize: 1024", "VectorSize: 2048")), MrsReadOptions.Default));
        Assert.Contains("VectorSize 2048", message);
    }

    [Fact]
    public void Read_CsiMatrixLying_Throws()
    {
        var message = SpectrumCheck.ReadFails(() => _reader.Read(WithHeader(h => h.Replace("CSIMatrixSize[0]: 1", "CSIMatrixSize[0]: 16")), MrsReadOptions.Default));
        Assert.Contains("16 voxel", message);
    }

    [Theory]
    [InlineData("MRFrequency: 123.234655", "MRFrequency")]
    [InlineData("DwellTime: 833", "DwellTime")]
    [InlineData("VectorSize: 1024", "VectorSize")]
    public void Read_MissingKey_ThrowsNamingIt(string line, string key)
    {
        var message = SpectrumCheck.ReadFails(() => _reader.Read(WithHeader(h => h.Replace(line + "\r\n", "", StringComparison.Ordinal).Replace(line + "\n", "", StringComparison.Ordinal)), MrsReadOptions.Default));
        Assert.Contains(key, message);
    }

    [Theory]
    [InlineData("DwellTime: 833", "DwellTime: 8x3")]
    [InlineData("MRFrequency: 123.234655", "MRFrequency: 1e999")]
    [InlineData("DwellTime: 833", "DwellTime: 0")]
    [InlineData("MRFrequency: 123.234655", "MRFrequency: -5")]
    [InlineData("TE: 30.000000", "TE: thirty")]
    [InlineData("VectorSize: 1024", "VectorSize: 10.5")]
    public void Read_GarbageNumber_Throws(string line, string replacement)
    {
        SpectrumCheck.ReadFails(() => _reader.Read(WithHeader(h => h.Replace(line, replacement)), MrsReadOptions.Default));
    }

    [Fact]
    public void Read_Nucleus31P_ThrowsMentioning1H()
    {
        var message = SpectrumCheck.ReadFails(() => _reader.Read(WithHeader(h => h.Replace("Nucleus: 1H", "Nucleus: 31P")), MrsReadOptions.Default));
        Assert.Contains("1H", message);
        Assert.Contains("31P", message);
        // Allowed on request.
        var a = Assert.Single(_reader.Read(WithHeader(h => h.Replace("Nucleus: 1H", "Nucleus: 31P")), MrsReadOptions.Default with { AllowNonProton = true }));
        Assert.Equal("31P", a.Nucleus);
        Assert.Equal(0.0, a.ReferencePpm);
    }

    [Fact]
    public void Read_InversionTime_MetaboliteNulled()
    {
        var a = Assert.Single(_reader.Read(WithHeader(h => h.Replace("TI: 0.000000", "TI: 600.000000")), MrsReadOptions.Default));
        Assert.Equal(AcquisitionRole.MetaboliteNulled, a.Role);
    }

    [Fact]
    public void Read_NoEndMarker_Throws()
    {
        var message = SpectrumCheck.ReadFails(() => _reader.Read(WithHeader(h => h.Replace(SiemensRdaReader.EndMarker, ">>> End of head <<<")), MrsReadOptions.Default));
        Assert.Contains("End of header", message);
    }

    [Fact]
    public void Read_NaNSample_Throws()
    {
        var data = File.ReadAllBytes(TestData.Path(Rda))[^16384..];
        BinaryPrimitives.WriteDoubleLittleEndian(data.AsSpan(160), double.NaN);
        var message = SpectrumCheck.ReadFails(() => _reader.Read(WithHeader(h => h, data: data), MrsReadOptions.Default));
        Assert.Contains("sample 10", message);
    }

    [Fact]
    public void Read_MissingFile_ThrowsMrsReadException()
    {
        SpectrumCheck.ReadFails(() => _reader.Read(Path.Combine(TestData.NewTempFolder(), "none.rda"), MrsReadOptions.Default));
    }

    [Fact]
    public void Read_FuzzedVariants_OnlyMrsReadExceptionOrSuccess()
    {
        var original = File.ReadAllBytes(TestData.Path(Rda));
        Fuzzer.FuzzFile(original, "fuzz.rda", variants: 300, seed: 1, hotBytes: original.Length - 16384,
            read: p => _reader.Read(p, MrsReadOptions.Default));
    }
}
