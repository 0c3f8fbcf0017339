using System.Globalization;
using System.Numerics;
using System.Text;
using MRSNode.Spectroscopy.Readers;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Spectroscopy.Tests.Readers;

[UnitTest]
public class JmruiTextReaderTests
{
    private const string Metab = "mrs/spec2nii/metab_jmrui.txt";
    private const string CrWs = "mrs/ismrm2016/Cr_10mM_test_water_scaling_WS.txt";
    private const string CrNws = "mrs/ismrm2016/Cr_10mM_test_water_scaling_nWS.txt";
    private readonly JmruiTextReader _reader = new();

    private MrsAcquisition Read(string relative, MrsReadOptions? options = null) => Assert.Single(_reader.Read(TestData.Path(relative), options ?? MrsReadOptions.Default));

    [Fact]
    public void Read_Spec2niiJmrui_HeaderValuesAndConjugatedNaa()
    {
        var a = Read(Metab);

        Assert.Equal("jMRUI text", a.Provenance.SourceFormat);
        Assert.Equal(4096, a.Points);
        Assert.Equal((1, 1, 1), (a.Averages, a.Coils, a.Voxels));
        Assert.Equal(1000 / 0.0833, a.SpectralWidthHz, 6); // SamplingInterval 8.33e-02 ms
        Assert.Equal(297.219948, a.TransmitterFrequencyMHz, 9);
        Assert.Null(a.EchoTimeMs);
        Assert.Equal(4.65, a.ReferencePpm);
        Assert.Equal(AcquisitionRole.Metabolite, a.Role);
        Assert.Equal(new Complex(5.227110e-05, 2.225755e-05), a.Data[0]); // file: 5.227110e-05 -2.225755e-05
        double naa = SpectrumCheck.AssertPeak(a, 2.01);
        Assert.InRange(naa, 1.98, 2.02); // measured 2.000
    }

    [Fact]
    public void Read_IsmrmCrWaterSuppressed_CrAt303()
    {
        var a = Read(CrWs, MrsReadOptions.Default with { EchoTimeMs = 30 });

        Assert.Equal(2048, a.Points);
        Assert.Equal(4000, a.SpectralWidthHz, 6); // SamplingInterval 0.25 ms
        Assert.Equal(123.22, a.TransmitterFrequencyMHz, 9); // TransmitterFrequency 1.2322E8 Hz
        Assert.Equal(30.0, a.EchoTimeMs);
        Assert.Equal(AcquisitionRole.Metabolite, a.Role);
        double cr = SpectrumCheck.AssertPeak(a, 3.03);
        Assert.InRange(cr, 3.00, 3.05); // measured 3.022
    }

    [Fact]
    public void Read_IsmrmCrUnsuppressed_WaterReferenceAt47()
    {
        var a = Read(CrNws);

        Assert.Equal(AcquisitionRole.WaterReference, a.Role);
        Assert.InRange(SpectrumCheck.PeakPpm(a.Fid(), a.Axis, 4.2, 5.2), 4.6, 4.8);
    }

    [Fact]
    public void Read_TwoDatasets_HeldAsAverages()
    {
        var path = TwoSignals();
        var a = Assert.Single(_reader.Read(path, MrsReadOptions.Default));
        Assert.Equal(2, a.Averages);
        Assert.Equal(a.Fid(0, 0).ToArray(), a.Fid(0, 1).ToArray().Select(z => z / 2).ToArray());
    }

    private static string TwoSignals(Func<string, string>? edit = null)
    {
        var lines = File.ReadAllLines(TestData.Path(Metab));
        int first = Array.FindIndex(lines, l => l.StartsWith("Signal 1 out of", StringComparison.Ordinal));
        var sb = new StringBuilder();
        foreach (var l in lines[..first])
        {
            sb.Append(l.Replace("DatasetsInFile:\t1", "DatasetsInFile:\t2")).Append('\n');
        }
        sb.Append("Signal 1 out of 2 in file\n");
        foreach (var l in lines[(first + 1)..])
        {
            sb.Append(l).Append('\n');
        }
        sb.Append("Signal 2 out of 2 in file\n");
        foreach (var l in lines[(first + 1)..])
        {
            var p = l.Split('\t');
            sb.Append(CultureInfo.InvariantCulture, $"{2 * double.Parse(p[0], CultureInfo.InvariantCulture):R}\t{2 * double.Parse(p[1], CultureInfo.InvariantCulture):R}\n");
        }
        var path = Path.Combine(TestData.NewTempFolder(), "two.txt");
        File.WriteAllText(path, edit?.Invoke(sb.ToString()) ?? sb.ToString());
        return path;
    }

