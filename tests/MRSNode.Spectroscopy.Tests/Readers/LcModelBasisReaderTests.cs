using System.Numerics;
using MathNet.Numerics.IntegralTransforms;
using MRSNode.Spectroscopy.Readers;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Spectroscopy.Tests.Readers;

[UnitTest]
public class LcModelBasisReaderTests
{
    private const string Basis = "mrs/ismrm2016/press3T_30ms.BASIS";
    private static readonly Lazy<BasisSet> _ismrm = new(() => LcModelBasisReader.Read(TestData.Path(Basis)));

    [Fact]
    public void Read_Ismrm2016Basis_Parameters()
    {
        var b = _ismrm.Value;

        Assert.Equal(
            ["Mac", "Ala", "Asp", "Asc", "Cr", "GABA", "Glc", "Gln", "Glu", "Gly", "GPC", "GSH", "Ins", "sIns", "Lac", "PCr", "PCho", "PE", "NAA", "NAAG", "Tau"],
            b.Metabolites.Select(m => m.Name));
        Assert.Equal(4096, b.Points);
        Assert.All(b.Metabolites, m => Assert.Equal(4096, m.Fid.Length));
        Assert.Equal(0.00025, b.DwellTimeSeconds, 10);
        Assert.Equal(4000, b.SpectralWidthHz, 3);
        Assert.Equal(123.261703, b.FrequencyMHz, 9);
        Assert.Null(b.EchoTimeMs); // ECHOT = -1.
        Assert.Null(b.Sequence); // SEQ = ' '
        Assert.Equal(4.65, b.ReferencePpm);
        Assert.EndsWith("press3T_30ms.BASIS", b.Source);
        Assert.Null(b.Find("Ace"));
        Assert.Same(b.Metabolites[18], b.Find("naa"));
    }

    [Theory]
    [InlineData("NAA", 2.01)]
    [InlineData("Cr", 3.03)]
    [InlineData("PCr", 3.03)]
    [InlineData("PCho", 3.20)]
    [InlineData("GPC", 3.21)]
    [InlineData("sIns", 3.35)]
    [InlineData("Lac", 1.33)]
    public void Read_Ismrm2016Basis_MainPeakAtItsShift(string name, double ppm)
    {
        var b = _ismrm.Value;
        var m = b.Find(name)!;
        SpectrumCheck.AssertPeak(m.Fid, b.Axis, ppm, window: 0.1);
    }

    [Fact]
    public void Read_Ismrm2016Basis_ReferenceSingletAtZeroAndFidsDecay()
    {
        var b = _ismrm.Value;
        foreach (var m in b.Metabolites)
        {
            Assert.InRange(SpectrumCheck.PeakPpm(m.Fid, b.Axis, -0.2, 0.2), -0.01, 0.01);
            // Time-domain signal: the energy sits at the start (a spectrum misread as a FID would not decay).
            double head = m.Fid.Take(512).Sum(z => z.Magnitude * z.Magnitude);
            double tail = m.Fid.Skip(3584).Sum(z => z.Magnitude * z.Magnitude);
            Assert.True(head > 100 * tail, $"{m.Name}: FID does not decay ({head:G3} vs {tail:G3})");
        }
    }

    [Fact]
    public void Read_SyntheticBasis_RoundTripsFid()
    {
        var naa = Fortran.Singlets(256, 4000, 123.2, 4.65, (2.01, 1.0), (0.0, 0.1));
        var cr = Fortran.Singlets(256, 4000, 123.2, 4.65, (3.03, 2.0));
        var path = Path.Combine(TestData.NewTempFolder(), "t.BASIS");
        File.WriteAllText(path, Fortran.Basis(256, 0.00025, 123.2, [("NAA", naa), ("Cr", cr)]));

        var b = LcModelBasisReader.Read(path);

        Assert.Equal(2, b.Metabolites.Count);
        Assert.Equal(30.0, b.EchoTimeMs);
        Assert.Equal("PRESS", b.Sequence);
        Assert.True(SpectrumCheck.RelativeDifference(naa, b.Find("NAA")!.Fid) < 1e-4);
        Assert.True(SpectrumCheck.RelativeDifference(cr, b.Find("Cr")!.Fid) < 1e-4);
        SpectrumCheck.AssertPeak(b.Find("NAA")!.Fid, b.Axis, 2.01);
    }

