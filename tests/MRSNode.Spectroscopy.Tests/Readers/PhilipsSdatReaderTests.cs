using System.Buffers.Binary;
using MRSNode.Spectroscopy.Readers;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Spectroscopy.Tests.Readers;

[UnitTest]
public class PhilipsSdatReaderTests
{
    private const string Dir = "mrs/philips-sdat/";
    private readonly PhilipsSdatReader _reader = new();

    /// <summary>Stem, SDAT extension, MHz, TE, averages, role (MANIFEST.md).</summary>
    public static TheoryData<string, string, double, double, int, AcquisitionRole> Pairs() => new()
    {
        { "sub-01_PRESS_35_act", "sdat", 127.750896, 35, 64, AcquisitionRole.Metabolite },
        { "sub-01_PRESS_35_ref", "sdat", 127.750896, 35, 64, AcquisitionRole.WaterReference },
        { "sub-02_PRESS_35_act", "sdat", 127.750690, 35, 64, AcquisitionRole.Metabolite },
        { "sub-02_PRESS_35_ref", "sdat", 127.750690, 35, 64, AcquisitionRole.WaterReference },
        { "sub-01_ses-01_PRESS_raw-act_noID", "SDAT", 127.755264, 30, 48, AcquisitionRole.Metabolite },
        { "sub-01_ses-01_PRESS_raw-ref_noID", "SDAT", 127.755264, 30, 48, AcquisitionRole.WaterReference },
        { "sub-01_ses-01_PRESS-Inverted_TI-600_raw-act_noID", "SDAT", 127.755224, 30, 96, AcquisitionRole.MetaboliteNulled },
        { "sub-01_ses-01_PRESS-Inverted_TI-600_raw-ref_noID", "SDAT", 127.755224, 30, 96, AcquisitionRole.WaterReference },
    };

    private MrsAcquisition Read(string relative) => Assert.Single(_reader.Read(TestData.Path(relative), MrsReadOptions.Default));

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Read_OspreyPair_HeaderValuesAndRole(string stem, string extension, double mhz, double te, int averages, AcquisitionRole role)
    {
        var a = Read(Dir + stem + "." + extension);

        Assert.Equal("Philips SDAT/SPAR", a.Provenance.SourceFormat);
        Assert.Equal(2048, a.Points);
        Assert.Equal((1, 1, 1), (a.Averages, a.Coils, a.Voxels));
        Assert.Equal(2000.0, a.SpectralWidthHz);
        Assert.Equal(mhz, a.TransmitterFrequencyMHz, 9);
        Assert.Equal(te, a.EchoTimeMs);
        Assert.Equal(2000.0, a.RepetitionTimeMs);
        Assert.Equal(averages, a.AcquiredAverages);
        Assert.Equal("1H", a.Nucleus);
        Assert.Equal(4.68, a.ReferencePpm);
        Assert.Equal(role, a.Role);
        Assert.Equal("Philips", a.Provenance.Manufacturer);
        Assert.Equal("PRESS", a.Localization.Technique);
    }

    [Theory]
    [InlineData("sub-01_PRESS_35_act.sdat")]
    [InlineData("sub-02_PRESS_35_act.sdat")]
    [InlineData("sub-01_ses-01_PRESS_raw-act_noID.SDAT")]
    public void Read_MetaboliteScan_ConjugatedNaaAt201(string file)
    {
        var a = Read(Dir + file);

        double naa = SpectrumCheck.AssertPeak(a, 2.01);
        Assert.InRange(naa, 2.00, 2.05); // measured 2.016–2.040
        SpectrumCheck.AssertPeak(a, 3.03, window: 0.08, maxMirror: double.PositiveInfinity);
    }

