using System.Globalization;
using MRSNode.Evaluation.SimulatedBasis;
using MRSNode.Pipeline;
using MRSNode.Spectroscopy;
using MRSNode.Spectroscopy.Readers;
using MRSNode.SpinSimulation;
using MRSNode.TestSupport;
using Xunit;
using Xunit.Abstractions;

namespace MRSNode.Evaluation.Tests.SimulatedBasis;

/// <summary>
/// The real files no shipped basis set fits (issue 21: 1.5 T Philips PRIME TE 32, Philips 3 T TE 35, Siemens 7 T XA60
/// TE 30, NIfTI-MRS 7 T STEAM TE 11), each fitted with a basis simulated for its own protocol
/// (<see cref="AcquisitionProtocol"/>), against healthy-adult ranges of ratio to tCr (docs/accuracy.md, "Simulated
/// basis: real files"). Ranges: 3 T, the Gudmundson 2023 database's 3 T TE ≤ 40 ms set; 7 T, its 7 T set for Ins and
/// the pooled all-field set for tNAA, tCho and Glx (the 7 T set has no rows for them) — the ranges the node applies
/// (config/reference-ranges.json). The 1.5 T file is a QA phantom, judged as one.
/// </summary>
[SlowTest]
public class RealScanFitTests(ITestOutputHelper output)
{
    private static readonly DensityMatrixBasisSimulator _simulator = new();