    [Fact]
    public void Read_NumbersRunTogether_ReadByFormatWidth()
    {
        var fid = Fortran.Singlets(128, 4000, 123.2, 4.65, (2.01, -3.0), (3.03, 2.0));
        var text = Fortran.Basis(128, 0.00025, 123.2, [("NAA", fid)], "(6E12.5)", 12);
        Assert.Contains("E+01-0.", text);
        var path = Path.Combine(TestData.NewTempFolder(), "packed.BASIS");
        File.WriteAllText(path, text);

        Assert.True(SpectrumCheck.RelativeDifference(fid, LcModelBasisReader.Read(path).Metabolites[0].Fid) < 1e-4);
    }

    [Fact]
    public void IsBasisFile_ByContent()
    {
        Assert.True(LcModelBasisReader.IsBasisFile(MrsFileProbe.Open(TestData.Path(Basis))));
        Assert.False(LcModelBasisReader.IsBasisFile(MrsFileProbe.Open(TestData.Path("mrs/spec2nii/metab.RAW"))));
        Assert.False(LcModelBasisReader.IsBasisFile(MrsFileProbe.Open(TestData.Path("mrs/nifti/metab.nii.gz"))));
        Assert.False(new LcModelRawReader().CanRead(MrsFileProbe.Open(TestData.Path(Basis))));
    }

    [Fact]
    public void FieldWidths_FortranFormats()
    {
        Assert.Equal([13, 13, 13, 13, 13, 13], LcModelText.FieldWidths("(6E13.5)")!);
        Assert.Equal([15, 15], LcModelText.FieldWidths("(2E15.6)")!);
        Assert.Equal([13, 13, 13], LcModelText.FieldWidths("(1P, 3E13.5)")!);
        Assert.Equal([-1, 14, -1, 14], LcModelText.FieldWidths("(2(1X,E14.7))")!);
        Assert.Equal([16, 16], LcModelText.FieldWidths("(2ES16.8E3)")!);
        Assert.Null(LcModelText.FieldWidths("(2A10)"));
        Assert.Null(LcModelText.FieldWidths("6E13.5"));
        Assert.Null(LcModelText.FieldWidths("((((((E13.5))))))"));
        Assert.Null(LcModelText.FieldWidths(null));
    }

    // ---- what real basis files carry ------------------------------------------------------------

    private static BasisSet ReadText(string text)
    {
        var path = Path.Combine(TestData.NewTempFolder(), "v.BASIS");
        File.WriteAllText(path, text);
        return LcModelBasisReader.Read(path);
    }

    private static string NaaCr(int points = 2048) => Fortran.Basis(points, 0.00025, 123.2,
        [("NAA", Fortran.Singlets(points, 4000, 123.2, 4.65, (2.008, 1.0), (0.0, 0.2))), ("Cr", Fortran.Singlets(points, 4000, 123.2, 4.65, (3.027, 1.0), (0.0, 0.2)))]);

    [Fact]
    public void Read_Ishift_ShiftsSpectrumTowardLargerPpmByThatManyPoints()
    {
        var plain = ReadText(NaaCr());
        var shifted = ReadText(NaaCr().Replace("ISHIFT = 0", "ISHIFT = 7", StringComparison.Ordinal));

        double pointPpm = plain.Axis.HzPerPoint / plain.FrequencyMHz;
        double naa = SpectrumCheck.PeakPpm(plain.Find("NAA")!.Fid, plain.Axis, 1.8, 2.2);
        double naaShifted = SpectrumCheck.PeakPpm(shifted.Find("NAA")!.Fid, shifted.Axis, 1.8, 2.2);
        Assert.Equal(2.008, naa, 0.005);
        Assert.Equal(naa + 7 * pointPpm, naaShifted, 1e-6); // LCModel.f: "a positive ISHIFT shifts the spectrum ISHIFT grid points to the left, i.e., toward larger ppm"
        double reference = SpectrumCheck.PeakPpm(plain.Find("Cr")!.Fid, plain.Axis, -0.2, 0.4);
        Assert.Equal(reference + 7 * pointPpm, SpectrumCheck.PeakPpm(shifted.Find("Cr")!.Fid, shifted.Axis, -0.2, 0.4), 1e-6);
    }

    [Fact]
    public void Read_NegativeIshiftAndLaterEntryWithoutIt_KeepsTheLastValueAsFortranNamelistsDo()
    {
        var text = NaaCr();
        int first = text.IndexOf("ISHIFT = 0", StringComparison.Ordinal);
        text = text[..first] + "ISHIFT = -3" + text[(first + "ISHIFT = 0".Length)..];
        text = text.Replace(",\n ISHIFT = 0\n", "\n", StringComparison.Ordinal); // the Cr entry states no ISHIFT

        var b = ReadText(text);

        Assert.Equal(2, b.Metabolites.Count);
        var plain = ReadText(NaaCr());
        double pointPpm = b.Axis.HzPerPoint / b.FrequencyMHz;
        foreach (var name in new[] { "NAA", "Cr" })
        {
            double unshifted = SpectrumCheck.PeakPpm(plain.Find(name)!.Fid, plain.Axis, -0.4, 0.2);
            Assert.Equal(unshifted - 3 * pointPpm, SpectrumCheck.PeakPpm(b.Find(name)!.Fid, b.Axis, -0.4, 0.2), 1e-6);
        }
    }

