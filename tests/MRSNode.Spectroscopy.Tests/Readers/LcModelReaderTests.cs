using System.Globalization;
using System.Numerics;
using System.Text;
using MathNet.Numerics.IntegralTransforms;
using MRSNode.Spectroscopy.Readers;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Spectroscopy.Tests.Readers;

/// <summary>Fortran-style text for LCModel test files.</summary>
internal static class Fortran
{
    /// <summary>Ew.d: " 0.12345E+01" / "-0.12345E+01", right-aligned in <paramref name="width"/>.</summary>
    public static string E(double value, int width, int digits)
    {
        string body;
        if (value == 0)
        {
            body = "0." + new string('0', digits) + "E+00";
        }
        else
        {
            double a = Math.Abs(value);
            int exponent = (int)Math.Floor(Math.Log10(a)) + 1;
            long mantissa = (long)Math.Round(a / Math.Pow(10, exponent) * Math.Pow(10, digits));
            if (mantissa >= (long)Math.Pow(10, digits))
            {
                mantissa /= 10;
                exponent++;
            }
            body = "0." + mantissa.ToString(CultureInfo.InvariantCulture).PadLeft(digits, '0') + "E" + (exponent < 0 ? "-" : "+") + Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture);
        }
        return ((value < 0 ? "-" : "") + body).PadLeft(width);
    }

    /// <summary>Complex numbers as (re, im) pairs, <paramref name="perLine"/> numbers per line.</summary>
    public static string Numbers(IEnumerable<Complex> values, int perLine, int width, int digits)
    {
        var sb = new StringBuilder();
        int n = 0;
        foreach (var z in values)
        {
            foreach (var v in new[] { z.Real, z.Imaginary })
            {
                sb.Append(E(v, width, digits));
                if (++n % perLine == 0)
                {
                    sb.Append('\n');
                }
            }
        }
        if (n % perLine != 0)
        {
            sb.Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>A FID with Lorentzian singlets at the given ppm (MRSNode convention), 5 Hz wide.</summary>
    public static Complex[] Singlets(int points, double sw, double mhz, double reference, params (double Ppm, double Amplitude)[] peaks)
    {
        var fid = new Complex[points];
        for (int t = 0; t < points; t++)
        {
            double time = t / sw;
            foreach (var (ppm, amplitude) in peaks)
            {
                double f = (reference - ppm) * mhz;
                fid[t] += amplitude * Complex.Exp(new Complex(-Math.PI * 5 * time, 2 * Math.PI * f * time));
            }
        }
        return fid;
    }

    /// <summary>An LCModel .BASIS text with the given entries (spectra = FFT of the FIDs, FFT order).</summary>
    public static string Basis(int points, double dwell, double mhz, (string Name, Complex[] Fid)[] entries, string format = "(6E13.5)", int width = 13)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $" $SEQPAR\n FWHMBA = -1.,\n HZPPPM =  {mhz:F6},\n ECHOT =  30.,\n SEQ = 'PRESS'\n $END\n");
        sb.Append(CultureInfo.InvariantCulture, $" $BASIS1\n IDBASI = 'test',\n FMTBAS = '{format}',\n BADELT =  {dwell:G12},\n NDATAB = {points}\n $END\n");
        foreach (var (name, fid) in entries)
        {
            var spectrum = fid.ToArray();
            Fourier.Forward(spectrum, FourierOptions.NoScaling);
            sb.Append(CultureInfo.InvariantCulture, $" $NMUSED\n FILRAW = '{name}.RAW',\n PPMAPP =  0.1 -0.1,\n $END\n");
            sb.Append(CultureInfo.InvariantCulture, $" $BASIS\n ID = '{name}''x''',\n METABO = '{name}',\n CONC =  1.,\n TRAMP =  1.,\n VOLUME =  1.,\n ISHIFT = 0\n $END\n");
            sb.Append(Numbers(spectrum, 6, width, 5));
        }
        return sb.ToString();
    }
}

[UnitTest]
public class LcModelRawReaderTests
{
    private const string Raw = "mrs/spec2nii/metab.RAW";
    private readonly LcModelRawReader _reader = new();

