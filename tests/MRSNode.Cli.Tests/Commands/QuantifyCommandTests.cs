using System.Text.Json;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Cli.Tests.Commands;

[SlowTest]
public class QuantifyCommandTests
{
    [Fact]
    public void Quantify_SiemensBrainSpectrum_WritesResultsJsonWithPlausibleRatios()
    {
        var output = TestData.NewTempFolder();

        var r = MrsnodeProcess.Run("quantify", TestData.Path("dicom/siemens-csa-svs30.ima"), "--out", output, "--method", "lcm");

        Assert.True(r.ExitCode == 0, r.StdErr);
        var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "results.json"))).RootElement;
        var metabolites = json.GetProperty("metabolites").EnumerateArray().ToDictionary(m => m.GetProperty("name").GetString()!);
        double Ratio(string name) => metabolites[name].GetProperty("ratioToTCr").GetDouble();
        // Healthy adult brain at 3 T (Gudmundson 2023: tNAA/tCr 1.55 ± 0.30, tCho/tCr 0.55 ± 0.23, mI/tCr 0.60 ± 0.24).
        Assert.InRange(Ratio("tNAA"), 1.0, 2.0);
        Assert.InRange(Ratio("tCho"), 0.1, 0.5);
        Assert.InRange(Ratio("Ins"), 0.4, 1.2);
        Assert.Equal(JsonValueKind.Null, metabolites["tNAA"].GetProperty("concentration").ValueKind);
        Assert.InRange(metabolites["tNAA"].GetProperty("crlbPercent").GetDouble(), 0.5, 10);
        Assert.Equal("normal", metabolites["tNAA"].GetProperty("flag").GetString());
        Assert.InRange(json.GetProperty("qc").GetProperty("snr").GetDouble(), 5, 100);
        Assert.InRange(json.GetProperty("qc").GetProperty("fwhmPpm").GetDouble(), 0.02, 0.1);
        Assert.Contains(json.GetProperty("verdict").GetString(), new[] { "reliable", "review" });
        Assert.Equal("lcm", json.GetProperty("lcm").GetProperty("method").GetString());
        Assert.Contains("wrote", r.StdOut);
        var sr = Path.Combine(output, "sr.dcm");
        Assert.True(File.Exists(sr));
        var dump = MrsnodeProcess.Run("dicom", "dump", sr);
        var source = MrsnodeProcess.Run("dicom", "dump", "--header-only", TestData.Path("dicom/siemens-csa-svs30.ima"));
        string StudyUid(string text) => text.Split('\n').First(l => l.StartsWith("(0020,000d)", StringComparison.Ordinal))[..80];
        Assert.Equal(StudyUid(source.StdOut), StudyUid(dump.StdOut)); // the report joins the source study
        Assert.Contains("(0008,0016) UI [1.2.840.10008.5.1.4.1.1.88.33]", dump.StdOut);
    }

    [PeerFact("dciodvfy")]
    public void Quantify_SiemensBrainSpectrum_SrHasNoDciodvfyError()
    {
        var output = TestData.NewTempFolder();

        var r = MrsnodeProcess.Run("quantify", TestData.Path("dicom/siemens-csa-svs30.ima"), "--out", output, "--method", "lcm");

        Assert.True(r.ExitCode == 0, r.StdErr);
        var check = Peers.Run("dciodvfy", [Path.Combine(output, "sr.dcm")]);
        Assert.DoesNotContain("\nError", "\n" + check.StdOut + check.StdErr);
    }

    [Fact]
    public void Quantify_PerMetaboliteLineshape_KeepsTheRatiosAndSaysSo()
    {
        var global = TestData.NewTempFolder();
        var perMetabolite = TestData.NewTempFolder();

        var g = MrsnodeProcess.Run("quantify", TestData.Path("dicom/siemens-csa-svs30.ima"), "--out", global, "--method", "lcm");
        var p = MrsnodeProcess.Run("quantify", TestData.Path("dicom/siemens-csa-svs30.ima"), "--out", perMetabolite, "--method", "lcm",
            "--lineshape", "metabolite", "--shift-sd", "0.5", "--damping-sd", "0.15");

        Assert.True(g.ExitCode == 0 && p.ExitCode == 0, g.StdErr + p.StdErr);
        double Ratio(string folder, string name) => JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "results.json"))).RootElement
            .GetProperty("metabolites").EnumerateArray().Single(m => m.GetProperty("name").GetString() == name).GetProperty("ratioToTCr").GetDouble();
        // LCModel-width priors: the pools move by a few per cent at most on a good in vivo spectrum.
        Assert.Equal(Ratio(global, "tNAA"), Ratio(perMetabolite, "tNAA"), 0.05 * Ratio(global, "tNAA"));
        Assert.Equal(Ratio(global, "tCho"), Ratio(perMetabolite, "tCho"), 0.05 * Ratio(global, "tCho"));
    }

    [Fact]
    public void Quantify_CrlbActive_SameAmplitudesNarrowerOrEqualBounds()
    {
        var all = TestData.NewTempFolder();
        var active = TestData.NewTempFolder();

        var a = MrsnodeProcess.Run("quantify", TestData.Path("dicom/siemens-csa-svs30.ima"), "--out", all, "--method", "lcm");
        var b = MrsnodeProcess.Run("quantify", TestData.Path("dicom/siemens-csa-svs30.ima"), "--out", active, "--method", "lcm", "--crlb", "active");

        Assert.True(a.ExitCode == 0 && b.ExitCode == 0, a.StdErr + b.StdErr);
        JsonElement Estimates(string folder) => JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "results.json"))).RootElement.GetProperty("lcm").GetProperty("estimates");
        var byName = Estimates(active).EnumerateArray().ToDictionary(e => e.GetProperty("name").GetString()!);
        int wider = 0;
        // Per component, freeing the zeros can only widen a bound (holding a parameter fixed is conditioning on it).
        // Not so for a pool with a member at zero: the active-set convention adds that member's own unconstrained SD.
        string[] pools = ["tNAA", "tCr", "tCho", "Glx", "tIns"];
        foreach (var e in Estimates(all).EnumerateArray().Where(e => !pools.Contains(e.GetProperty("name").GetString())))
        {
            var other = byName[e.GetProperty("name").GetString()!];
            Assert.Equal(other.GetProperty("amplitude").GetDouble(), e.GetProperty("amplitude").GetDouble());
            double x = e.GetProperty("crlbAbsolute").GetDouble(), y = other.GetProperty("crlbAbsolute").GetDouble();
            Assert.True(x >= y * 0.999, $"{e.GetProperty("name")}: all {x} < active {y}");
            wider += x > y * 1.01 ? 1 : 0;
        }
        // On this scan some components fit at zero, so freeing them widens at least one partner's bound.
        Assert.True(wider > 0);
    }

    [Theory]
    [InlineData("wobbly", "1", "unknown lineshape 'wobbly': use global, group or metabolite")]
    [InlineData("metabolite", "0", "--shift-sd must be above 0 Hz")]
    public void Quantify_BadLineshapeOption_FailsWithTheReason(string lineshape, string shiftSd, string message)
    {
        var output = TestData.NewTempFolder();

        var r = MrsnodeProcess.Run("quantify", TestData.Path("dicom/siemens-csa-svs30.ima"), "--out", output, "--method", "lcm",
            "--lineshape", lineshape, "--shift-sd", shiftSd);

        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains(message, r.StdErr);
        Assert.False(File.Exists(Path.Combine(output, "results.json")));
    }

    [Fact]
    public void Quantify_DeviceWithoutGpu_AutoFallsBackOnceAndCudaFails()
    {
        var probe = JsonDocument.Parse(MrsnodeProcess.Run("device", "--json").StdOut).RootElement;
        Assert.Equal(probe.GetProperty("available").GetBoolean(), probe.GetProperty("devices").GetArrayLength() > 0);
        if (probe.GetProperty("available").GetBoolean())
        {
            return; // a GPU machine: the accelerator tests' GPU variants cover that path
        }

        var auto = MrsnodeProcess.Run("quantify", TestData.Path("dicom/siemens-csa-svs30.ima"), "--out", TestData.NewTempFolder(), "--method", "both", "--device", "auto");
        var cuda = MrsnodeProcess.Run("quantify", TestData.Path("dicom/siemens-csa-svs30.ima"), "--out", TestData.NewTempFolder(), "--method", "both", "--device", "cuda");

        Assert.True(auto.ExitCode == 0, auto.StdErr);
        Assert.Single(auto.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.Contains("computing on the CPU", StringComparison.Ordinal));
        Assert.NotEqual(0, cuda.ExitCode);
        Assert.Contains("CUDA requested but not available: " + probe.GetProperty("reason").GetString(), cuda.StdErr);
    }

    [Fact]
    public void Quantify_WithWaterReference_GivesConcentrations()
    {
        var output = TestData.NewTempFolder();

        // A TE 35 scan with the TE 30 basis: the test is about the water reference, so the mismatch is accepted (and reported).
        var r = MrsnodeProcess.Run("quantify", TestData.Path("mrs/philips-sdat/sub-01_PRESS_35_act.spar"),
            "--water", TestData.Path("mrs/philips-sdat/sub-01_PRESS_35_ref.spar"),
            "--basis", TestData.Path("mrs/ismrm2016/press3T_30ms.BASIS"), "--allow-basis-mismatch", "--out", output, "--json");

        Assert.True(r.ExitCode == 0, r.StdErr);
        var json = JsonDocument.Parse(r.StdOut).RootElement;
        var tnaa = json.GetProperty("metabolites").EnumerateArray().Single(m => m.GetProperty("name").GetString() == "tNAA");
        Assert.InRange(tnaa.GetProperty("concentration").GetDouble(), 3, 20);
        Assert.Equal("sub-01_PRESS_35_ref.spar", json.GetProperty("input").GetProperty("waterFile").GetString());
        Assert.Equal("i.u.", json.GetProperty("scaling").GetProperty("unit").GetString()); // no tissue fractions: institutional units
        Assert.Equal(35880, json.GetProperty("scaling").GetProperty("parameters").GetProperty("WCONC").GetDouble());
    }

    [Fact]
    public void Quantify_SiteRanges_UsedBeforeTheShippedOnes()
    {
        var output = TestData.NewTempFolder();
        var site = Path.Combine(TestData.NewTempFolder(), "site-ranges.json");
        File.WriteAllText(site, """{ "version": "site-7", "source": "our 3 T PRESS normals", "ranges": [ { "metabolite": "tCho", "ratioToTCr": [0.25, 0.4], "citation": "n=30" } ] }""");

        var r = MrsnodeProcess.Run("quantify", TestData.Path("dicom/siemens-csa-svs30.ima"), "--out", output, "--method", "lcm", "--site-ranges", site, "--json");

        Assert.True(r.ExitCode == 0, r.StdErr);
        var json = JsonDocument.Parse(r.StdOut).RootElement;
        var cho = json.GetProperty("metabolites").EnumerateArray().Single(m => m.GetProperty("name").GetString() == "tCho");
        Assert.Equal("low", cho.GetProperty("flag").GetString()); // 0.22 is normal by the shipped 3 T range, low by the site's
        Assert.Equal("site: n=30", cho.GetProperty("referenceRangeSource").GetString());
        Assert.StartsWith("site-7 (site) over ", json.GetProperty("referenceRanges").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Quantify_TissueFractions_CorrectedMillimolarWithEveryParameter()
    {
        var output = TestData.NewTempFolder();

        var r = MrsnodeProcess.Run("quantify", TestData.Path("mrs/philips-sdat/sub-01_PRESS_35_act.spar"),
            "--water", TestData.Path("mrs/philips-sdat/sub-01_PRESS_35_ref.spar"),
            "--basis", TestData.Path("mrs/ismrm2016/press3T_30ms.BASIS"), "--allow-basis-mismatch", "--method", "lcm",
            "--tissue-fractions", "0.6,0.3,0.1", "--out", output, "--json");

        Assert.True(r.ExitCode == 0, r.StdErr);
        var scaling = JsonDocument.Parse(r.StdOut).RootElement.GetProperty("scaling");
        Assert.Equal("mM (corrected, molal)", scaling.GetProperty("unit").GetString());
        Assert.True(scaling.GetProperty("corrected").GetBoolean());
        var p = scaling.GetProperty("parameters");
        Assert.Equal(0.6, p.GetProperty("fGM").GetDouble(), 9);
        Assert.Equal(110, p.GetProperty("T2waterGMms").GetDouble());
        Assert.Contains("--tissue-fractions", scaling.GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Quantify_BadTissueFractions_FailsWithTheReason()
    {
        var r = MrsnodeProcess.Run("quantify", TestData.Path("dicom/siemens-csa-svs30.ima"), "--out", TestData.NewTempFolder(), "--method", "lcm", "--tissue-fractions", "0.6,0.4");

        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains("are not \"gm,wm,csf\"", r.StdErr + r.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public void Quantify_NoMatchingBasisSet_OneLineErrorNamingTheAcquisition()
    {
        var r = MrsnodeProcess.Run("quantify", TestData.Path("dicom/philips-mrs-2frame.dcm"), "--out", TestData.NewTempFolder(), "--no-basis-simulation");

        Assert.Equal(1, r.ExitCode);
        var line = Assert.Single(r.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: no basis set matches this acquisition (1H 1.5 T, TE 31.9 ms", line);
        Assert.EndsWith("The basis-set manifest (config/basis-sets/manifest.json) needs an entry for it. Or pass one with --basis FILE.", line); // the CLI's own hint
    }

    [Fact]
    public void Quantify_PhilipsTe35WithoutBasis_SimulatesTheBasisRecordsItAndReusesIt()
    {
        var cache = TestData.NewTempFolder();
        var output = TestData.NewTempFolder();
        var again = TestData.NewTempFolder();
        var file = TestData.Path("mrs/philips-sdat/sub-01_PRESS_35_act.spar");

        var r = MrsnodeProcess.Run("quantify", file, "--out", output, "--method", "lcm", "--basis-cache", cache);
        var second = MrsnodeProcess.Run("quantify", file, "--out", again, "--method", "lcm", "--basis-cache", cache);

        Assert.True(r.ExitCode == 0 && second.ExitCode == 0, r.StdErr + second.StdErr);
        var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "results.json"))).RootElement;
        var basis = json.GetProperty("basis");
        Assert.Equal("simulated", basis.GetProperty("source").GetString());
        Assert.Equal("PRESS", basis.GetProperty("sequence").GetString());
        Assert.Equal(35, basis.GetProperty("echoTimeMs").GetDouble());
        Assert.Equal(16.3, basis.GetProperty("te1Ms").GetDouble());
        Assert.Equal(18.7, basis.GetProperty("te2Ms").GetDouble(), 9);
        Assert.Equal(127.75, basis.GetProperty("frequencyMHz").GetDouble());
        Assert.True(basis.GetProperty("simulatedNow").GetBoolean());
        var key = basis.GetProperty("cacheKey").GetString()!;
        Assert.True(File.Exists(Path.Combine(cache, key + ".BASIS")));
        Assert.True(File.Exists(Path.Combine(cache, key + ".json")));
        var reused = JsonDocument.Parse(File.ReadAllText(Path.Combine(again, "results.json"))).RootElement.GetProperty("basis");
        Assert.Equal(key, reused.GetProperty("cacheKey").GetString());
        Assert.False(reused.GetProperty("simulatedNow").GetBoolean());
        Assert.Contains($"basis set: simulated: PRESS TE 35 (16.3+18.7) ms, key {key[..8]}", r.StdOut, StringComparison.Ordinal);
        var metabolites = json.GetProperty("metabolites").EnumerateArray().ToDictionary(m => m.GetProperty("name").GetString()!);
        // Healthy adult brain at 3 T (Gudmundson 2023: tNAA/tCr 1.55 ± 0.30, tCho/tCr 0.55 ± 0.23, mI/tCr 0.60 ± 0.24).
        Assert.InRange(metabolites["tNAA"].GetProperty("ratioToTCr").GetDouble(), 1.0, 2.2);
        Assert.InRange(metabolites["tCho"].GetProperty("ratioToTCr").GetDouble(), 0.1, 0.6);
    }

    [Fact]
    public void Quantify_WaterFileIsMetaboliteData_Refused()
    {
        var r = MrsnodeProcess.Run("quantify", TestData.Path("mrs/philips-sdat/sub-01_PRESS_35_act.spar"),
            "--water", TestData.Path("mrs/philips-sdat/sub-02_PRESS_35_act.spar"), "--basis", TestData.Path("mrs/ismrm2016/press3T_30ms.BASIS"));

        Assert.Equal(1, r.ExitCode);
        Assert.Contains("is not a water reference", r.StdErr);
    }

    /// <summary>The ISMRM basis relabelled as simulated for TE 144 ms: a wrong-TE basis for the TE 30 Siemens scan.</summary>
    private static string Te144Basis()
    {
        var path = Path.Combine(TestData.NewTempFolder(), "te144.BASIS");
        File.WriteAllText(path, File.ReadAllText(TestData.Path("mrs/ismrm2016/press3T_30ms.BASIS")).Replace(" ECHOT = -1.,", " ECHOT = 144.,", StringComparison.Ordinal));
        return path;
    }

    private const string Te144Mismatch = "the basis set te144.BASIS was simulated for TE 144 ms; these data were acquired at TE 30 ms: at another echo time the metabolite shapes differ (lactate inverts at 144 ms) and the values would be wrong";

    [Fact]
    public void Quantify_BasisForAnotherEchoTime_RefusedWithOneLineSayingBothEchoTimes()
    {
        var r = MrsnodeProcess.Run("quantify", TestData.Path("dicom/siemens-csa-svs30.ima"), "--basis", Te144Basis(), "--method", "lcm", "--out", TestData.NewTempFolder());

        Assert.Equal(1, r.ExitCode);
        var line = Assert.Single(r.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal($"error: {Te144Mismatch} (--allow-basis-mismatch quantifies anyway, for research use)", line);
    }

    [PeerFact("pdftotext", "dcmdump")]
    public void Quantify_BasisMismatchAllowed_ReasonInResultsPdfAndSrAndVerdictNotReliable()
    {
        var output = TestData.NewTempFolder();

        var r = MrsnodeProcess.Run("quantify", TestData.Path("dicom/siemens-csa-svs30.ima"), "--basis", Te144Basis(), "--allow-basis-mismatch", "--method", "lcm", "--out", output);

        Assert.True(r.ExitCode == 0, r.StdErr);
        const string Reason = "basis set mismatch accepted for research use (--allow-basis-mismatch): " + Te144Mismatch;
        var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "results.json"))).RootElement;
        Assert.Equal(Reason, json.GetProperty("reasons")[0].GetString());
        Assert.NotEqual("reliable", json.GetProperty("verdict").GetString());
        var pdf = string.Join(' ', Peers.Run("pdftotext", [Path.Combine(output, "report.pdf"), "-"]).StdOut.Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("basis set mismatch accepted for research use", pdf, StringComparison.Ordinal);
        Assert.Contains("simulated for TE 144 ms", pdf, StringComparison.Ordinal);
        var sr = Peers.Run("dcmdump", ["+L", Path.Combine(output, "sr.dcm")]).StdOut; // +L: long text values in full
        Assert.Contains($"(0040,a160) UT [{Reason}]", sr, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> Unsupported() => new()
    {
        { "mrsi", "this is an MR spectroscopic imaging (multi-voxel, 2×2×1) acquisition whose file does not state where its voxels lie: MRSNode maps MRSI only with known voxel positions; no values are given" },
        { "mega", "this is an edited (MEGA-PRESS) acquisition: MRSNode quantifies unedited ¹H spectra only; edited GABA/GSH spectra need a dedicated analysis (e.g. Gannet/Osprey); no values are given" },
        { "multi-echo", "this is a multi-echo acquisition (TE 30, 144 ms): MRSNode quantifies unedited ¹H spectra only, at one echo time; no values are given" },
        { "dicom-mega", "this is an edited (MEGA-PRESS) acquisition: MRSNode quantifies unedited ¹H spectra only; edited GABA/GSH spectra need a dedicated analysis (e.g. Gannet/Osprey); no values are given" },
        { "interleaved", "edited GABA/GSH spectra need a dedicated analysis (e.g. Gannet/Osprey); no values are given" },
        { "31P", "the nucleus is '31P', not 1H: MRSNode quantifies proton (1H) spectra only." },
    };

    [Theory]
    [MemberData(nameof(Unsupported))]
    public void Quantify_UnsupportedAcquisition_OneLineReasonAndNoOutputs(string kind, string reasonEnd)
    {
        var inputs = TestData.NewTempFolder();
        var file = kind == "dicom-mega" ? Pipeline.Tests.UnsupportedAcquisitions.MegaPressDicom(inputs) : Pipeline.Tests.UnsupportedAcquisitions.Nifti(kind, inputs);
        var output = Path.Combine(TestData.NewTempFolder(), "out");

        var r = MrsnodeProcess.Run("quantify", file, "--out", output, "--method", "lcm");

        Assert.Equal(1, r.ExitCode);
        var line = Assert.Single(r.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
        Assert.EndsWith(reasonEnd, line.TrimEnd('\r'), StringComparison.Ordinal);
        Assert.False(Directory.Exists(output)); // as for every input problem: the reason on stderr, nothing written
    }

    /// <summary>Issue 25 poison objects: a NaN/inf sample crashed `quantify` with a MathNet stack trace, a zero FID or a
    /// spectral width of 1e-300 Hz made it run for ever. Each is now one line and exit code 1.</summary>
    [Theory]
    [InlineData("nan", "poison.dcm: the spectroscopy data hold a sample that is not a number (NaN, ")]
    [InlineData("inf", "poison.dcm: the spectroscopy data hold a sample that is not a number (Infinity, ")]
    [InlineData("zero", "poison.dcm: the spectrum holds no signal (every sample of the FID is zero)")]
    [InlineData("tiny-width", "poison.dcm: spectral width 1E-300 Hz is not plausible (expected 100 Hz to 1 MHz): the header is damaged")]
    public void Quantify_PoisonObject_OneLineErrorExitOneNoStackTrace(string defect, string reasonStart)
    {
        var source = Spectroscopy.Readers.MrsFormats.Default.Read(TestData.Path("dicom/siemens-xa60-svs.dcm"))[0];
        var data = defect switch
        {
            "nan" => source.Data.Select((z, i) => i == 3 ? new System.Numerics.Complex(double.NaN, z.Imaginary) : z).ToArray(),
            "inf" => source.Data.Select((z, i) => i == 3 ? new System.Numerics.Complex(double.PositiveInfinity, z.Imaginary) : z).ToArray(),
            "zero" => new System.Numerics.Complex[source.Data.Length],
            _ => (System.Numerics.Complex[])source.Data.Clone(),
        };
        var poison = new Spectroscopy.MrsAcquisition(data, source.Points, source.Averages, source.Coils, source.Voxels)
        {
            SpectralWidthHz = defect == "tiny-width" ? 1e-300 : source.SpectralWidthHz,
            TransmitterFrequencyMHz = source.TransmitterFrequencyMHz,
            EchoTimeMs = source.EchoTimeMs,
            Role = source.Role,
            Localization = source.Localization,
            Provenance = source.Provenance,
        };
        var file = Path.Combine(TestData.NewTempFolder(), "poison.dcm");
        Spectroscopy.Readers.MrsDicomWriter.Write(poison, file);
        var output = Path.Combine(TestData.NewTempFolder(), "out");

        var r = MrsnodeProcess.Run("quantify", file, "--out", output, "--method", "lcm");

        Assert.Equal(1, r.ExitCode);
        var line = Assert.Single(r.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: " + reasonStart, line, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", r.StdErr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void Quantify_MrsiPhantomWithItsImage_WritesAParametricMapPerMapOnTheGridsFrameOfReference()
    {
        var phantom = TestData.NewTempFolder();
        var output = Path.Combine(TestData.NewTempFolder(), "out");
        var s = MrsnodeProcess.Run("simulate", "mrsi", "--out", phantom, "--grid", "4x4x1", "--voxel-size", "20", "--press-box", "--snr", "30"); // 4 voxels in the box: a short fit
        Assert.True(s.ExitCode == 0, s.StdErr);

        var r = MrsnodeProcess.Run("quantify", Path.Combine(phantom, "mrsi.dcm"), "--image", Path.Combine(phantom, "t1-01.dcm"), "--out", output, "--method", "lcm");

        Assert.True(r.ExitCode == 0, r.StdErr);
        var maps = Directory.GetFiles(output, "pmap-*.dcm").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(Enumerable.Range(1, 8).Select(k => $"pmap-{k:00}.dcm"), maps.Select(Path.GetFileName));
        var frame = Dicom.IO.DicomFile.Open(Path.Combine(phantom, "mrsi.dcm"), Dicom.IO.DicomReadOptions.HeaderOnly).Dataset.GetString(Dicom.DicomTags.FrameOfReferenceUID);
        Assert.All(maps, m =>
        {
            var ds = Dicom.IO.DicomFile.Open(m).Dataset;
            Assert.Equal((Dicom.DicomUids.ParametricMapStorage, frame), (ds.GetString(Dicom.DicomTags.SOPClassUID), ds.GetString(Dicom.DicomTags.FrameOfReferenceUID)));
            Assert.Equal(16, ds.GetFloats(Dicom.DicomTags.FloatPixelData).Length);
        });
    }
}