    [Fact]
    public void CanRead_JmruiOnly()
    {
        Assert.True(_reader.CanRead(MrsFileProbe.Open(TestData.Path(Metab))));
        Assert.True(_reader.CanRead(MrsFileProbe.Open(TestData.Path(CrWs))));
        foreach (var other in new[] { "mrs/spec2nii/metab.txt", "mrs/spec2nii/metab.RAW", "mrs/siemens-svs30.rda" })
        {
            Assert.False(_reader.CanRead(MrsFileProbe.Open(TestData.Path(other))), other);
        }
        Assert.False(new PlainTextReader().CanRead(MrsFileProbe.Open(TestData.Path(Metab))));
    }

    // ---- malformed input ------------------------------------------------------------------------

    private static string Edited(Func<string, string> edit, string source = Metab)
    {
        var path = Path.Combine(TestData.NewTempFolder(), "edited.txt");
        File.WriteAllText(path, edit(File.ReadAllText(TestData.Path(source))));
        return path;
    }

    [Fact]
    public void Read_Truncated_ThrowsPointCount()
    {
        var message = SpectrumCheck.ReadFails(() => _reader.Read(Edited(t => t[..t.LastIndexOf('\n', t.Length * 3 / 4)]), MrsReadOptions.Default));
        Assert.Contains("PointsInDataset", message);
    }

    [Fact]
    public void Read_HeaderLyingAboutPoints_Throws()
    {
        var message = SpectrumCheck.ReadFails(() => _reader.Read(Edited(t => t.Replace("PointsInDataset:\t4096", "PointsInDataset:\t2048")), MrsReadOptions.Default));
        Assert.Contains("2048", message);
    }

    [Fact]
    public void Read_HugePointCountDeclared_ThrowsWithoutAllocating()
    {
        // 1 M points × 3000 signals would be 48 GB if allocated from the header.
        var sb = new StringBuilder("jMRUI Data Textfile\nPointsInDataset: 1048576\nSamplingInterval: 0.25\nTransmitterFrequency: 1.2322E8\nDatasetsInFile: 3000\n");
        for (int i = 1; i <= 3000; i++)
        {
            sb.Append(CultureInfo.InvariantCulture, $"Signal {i} out of 3000 in file\n1 2\n");
        }
        var path = Path.Combine(TestData.NewTempFolder(), "huge.txt");
        File.WriteAllText(path, sb.ToString());
        long before = GC.GetAllocatedBytesForCurrentThread();
        Assert.Contains("PointsInDataset", SpectrumCheck.ReadFails(() => _reader.Read(path, MrsReadOptions.Default)));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 100_000_000);
    }

    [Fact]
    public void Read_DatasetCountLying_Throws()
    {
        SpectrumCheck.ReadFails(() => _reader.Read(Edited(t => t.Replace("DatasetsInFile:\t1", "DatasetsInFile:\t2")), MrsReadOptions.Default));
        SpectrumCheck.ReadFails(() => _reader.Read(TwoSignals(t => t.Replace("Signal 2 out of 2", "Signal 3 out of 2")), MrsReadOptions.Default));
    }

    [Theory]
    [InlineData("SamplingInterval:\t8.330000e-02\n", "", "SamplingInterval")]
    [InlineData("PointsInDataset:\t4096\n", "", "PointsInDataset")]
    [InlineData("TransmitterFrequency:\t297219948\n", "", "--frequency")]
    public void Read_MissingKey_ThrowsNamingIt(string text, string replacement, string expected)
    {
        var message = SpectrumCheck.ReadFails(() => _reader.Read(Edited(t => t.Replace(text, replacement)), MrsReadOptions.Default));
        Assert.Contains(expected, message);
    }

    [Theory]
    [InlineData("SamplingInterval:\t8.330000e-02", "SamplingInterval:\tfast")]
    [InlineData("SamplingInterval:\t8.330000e-02", "SamplingInterval:\t-1")]
    [InlineData("TransmitterFrequency:\t297219948", "TransmitterFrequency:\t4e12")]
    [InlineData("5.227110e-05\t-2.225755e-05", "5.227110e-05\t-2.22x755e-05")]
    [InlineData("5.227110e-05\t-2.225755e-05", "5.227110e-05\t-2.225755e-05\t1")]
    public void Read_GarbageNumber_Throws(string text, string replacement)
    {
        SpectrumCheck.ReadFails(() => _reader.Read(Edited(t => t.Replace(text, replacement)), MrsReadOptions.Default));
    }

    [Fact]
    public void Read_PhosphorusFieldRatio_ThrowsMentioning1H()
    {
        // 120 MHz at 6.98 T is 17.2 MHz/T: 31P, not 1H.
        var message = SpectrumCheck.ReadFails(() => _reader.Read(Edited(t => t.Replace("TransmitterFrequency:\t297219948", "TransmitterFrequency:\t120300000")), MrsReadOptions.Default));
        Assert.Contains("1H", message);
        Assert.Contains("1H", SpectrumCheck.ReadFails(() => _reader.Read(TestData.Path(Metab), MrsReadOptions.Default with { Nucleus = "31P" })));
    }

    [Fact]
    public void Read_FuzzedVariants_OnlyMrsReadExceptionOrSuccess()
    {
        var original = File.ReadAllBytes(TestData.Path(CrWs));
        Fuzzer.FuzzFile(original, "f.txt", variants: 300, seed: 7, hotBytes: 700, read: p => _reader.Read(p, MrsReadOptions.Default));
    }
}