    private MethodOutput FitWithOwnProtocol(string metabolite, string? water = null)
    {
        var scan = RealScanFit.Load([TestData.Path(metabolite)], water is null ? [] : [TestData.Path(water)]);
        var protocol = AcquisitionProtocol.For(scan.Metabolite);
        var result = scan.Fit(_simulator.Simulate(protocol.Request!));
        foreach (var name in new[] { "tNAA", "tCr", "tCho", "Ins", "Glx" })
        {
            var e = result.Estimates.Single(x => x.Name == name);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}/tCr {e.RatioToTCr:F3} CRLB {e.CrlbPercent:F0} %"));
        }
        output.WriteLine(string.Join("; ", protocol.Assumptions));
        return result;
    }

    private static void AssertRatio(MethodOutput result, string name, double low, double high, double maxCrlbPercent)
    {
        var e = result.Estimates.Single(x => x.Name == name);
        Assert.InRange(e.RatioToTCr!.Value, low, high);
        Assert.InRange(e.CrlbPercent!.Value, 0, maxCrlbPercent);
    }

    [Theory]
    [InlineData("mrs/philips-sdat/sub-01_PRESS_35_act.sdat", "mrs/philips-sdat/sub-01_PRESS_35_ref.sdat")]
    [InlineData("mrs/philips-sdat/sub-02_PRESS_35_act.sdat", "mrs/philips-sdat/sub-02_PRESS_35_ref.sdat")]
    public void Fit_PhilipsTe35WithSimulatedBasis_Within3THealthyRanges(string metabolite, string water)
    {
        var r = FitWithOwnProtocol(metabolite, water);

        // Gudmundson 2023, 3 T TE ≤ 40 ms: tNAA 1.436 ± 0.221, tCho 0.224 ± 0.100, mI 0.810 ± 0.171, Glx 1.538 ± 0.356 (± 2 SD).
        AssertRatio(r, "tNAA", 0.993, 1.878, 10);
        AssertRatio(r, "tCho", 0.024, 0.424, 10);
        AssertRatio(r, "Ins", 0.468, 1.153, 20);
        AssertRatio(r, "Glx", 0.826, 2.25, 15);
    }

    [Fact]
    public void Fit_NiftiMrs7TSteamWithSimulatedBasis_Within7THealthyRanges()
    {
        var r = FitWithOwnProtocol("mrs/nifti/metab.nii.gz");

        // tNAA, tCho, Glx: the pooled set (tNAA 1.548 ± 0.303, tCho 0.547 ± 0.231, Glx 1.329 ± 0.552); Ins: the 7 T set (0.477 ± 0.251).
        AssertRatio(r, "tNAA", 0.942, 2.154, 10);
        AssertRatio(r, "tCho", 0.085, 1.009, 15);
        AssertRatio(r, "Ins", 0.0, 0.979, 15);
        AssertRatio(r, "Glx", 0.225, 2.433, 15);
    }

    [Fact]
    public void Fit_SiemensXa607TPressWithSimulatedBasis_Within7THealthyRangesInsImprecise()
    {
        var r = FitWithOwnProtocol("dicom/siemens-xa60-7t-averaged.dcm");

        // A 2000 Hz band at 297 MHz holds 1.33–8.07 ppm only; Ins at 3.5 ppm is fitted with a CRLB above 30 %, so the node
        // reports it "not assessed" rather than compared.
        AssertRatio(r, "tNAA", 0.942, 2.154, 10);
        AssertRatio(r, "tCho", 0.085, 1.009, 15);
        AssertRatio(r, "Glx", 0.225, 2.433, 30);
        Assert.True(r.Estimates.Single(x => x.Name == "Ins").CrlbPercent > 30);
    }

    [Fact]
    public void Fit_Philips15TPrimePhantomWithSimulatedBasis_NaaCrChoInsDetected()
    {
        var r = FitWithOwnProtocol("dicom/philips-mrs-2frame.dcm");

        // A QA phantom (1.3 Hz lines, 0.17 ppm room-temperature water shift): no healthy range applies; its singlets and
        // Ins must be found, at ratios inside the pooled all-field set's gross range.
        AssertRatio(r, "tNAA", 0.942, 2.154, 10);
        AssertRatio(r, "tCho", 0.085, 1.009, 25);
        AssertRatio(r, "Ins", 0.112, 1.088, 25);
    }

    [Theory]
    [InlineData("sub-01")]
    [InlineData("sub-02")]
    public void Fit_PhilipsTe35_SimulatedBasisWithin10PercentOfOspreysRealPulseBasis(string subject)
    {
        var osprey = LcModelBasisReader.Read(TestData.Path("basis/osprey-press3T-35ms-noMM.BASIS"));
        var scan = RealScanFit.Load([TestData.Path($"mrs/philips-sdat/{subject}_PRESS_35_act.sdat")], [TestData.Path($"mrs/philips-sdat/{subject}_PRESS_35_ref.sdat")]);
        var protocol = AcquisitionProtocol.For(scan.Metabolite).Request!;
        // The same fit otherwise: the same seventeen metabolites, no measured MM in either.
        var simulated = _simulator.Simulate(protocol with { Metabolites = osprey.Metabolites.Select(m => m.Name).ToList() });

        var withOsprey = scan.Fit(osprey).Estimates.ToDictionary(e => e.Name);
        var withSimulated = scan.Fit(simulated).Estimates.ToDictionary(e => e.Name);

        foreach (var name in new[] { "tNAA", "tCho", "Ins", "Glx" })
        {
            double a = withOsprey[name].RatioToTCr!.Value, b = withSimulated[name].RatioToTCr!.Value;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{subject} {name}/tCr Osprey {a:F3} simulated {b:F3}: {100 * (b / a - 1):+0.0;-0.0} %"));
            Assert.InRange(b / a - 1, -0.10, 0.10);
        }
    }

    [Fact]
    public void LcModel63Regression_SimulatedSpantPressBasis_AsCloseToLcModelAsTheOrganisersBasis()
    {
        // LCModel's test case (tests/data/basis): 3 T in vivo data fitted by LCModel 6.3-1N with a spant PRESS basis whose
        // header gives no TE; spant's seq_press_ideal defaults are TE1 10, TE2 20 ms. Fitted as the regression test fits
        // it (no preprocessing), with that basis, with the node's simulation of the same protocol and metabolites, and with
        // the ISMRM 2016 organisers' PRESS TE 30 basis (its measured Mac left out, as spant's basis has none).
        var data = MrsFormats.Default.Read(TestData.Path("basis/data.raw"), MrsReadOptions.Default with { SpectralWidthHz = 2000, FrequencyMHz = 127.786142 })[0];
        var spant = LcModelBasisReader.Read(TestData.Path("basis/3t.basis"));
        var simulated = _simulator.Simulate(new BasisSimulationRequest
        {
            FrequencyMHz = 127.786142,
            Sequence = LocalizationSequence.Press,
            EchoTimeMs = 30,
            Te1Ms = 10,
            Te2Ms = 20,
            ReferencePpm = spant.ReferencePpm,
            Metabolites = spant.Metabolites.Select(m => m.Name).ToList(),
        });
        var organisers = LcModelBasisReader.Read(TestData.Path("mrs/ismrm2016/press3T_30ms.BASIS"));
        organisers = organisers with { Metabolites = [.. organisers.Metabolites.Where(m => !string.Equals(m.Name, "Mac", StringComparison.OrdinalIgnoreCase))] };

        var withSpant = Quantification.LcmQuantifier.Quantify(data, null, spant);
        var withSimulated = Quantification.LcmQuantifier.Quantify(data, null, simulated);
        var withOrganisers = Quantification.LcmQuantifier.Quantify(data, null, organisers);

        var lcmodel = new Dictionary<string, double> { ["NAA"] = 1.047, ["tNAA"] = 1.306, ["Ins"] = 0.911, ["tCho"] = 0.250, ["Glx"] = 1.510 };
        static double Smape(double a, double b) => 200 * Math.Abs(a - b) / (a + b);
        double simulatedSmape = 0, organisersSmape = 0;
        foreach (var (name, reference) in lcmodel)
        {
            double a = withSpant.Find(name)!.RatioToTCr!.Value, b = withSimulated.Find(name)!.RatioToTCr!.Value, c = withOrganisers.Find(name)!.RatioToTCr!.Value;
            simulatedSmape += Smape(b, reference) / lcmodel.Count;
            organisersSmape += Smape(c, reference) / lcmodel.Count;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name}/tCr LCModel {reference:F3}; spant basis {a:F3} ({100 * (a / reference - 1):+0.0;-0.0} %); simulated {b:F3} ({100 * (b / reference - 1):+0.0;-0.0} %); organisers' {c:F3} ({100 * (c / reference - 1):+0.0;-0.0} %)"));
            Assert.InRange(a / reference - 1, -0.05, 0.05);
        }
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"mean SMAPE against LCModel: simulated {simulatedSmape:F1}, organisers' {organisersSmape:F1}"));
        // Both independent bases put NAA 19-24 % and Ins 7-12 % above LCModel's figures with spant's basis, whose NAA and
        // Ins lines are narrower than its Cr's (docs/accuracy.md): the simulation is as close to LCModel as the organisers'
        // basis (issue 21: mean SMAPE within 2 points), and tCho and Glx agree within 5 %.
        Assert.InRange(simulatedSmape - organisersSmape, -2.0, 2.0);
        Assert.InRange(withSimulated.Find("tCho")!.RatioToTCr!.Value / lcmodel["tCho"] - 1, -0.05, 0.05);
        Assert.InRange(withSimulated.Find("Glx")!.RatioToTCr!.Value / lcmodel["Glx"] - 1, -0.05, 0.05);
    }
}