    [Theory]
    [InlineData("sub-01_PRESS_35_ref.sdat")]
    [InlineData("sub-02_PRESS_35_ref.sdat")]
    [InlineData("sub-01_ses-01_PRESS_raw-ref_noID.SDAT")]
    [InlineData("sub-01_ses-01_PRESS-Inverted_TI-600_raw-ref_noID.SDAT")]
    public void Read_WaterReference_WaterAt47(string file)
    {
        var a = Read(Dir + file);

        double water = SpectrumCheck.PeakPpm(a.Fid(), a.Axis, 4.2, 5.2);
        Assert.InRange(water, 4.6, 4.8);
        Assert.Equal(AcquisitionRole.WaterReference, a.Role);
    }

    [Fact]
    public void Read_InvertedTi600_MetaboliteNulledWithMacromoleculePeakAt09()
    {
        var a = Read(Dir + "sub-01_ses-01_PRESS-Inverted_TI-600_raw-act_noID.SDAT");

        Assert.Equal(AcquisitionRole.MetaboliteNulled, a.Role);
        Assert.Equal("PRESS_TI_600", a.Provenance.SeriesDescription);
        SpectrumCheck.AssertPeak(a, 0.90, window: 0.1, maxMirror: double.PositiveInfinity);
    }

    [Fact]
    public void Read_EitherFileOfThePair_SameData()
    {
        var fromSdat = Read(Dir + "sub-01_ses-01_PRESS_raw-act_noID.SDAT");
        var fromSpar = Read(Dir + "sub-01_ses-01_PRESS_raw-act_noID.SPAR");
        Assert.Equal(fromSdat.Data, fromSpar.Data);
        Assert.Equal(fromSdat.TransmitterFrequencyMHz, fromSpar.TransmitterFrequencyMHz);
        var lower = Read(Dir + "sub-01_PRESS_35_act.spar");
        Assert.Equal(Read(Dir + "sub-01_PRESS_35_act.sdat").Data, lower.Data);
    }

    [Fact]
    public void Read_MixedCaseExtensions_PairFound()
    {
        var dir = TestData.NewTempFolder();
        File.Copy(TestData.Path(Dir + "sub-01_PRESS_35_act.sdat"), Path.Combine(dir, "scan.SdAt"));
        File.Copy(TestData.Path(Dir + "sub-01_PRESS_35_act.spar"), Path.Combine(dir, "scan.SPAR"));
        var a = Assert.Single(_reader.Read(Path.Combine(dir, "scan.SdAt"), MrsReadOptions.Default));
        Assert.Equal(Read(Dir + "sub-01_PRESS_35_act.sdat").Data, a.Data);
    }

    [Fact]
    public void Read_LocalizationFromSpar()
    {
        var a = Read(Dir + "sub-01_PRESS_35_act.sdat");
        Assert.Equal([0.0, 45.03344727, 37.66220856], a.Localization.PositionMm!);
        Assert.Equal([30.0, 30.0, 30.0], a.Localization.VoxelSizeMm!);
        Assert.Equal("3.2.2 ; .2.2 ;", a.Provenance.SoftwareVersion);
    }

    [Fact]
    public void Read_RowsGreaterThanOne_HeldAsAverages()
    {
        var dir = TestData.NewTempFolder();
        var sdat = File.ReadAllBytes(TestData.Path(Dir + "sub-01_PRESS_35_act.sdat"));
        File.WriteAllBytes(Path.Combine(dir, "two.sdat"), [.. sdat, .. sdat]);
        File.WriteAllText(Path.Combine(dir, "two.spar"), File.ReadAllText(TestData.Path(Dir + "sub-01_PRESS_35_act.spar")).Replace("rows : 1", "rows : 2"));
        var a = Assert.Single(_reader.Read(Path.Combine(dir, "two.sdat"), MrsReadOptions.Default));
        Assert.Equal(2, a.Averages);
        Assert.Equal(a.Fid(0, 0).ToArray(), a.Fid(0, 1).ToArray());
        Assert.Equal(AcquisitionRole.Metabolite, a.Role);
    }