[UnitTest]
public class PlainTextReaderTests
{
    private const string Text = "mrs/spec2nii/metab.txt";
    private static readonly MrsReadOptions _options = MrsReadOptions.Default with { SpectralWidthHz = 1 / 8.3333e-5, FrequencyMHz = 297.219948, EchoTimeMs = 11 };
    private readonly PlainTextReader _reader = new();

    [Fact]
    public void Read_Spec2niiText_ParametersFromOptionsAndNaaAt201()
    {
        var a = Assert.Single(_reader.Read(TestData.Path(Text), _options));

        Assert.Equal("two-column text", a.Provenance.SourceFormat);
        Assert.Equal(4096, a.Points);
        Assert.Equal(1 / 8.3333e-5, a.SpectralWidthHz, 9);
        Assert.Equal(297.219948, a.TransmitterFrequencyMHz);
        Assert.Equal(11.0, a.EchoTimeMs);
        Assert.Equal(4.65, a.ReferencePpm);
        Assert.Equal(AcquisitionRole.Metabolite, a.Role);
        double naa = SpectrumCheck.AssertPeak(a, 2.01);
        Assert.InRange(naa, 1.98, 2.02);
    }

    [Fact]
    public void Read_EitherConvention_SameNormalisedFid()
    {
        // The file is in the mirrored convention; the same numbers with im negated must come out identical.
        var flipped = Path.Combine(TestData.NewTempFolder(), "flipped.txt");
        File.WriteAllLines(flipped, File.ReadAllLines(TestData.Path(Text)).Select(l =>
        {
            var p = l.Split('\t');
            return p[0] + ", " + (p[1].StartsWith('-') ? p[1][1..] : "-" + p[1]) + "   # comment";
        }).Prepend("# re, im"));

        var a = Assert.Single(_reader.Read(TestData.Path(Text), _options));
        var b = Assert.Single(_reader.Read(flipped, _options));
        Assert.Equal(a.Data, b.Data);
    }