    [Fact]
    public void Read_Spec2niiRawWithJsonSidecar_HeaderValues()
    {
        var a = Assert.Single(_reader.Read(TestData.Path(Raw), MrsReadOptions.Default));

        Assert.Equal("LCModel RAW", a.Provenance.SourceFormat);
        Assert.Equal(4096, a.Points);
        Assert.Equal(1 / 8.3333e-5, a.SpectralWidthHz, 6); // from metab.json Dwelltime
        Assert.Equal(297.219948, a.TransmitterFrequencyMHz, 9); // HZPPPM
        Assert.Equal(50.0, a.EchoTimeMs); // "echot= 50.00" as spec2nii wrote it
        Assert.Equal("PRESS", a.Localization.Technique);
        Assert.Equal(4.65, a.ReferencePpm);
        Assert.Equal(AcquisitionRole.Metabolite, a.Role);
        Assert.Equal(new Complex(5.227110e-05, 2.225755e-05), a.Data[0]); // stored as is: no conjugation
    }

    [Fact]
    public void Read_Spec2niiRaw_NaaAt201WithoutConjugation()
    {
        var a = Assert.Single(_reader.Read(TestData.Path(Raw), MrsReadOptions.Default));
        double naa = SpectrumCheck.AssertPeak(a, 2.01);
        Assert.InRange(naa, 1.98, 2.02); // measured 2.001
        SpectrumCheck.AssertPeak(a, 3.03, window: 0.08);
    }

    [Fact]
    public void Read_NoSidecarNoOptions_AsksForSpectralWidth()
    {
        var dir = SpectrumCheck.CopyToTemp(Raw);
        var message = SpectrumCheck.ReadFails(() => _reader.Read(Path.Combine(dir, "metab.RAW"), MrsReadOptions.Default));
        Assert.Contains("--spectral-width", message);
        // The file's non-standard dwellTime= 0.000083 is too coarse to be used silently.
        Assert.Contains("dwellTime", message);
    }

    [Fact]
    public void Read_SpectralWidthFromOptions_WinsOverSidecar()
    {
        var dir = SpectrumCheck.CopyToTemp(Raw);
        var a = Assert.Single(_reader.Read(Path.Combine(dir, "metab.RAW"), MrsReadOptions.Default with { SpectralWidthHz = 1 / 8.3333e-5 }));
        Assert.Equal(1 / 8.3333e-5, a.SpectralWidthHz, 6);
        var withSidecar = Assert.Single(_reader.Read(TestData.Path(Raw), MrsReadOptions.Default with { SpectralWidthHz = 12500 }));
        Assert.Equal(12500, withSidecar.SpectralWidthHz);
        Assert.Equal(a.Data, withSidecar.Data);
    }

    [Fact]
    public void Read_NoHzpppm_UsesOptionsElseAsksForFrequency()
    {
        var path = Edited(t => t.Replace(" hzpppm= 297.219948\n", ""), withSidecar: false);
        var message = SpectrumCheck.ReadFails(() => _reader.Read(path, MrsReadOptions.Default with { SpectralWidthHz = 12000 }));
        Assert.Contains("--frequency", message);
        var a = Assert.Single(_reader.Read(path, MrsReadOptions.Default with { SpectralWidthHz = 12000, FrequencyMHz = 297.2 }));
        Assert.Equal(297.2, a.TransmitterFrequencyMHz);
    }

    [Fact]
    public void Read_FixedWidthNumbersRunTogether_ReadByFormatWidth()
    {
        var original = Assert.Single(_reader.Read(TestData.Path(Raw), MrsReadOptions.Default));
        var text = File.ReadAllText(TestData.Path(Raw));
        int end = text.IndexOf("$END", text.IndexOf("$NMID", StringComparison.Ordinal), StringComparison.Ordinal);
        var header = text[..(end + 4)].Replace("(2E15.6)", "(4E13.6)") + "\n";
        var packed = header + Fortran.Numbers(original.Data, 4, 13, 6);
        Assert.Contains("E-04-0.", packed); // negative numbers run into their neighbours
        var path = Path.Combine(TestData.NewTempFolder(), "packed.RAW");
        File.WriteAllText(path, packed);

        var a = Assert.Single(_reader.Read(path, MrsReadOptions.Default with { SpectralWidthHz = 1 / 8.3333e-5 }));
        Assert.True(SpectrumCheck.RelativeDifference(original.Data, a.Data) < 1e-5);
    }