    [Fact]
    public void Read_ConcTrampVolume_ScaleByTrampOverVolumeTimesConc()
    {
        var plain = ReadText(NaaCr(256));
        var scaled = ReadText(NaaCr(256).Replace(" CONC =  1.,\n TRAMP =  1.,\n VOLUME =  1.,", " CONC =  40.,\n TRAMP =  2.,\n VOLUME =  0.5,", StringComparison.Ordinal));

        var a = plain.Find("NAA")!.Fid;
        var b = scaled.Find("Cr")!.Fid;
        Assert.Equal(0.1, b[0].Magnitude / plain.Find("Cr")!.Fid[0].Magnitude, 9); // 2 / (0.5 · 40)
        Assert.Equal(0.1, scaled.Find("NAA")!.Fid[10].Magnitude / a[10].Magnitude, 9);
    }

    public static TheoryData<string, string, string> Variants() => new()
    {
        { "lowercase keys", " NDATAB = 2048", " ndatab = 2048" },
        { "lowercase keys", " BADELT =", " badelt =" },
        { "&END terminator", " NDATAB = 2048\n $END", " NDATAB = 2048\n &END" },
        { "'/' terminator", " NDATAB = 2048\n $END", " NDATAB = 2048 /" },
        { "&BASIS1 opener", " $BASIS1\n", " &BASIS1\n" },
        { "D exponent", " BADELT =  0.00025,", " BADELT =  2.5D-4," },
        { "$BASIS1 order", " IDBASI = 'test',\n FMTBAS = '(6E13.5)',\n BADELT =  0.00025,\n NDATAB = 2048", " NDATAB = 2048, BADELT =  0.00025,\n FMTBAS = '(6E13.5)', IDBASI = 'test'" },
        { "extra $BASIS1 key", " IDBASI = 'test',", " IDBASI = 'test',\n HZPPPM = 123.2,\n PPMCEN = 4.65," },
        { "empty ECHOT", " ECHOT =  30.,", " ECHOT =  ," },
    };

    [Theory]
    [MemberData(nameof(Variants))]
    public void Read_NamelistVariant_SameBasis(string variant, string text, string replacement)
    {
        var original = NaaCr();
        Assert.Contains(text, original, StringComparison.Ordinal);

        var b = ReadText(original.Replace(text, replacement, StringComparison.Ordinal));

        Assert.True(b.Metabolites.Count == 2, variant);
        Assert.Equal(2048, b.Points);
        Assert.Equal(0.00025, b.DwellTimeSeconds, 12);
        Assert.Equal(123.2, b.FrequencyMHz, 9);
        Assert.Equal(2.008, SpectrumCheck.PeakPpm(b.Find("NAA")!.Fid, b.Axis, 1.8, 2.2), 0.01);
    }

    [Fact]
    public void Read_DngreveLcModelRegressionBasis_Values()
    {
        var b = LcModelBasisReader.Read(TestData.Path("basis/3t.basis"));

        Assert.Equal(17, b.Metabolites.Count);
        Assert.Equal(1024, b.Points);
        Assert.Equal(0.0005, b.DwellTimeSeconds, 12);
        Assert.Equal(127.7861, b.FrequencyMHz, 9);
        Assert.Null(b.EchoTimeMs); // "ECHOT =  ," in the file
        Assert.Equal("PRESS", b.Sequence);
        Assert.Equal(2.006, SpectrumCheck.PeakPpm(b.Find("NAA")!.Fid, b.Axis, 1.9, 2.1), 0.005);
    }

    [Fact]
    public void Read_OspreyPress35Basis_Values()
    {
        var b = LcModelBasisReader.Read(TestData.Path("basis/osprey-press3T-35ms-noMM.BASIS"));

        Assert.Equal(17, b.Metabolites.Count);
        Assert.Equal(8192, b.Points);
        Assert.Equal(0.00025, b.DwellTimeSeconds, 12);
        Assert.Equal(123.201659, b.FrequencyMHz, 9);
        Assert.Equal(35.0, b.EchoTimeMs);
        Assert.Equal("PRESS", b.Sequence);
        // Osprey puts 4.68 ppm at the centre, LCModel reads 4.65: its lines sit 0.03 ppm low, as LCModel sees them
        // (its referencing shift absorbs that).
        Assert.Equal(1.978, SpectrumCheck.PeakPpm(b.Find("NAA")!.Fid, b.Axis, 1.9, 2.1), 0.005);
    }