    [Fact]
    public void Read_FourColumns_MetaboliteAndWater()
    {
        var ws = new JmruiTextReader().Read(TestData.Path("mrs/ismrm2016/Cr_10mM_test_water_scaling_WS.txt"), MrsReadOptions.Default)[0];
        var nws = new JmruiTextReader().Read(TestData.Path("mrs/ismrm2016/Cr_10mM_test_water_scaling_nWS.txt"), MrsReadOptions.Default)[0];
        var path = Path.Combine(TestData.NewTempFolder(), "ismrm.txt");
        // The ISMRM text layout: metabolite re, im, water re, im (in the mirrored convention, as the jMRUI files).
        File.WriteAllLines(path, Enumerable.Range(0, 2048).Select(i => string.Create(CultureInfo.InvariantCulture,
            $"{ws.Data[i].Real:R} {-ws.Data[i].Imaginary:R} {nws.Data[i].Real:R} {-nws.Data[i].Imaginary:R}")));

        var list = _reader.Read(path, MrsReadOptions.Default with { SpectralWidthHz = 4000, FrequencyMHz = 123.22 });

        Assert.Equal(2, list.Count);
        Assert.Equal(AcquisitionRole.Metabolite, list[0].Role);
        Assert.Equal(AcquisitionRole.WaterReference, list[1].Role);
        Assert.Equal(ws.Data, list[0].Data);
        Assert.Equal(nws.Data, list[1].Data);
    }

    [Fact]
    public void Read_NoOptions_NamesTheMissingOptions()
    {
        var message = SpectrumCheck.ReadFails(() => _reader.Read(TestData.Path(Text), MrsReadOptions.Default));
        Assert.Contains("--spectral-width", message);
        Assert.Contains("--frequency", message);
        Assert.Contains("--frequency", SpectrumCheck.ReadFails(() => _reader.Read(TestData.Path(Text), MrsReadOptions.Default with { SpectralWidthHz = 12000 })));
        Assert.Contains("--spectral-width", SpectrumCheck.ReadFails(() => _reader.Read(TestData.Path(Text), MrsReadOptions.Default with { FrequencyMHz = 297 })));
    }

    [Fact]
    public void CanRead_NumericColumnsOnly()
    {
        Assert.True(_reader.CanRead(MrsFileProbe.Open(TestData.Path(Text))));
        foreach (var other in new[] { "mrs/spec2nii/metab_jmrui.txt", "mrs/spec2nii/metab.RAW", "mrs/siemens-svs30.rda", "mrs/philips-sdat/sub-01_PRESS_35_act.spar", "mrs/spec2nii/metab.json", "mrs/spec2nii/metab.nii" })
        {
            Assert.False(_reader.CanRead(MrsFileProbe.Open(TestData.Path(other))), other);
        }
    }

    // ---- malformed input ------------------------------------------------------------------------

    private static string Edited(Func<string, string> edit)
    {
        var path = Path.Combine(TestData.NewTempFolder(), "edited.txt");
        File.WriteAllText(path, edit(File.ReadAllText(TestData.Path(Text))));
        return path;
    }

    [Theory]
    [InlineData("5.227110e-05\t-2.225755e-05", "5.227110e-05\t-2.225755e-05\t7", "not 2 (re im) or 4 numbers")]
    [InlineData("5.227110e-05\t-2.225755e-05", "5.227110e-05\t-2.2257x5e-05", "not a number")]
    [InlineData("5.227110e-05\t-2.225755e-05", "5.227110e-05\t-2.225755e-05\t7\t8", "columns")]
    public void Read_BadLine_Throws(string text, string replacement, string expected)
    {
        var message = SpectrumCheck.ReadFails(() => _reader.Read(Edited(t => t.Replace(text, replacement)), _options));
        Assert.Contains(expected, message);
    }

    [Fact]
    public void Read_EmptyOrTooShort_Throws()
    {
        Assert.Contains("no data", SpectrumCheck.ReadFails(() => _reader.Read(Edited(_ => "# nothing\n\n"), _options)));
        Assert.Contains("points", SpectrumCheck.ReadFails(() => _reader.Read(Edited(_ => "1 2\n3 4\n"), _options)));
    }

    [Fact]
    public void Read_Nucleus31P_ThrowsMentioning1H()
    {
        Assert.Contains("1H", SpectrumCheck.ReadFails(() => _reader.Read(TestData.Path(Text), _options with { Nucleus = "31P" })));
    }

    [Fact]
    public void Read_FuzzedVariants_OnlyMrsReadExceptionOrSuccess()
    {
        var original = File.ReadAllBytes(TestData.Path(Text))[..20000];
        Fuzzer.FuzzFile(original, "f.txt", variants: 300, seed: 8, hotBytes: 2000, read: p => _reader.Read(p, _options));
    }
}