    [Fact]
    public void CanRead_SparTextOrSdatWithPartner()
    {
        Assert.True(_reader.CanRead(MrsFileProbe.Open(TestData.Path(Dir + "sub-01_PRESS_35_act.spar"))));
        Assert.True(_reader.CanRead(MrsFileProbe.Open(TestData.Path(Dir + "sub-01_PRESS_35_act.sdat"))));
        Assert.True(_reader.CanRead(MrsFileProbe.Open(TestData.Path(Dir + "sub-01_ses-01_PRESS_raw-ref_noID.SDAT"))));
        var alone = Path.Combine(TestData.NewTempFolder(), "alone.sdat");
        File.Copy(TestData.Path(Dir + "sub-01_PRESS_35_act.sdat"), alone);
        Assert.False(_reader.CanRead(MrsFileProbe.Open(alone)));
        foreach (var other in new[] { "mrs/siemens-svs30.rda", "mrs/spec2nii/metab.RAW", "mrs/spec2nii/metab.txt", "mrs/nifti/metab.nii.gz", "mrs/spec2nii/metab.nii" })
        {
            Assert.False(_reader.CanRead(MrsFileProbe.Open(TestData.Path(other))), other);
        }
    }

    // ---- VAX F floats ---------------------------------------------------------------------------

    [Theory]
    [InlineData(0x00004080u, 1.0)]        // exponent 129, fraction 0: 0.1₂ × 2¹
    [InlineData(0x0000C080u, -1.0)]
    [InlineData(0x00004120u, 2.5)]        // 0.101₂ × 2²
    [InlineData(0x00003F80u, 0.25)]
    [InlineData(0x00000000u, 0.0)]
    [InlineData(0x12340000u, 0.0)]        // exponent 0, sign 0: zero whatever the fraction ("dirty zero")
    public void VaxFloat_KnownBits_Value(uint raw, double expected)
    {
        Assert.Equal(expected, VaxFloat.ToDouble(raw));
    }

    [Fact]
    public void VaxFloat_ReservedOperand_Null()
    {
        Assert.Null(VaxFloat.ToDouble(0x00008000u));
        Assert.Null(VaxFloat.ToDouble(0xFFFF8000u));
    }