    [Fact]
    public void CanRead_RawOnly()
    {
        Assert.True(_reader.CanRead(MrsFileProbe.Open(TestData.Path(Raw))));
        foreach (var other in new[] { "mrs/ismrm2016/press3T_30ms.BASIS", "mrs/spec2nii/metab_jmrui.txt", "mrs/spec2nii/metab.txt", "mrs/siemens-svs30.rda", "mrs/philips-sdat/sub-01_PRESS_35_act.spar" })
        {
            Assert.False(_reader.CanRead(MrsFileProbe.Open(TestData.Path(other))), other);
        }
    }

    // ---- malformed input ------------------------------------------------------------------------

    private static string Edited(Func<string, string> edit, bool withSidecar = true)
    {
        var dir = withSidecar ? SpectrumCheck.CopyToTemp("mrs/spec2nii/metab.json") : TestData.NewTempFolder();
        var path = Path.Combine(dir, "metab.RAW");
        File.WriteAllText(path, edit(File.ReadAllText(TestData.Path(Raw))));
        return path;
    }

    [Fact]
    public void Read_Truncated_ThrowsDeclaredPoints()
    {
        var message = SpectrumCheck.ReadFails(() => _reader.Read(Edited(t => t[..(t.Length / 2)]), MrsReadOptions.Default));
        Assert.Contains("4096", message);
    }

    [Fact]
    public void Read_OddNumberCount_Throws()
    {
        var message = SpectrumCheck.ReadFails(() => _reader.Read(Edited(t => t.Replace(" NumberOfPoints= 4096\n", "").TrimEnd() + "  1.0\n"), MrsReadOptions.Default));
        Assert.Contains("pairs", message);
    }

    [Fact]
    public void Read_NoNmid_Throws()
    {
        var message = SpectrumCheck.ReadFails(() => _reader.Read(Edited(t => t.Replace("$NMID", "$NMXX")), MrsReadOptions.Default));
        Assert.Contains("$NMID", message);
    }

    [Fact]
    public void Read_UnclosedNamelist_Throws()
    {
        var message = SpectrumCheck.ReadFails(() => _reader.Read(Edited(t => t[..t.IndexOf(" $END", StringComparison.Ordinal)]), MrsReadOptions.Default));
        Assert.Contains("$END", message);
    }

    [Theory]
    [InlineData("   4.298602e-05   3.534251e-05", "   4.298602e-05   3.53x251e-05")]
    [InlineData(" hzpppm= 297.219948", " hzpppm= abc")]
    [InlineData(" hzpppm= 297.219948", " hzpppm= 0")]
    [InlineData(" echot= 50.00", " echot= 1e9")]
    public void Read_GarbageNumber_Throws(string text, string replacement)
    {
        SpectrumCheck.ReadFails(() => _reader.Read(Edited(t => t.Replace(text, replacement)), MrsReadOptions.Default));
    }

    [Fact]
    public void Read_NucleusFromOptions31P_ThrowsMentioning1H()
    {
        var message = SpectrumCheck.ReadFails(() => _reader.Read(TestData.Path(Raw), MrsReadOptions.Default with { Nucleus = "31P" }));
        Assert.Contains("1H", message);
    }

    [Fact]
    public void Read_FuzzedVariants_OnlyMrsReadExceptionOrSuccess()
    {
        var original = File.ReadAllBytes(TestData.Path(Raw));
        var json = File.ReadAllBytes(TestData.Path("mrs/spec2nii/metab.json"));
        Fuzzer.FuzzFile(original, "metab.RAW", variants: 250, seed: 4, hotBytes: 400,
            read: p => _reader.Read(p, MrsReadOptions.Default),
            prepareFolder: dir => File.WriteAllBytes(Path.Combine(dir, "metab.json"), json));
    }
}