    [Fact]
    public void Read_SpecialSeqTruncatedToFiveCharacters_IsSpecial()
    {
        Assert.Equal("SPECIAL", ReadText(NaaCr(64).Replace("SEQ = 'PRESS'", "SEQ = 'Speci'", StringComparison.Ordinal)).Sequence);
    }

    // ---- malformed input ------------------------------------------------------------------------

    private static string Synthetic(Func<string, string> edit)
    {
        var fid = Fortran.Singlets(64, 4000, 123.2, 4.65, (2.01, 1.0));
        var path = Path.Combine(TestData.NewTempFolder(), "t.BASIS");
        File.WriteAllText(path, edit(Fortran.Basis(64, 0.00025, 123.2, [("NAA", fid), ("Cr", fid)])));
        return path;
    }

    [Fact]
    public void Read_NdatabLying_Throws()
    {
        var message = SpectrumCheck.ReadFails(() => LcModelBasisReader.Read(Synthetic(t => t.Replace("NDATAB = 64", "NDATAB = 128"))));
        Assert.Contains("NDATAB", message);
    }

    [Fact]
    public void Read_Truncated_Throws()
    {
        var message = SpectrumCheck.ReadFails(() => LcModelBasisReader.Read(Synthetic(t => t[..^200])));
        Assert.Contains("truncated", message);
    }

    [Theory]
    [InlineData(" BADELT =", " BADXLT =", "BADELT")]
    [InlineData(" NDATAB =", " NDATXB =", "NDATAB")]
    [InlineData(" HZPPPM =", " HZXPPM =", "HZPPPM")]
    [InlineData("$BASIS1", "$BASIX1", "$BASIS1")]
    [InlineData(" METABO = 'Cr'", " METABO = 'NAA'", "twice")]
    [InlineData(" METABO = 'Cr',", "", "METABO")]
    public void Read_MissingOrWrongKey_ThrowsNamingIt(string text, string replacement, string expected)
    {
        var message = SpectrumCheck.ReadFails(() => LcModelBasisReader.Read(Synthetic(t => t.Replace(text, replacement))));
        Assert.Contains(expected, message);
    }

    [Theory]
    [InlineData(" BADELT =  0.00025", " BADELT =  -1")]
    [InlineData(" NDATAB = 64", " NDATAB = 6.5")]
    [InlineData(" HZPPPM =  123.200000", " HZPPPM =  x")]
    [InlineData("ISHIFT = 0", "ISHIFT = 3.5")]
    [InlineData("CONC =  1.", "CONC =  0.")]
    public void Read_GarbageNumber_Throws(string text, string replacement)
    {
        SpectrumCheck.ReadFails(() => LcModelBasisReader.Read(Synthetic(t => t.Replace(text, replacement))));
    }

    [Fact]
    public void Read_GarbageInData_Throws()
    {
        var message = SpectrumCheck.ReadFails(() => LcModelBasisReader.Read(Synthetic(t =>
        {
            int i = t.LastIndexOf("E+", StringComparison.Ordinal);
            return t[..(i - 3)] + "#" + t[(i - 2)..];
        })));
        Assert.Contains("not a number", message);
    }

    [Fact]
    public void Read_FuzzedSynthetic_OnlyMrsReadExceptionOrSuccess()
    {
        var original = File.ReadAllBytes(Synthetic(t => t));
        Fuzzer.FuzzFile(original, "f.BASIS", variants: 300, seed: 5, hotBytes: 900, read: p => LcModelBasisReader.Read(p));
    }

    [Fact]
    public void Read_TruncatedIsmrmBasis_OnlyMrsReadException()
    {
        var original = File.ReadAllBytes(TestData.Path(Basis));
        var random = new Random(6);
        var path = Path.Combine(TestData.NewTempFolder(), "cut.BASIS");
        int rejected = 0;
        for (int i = 0; i < 10; i++)
        {
            File.WriteAllBytes(path, original[..random.Next(original.Length)]);
            rejected += Fuzzer.Run($"truncated basis {i}", () => LcModelBasisReader.Read(path)) ? 1 : 0;
        }
        Assert.Equal(10, rejected);
    }
}