    [Fact]
    public void VaxFloat_MatchesIeeeDividedByFour()
    {
        var random = new Random(7);
        for (int i = 0; i < 10_000; i++)
        {
            float value = (float)((random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-20, 20)));
            uint ieee = BitConverter.SingleToUInt32Bits(value * 4);
            uint vax = (ieee >> 16) | (ieee << 16); // word swap
            Assert.Equal(value, (float)VaxFloat.ToDouble(vax)!.Value);
            Assert.Equal(value, (float)VaxFloat.ToDouble(VaxFloat.FromDouble(value))!.Value);
        }
        // The largest VAX exponent is finite (IEEE/4 would overflow to infinity).
        Assert.True(double.IsFinite(VaxFloat.ToDouble(0xFFFF7FFFu)!.Value));
        Assert.Equal(1.7014118e38, VaxFloat.ToDouble(0xFFFF7FFFu)!.Value, 1e32);
    }

    // ---- malformed input ------------------------------------------------------------------------

    private static string Pair(Func<string, string>? editSpar = null, Func<byte[], byte[]>? editSdat = null, string stem = "sub-01_PRESS_35_act")
    {
        var dir = TestData.NewTempFolder();
        var spar = File.ReadAllText(TestData.Path(Dir + stem + ".spar"));
        var sdat = File.ReadAllBytes(TestData.Path(Dir + stem + ".sdat"));
        File.WriteAllText(Path.Combine(dir, "x.spar"), editSpar?.Invoke(spar) ?? spar);
        File.WriteAllBytes(Path.Combine(dir, "x.sdat"), editSdat?.Invoke(sdat) ?? sdat);
        return Path.Combine(dir, "x.sdat");
    }

    [Fact]
    public void Read_TruncatedSdat_Throws()
    {
        var message = SpectrumCheck.ReadFails(() => _reader.Read(Pair(editSdat: b => b[..^8]), MrsReadOptions.Default));
        Assert.Contains("16376", message);
        Assert.Contains("16384", message);
    }

    [Fact]
    public void Read_SparLyingAboutSamples_Throws()
    {
        var message = SpectrumCheck.ReadFails(() => _reader.Read(Pair(s => s.Replace("samples : 2048", "samples : 4096")), MrsReadOptions.Default));
        Assert.Contains("samples 4096", message);
    }

    [Theory]
    [InlineData("samples : 2048", "samples")]
    [InlineData("synthesizer_frequency : 127750896", "synthesizer_frequency")]
    [InlineData("sample_frequency : 2000", "sample_frequency")]
    public void Read_MissingKey_ThrowsNamingIt(string line, string key)
    {
        var message = SpectrumCheck.ReadFails(() => _reader.Read(Pair(s => s.Replace(line, "! removed")), MrsReadOptions.Default));
        Assert.Contains(key, message);
    }

    [Theory]
    [InlineData("sample_frequency : 2000", "sample_frequency : 2k")]
    [InlineData("synthesizer_frequency : 127750896", "synthesizer_frequency : 0")]
    [InlineData("samples : 2048", "samples : -2048")]
    [InlineData("rows : 1", "rows : 1e12")]
    [InlineData("echo_time : 35", "echo_time : NaN")]
    public void Read_GarbageNumber_Throws(string line, string replacement)
    {
        SpectrumCheck.ReadFails(() => _reader.Read(Pair(s => s.Replace(line, replacement)), MrsReadOptions.Default));
    }

    [Fact]
    public void Read_Nucleus31P_ThrowsMentioning1H()
    {
        var message = SpectrumCheck.ReadFails(() => _reader.Read(Pair(s => s.Replace("nucleus : 1H", "nucleus : 31P")), MrsReadOptions.Default));
        Assert.Contains("1H", message);
    }

    [Fact]
    public void Read_NoPartner_Throws()
    {
        var dir = TestData.NewTempFolder();
        File.Copy(TestData.Path(Dir + "sub-01_PRESS_35_act.spar"), Path.Combine(dir, "x.spar"));
        var message = SpectrumCheck.ReadFails(() => _reader.Read(Path.Combine(dir, "x.spar"), MrsReadOptions.Default));
        Assert.Contains("no SDAT", message);
        File.Copy(TestData.Path(Dir + "sub-01_PRESS_35_act.sdat"), Path.Combine(dir, "y.sdat"));
        Assert.Contains("no SPAR", SpectrumCheck.ReadFails(() => _reader.Read(Path.Combine(dir, "y.sdat"), MrsReadOptions.Default)));
    }

    [Fact]
    public void Read_ReservedOperandSample_Throws()
    {
        var message = SpectrumCheck.ReadFails(() => _reader.Read(Pair(editSdat: b =>
        {
            BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(8 * 5), 0x00008000u);
            return b;
        }), MrsReadOptions.Default));
        Assert.Contains("reserved operand", message);
    }

    [Fact]
    public void Read_FuzzedSpar_OnlyMrsReadExceptionOrSuccess()
    {
        var spar = File.ReadAllBytes(TestData.Path(Dir + "sub-01_PRESS_35_act.spar"));
        var sdat = File.ReadAllBytes(TestData.Path(Dir + "sub-01_PRESS_35_act.sdat"));
        Fuzzer.FuzzFile(spar, "f.spar", variants: 200, seed: 2, hotBytes: spar.Length,
            read: p => _reader.Read(p, MrsReadOptions.Default),
            prepareFolder: dir => File.WriteAllBytes(Path.Combine(dir, "f.sdat"), sdat));
    }

    [Fact]
    public void Read_FuzzedSdat_OnlyMrsReadExceptionOrSuccess()
    {
        var spar = File.ReadAllBytes(TestData.Path(Dir + "sub-01_PRESS_35_act.spar"));
        var sdat = File.ReadAllBytes(TestData.Path(Dir + "sub-01_PRESS_35_act.sdat"));
        Fuzzer.FuzzFile(sdat, "f.sdat", variants: 150, seed: 3, hotBytes: 256,
            read: p => _reader.Read(p, MrsReadOptions.Default),
            prepareFolder: dir => File.WriteAllBytes(Path.Combine(dir, "f.spar"), spar));
    }
}
