using System.Globalization;
using MRSNode.Quantification;
using MRSNode.Quantification.Results;
using MRSNode.TestSupport;
using Xunit;
using Xunit.Abstractions;

namespace MRSNode.Pipeline.Tests;

/// <summary>
/// Two real Philips 3 T PRESS scans through the pipeline, against LCModel 6.3's tables for the same data and basis
/// (reference/lcmodel-invivo.csv; how LCModel was run: tests/data/NOTICE.md and docs/accuracy.md, in vivo section).
/// </summary>
[SlowTest]
public class LcmMethodInVivoTests(ITestOutputHelper output)
{
    private const string TeThirty = "philips-sub01-te30-with-mm", TeThirtyFive = "philips-sub01-te35";

    /// <summary>MRSNode's pool and LCModel's name for it.</summary>
    private static readonly (string Pool, string LcModel)[] Pools =
        [("tNAA", "NAA+NAAG"), ("tCho", "GPC+PCh"), ("Ins", "Ins"), ("Glx", "Glu+Gln")];

    private static QuantificationReport Run(string caseName)
    {
        var (metabolite, water, basis) = caseName == TeThirty
            ? ("sub-01_ses-01_PRESS_raw-act_noID.SDAT", "sub-01_ses-01_PRESS_raw-ref_noID.SDAT", ShippedConfig.Path("basis-sets/press3T_30ms.BASIS"))
            : ("sub-01_PRESS_35_act.sdat", "sub-01_PRESS_35_ref.sdat", TestData.Path("basis/osprey-press3T-35ms-noMM.BASIS"));
        return ShippedConfig.Pipeline([new LcmMethod()]).Run(new QuantificationRequest
        {
            MetaboliteFiles = [TestData.Path("mrs/philips-sdat/" + metabolite)],
            WaterFiles = [TestData.Path("mrs/philips-sdat/" + water)],
            BasisFile = basis,
            // As mrsnode quantify does: the shipped basis states no TE itself; its manifest entry does (TE 30 ms PRESS).
            BasisManifest = ShippedConfig.Path("basis-sets/manifest.json"),
            Method = MethodSelection.Lcm,
        }).Report;
    }

    /// <summary>LCModel's ratio to Cr+PCr for a case and row.</summary>
    private static double LcModelRatio(string caseName, string name)
    {
        foreach (var line in File.ReadLines(TestData.Path("reference/lcmodel-invivo.csv")).Skip(1))
        {
            var f = line.Split(',');
            if (f[0] == caseName && f[1] == name)
            {
                return double.Parse(f[4], CultureInfo.InvariantCulture);
            }
        }
        // TE 30's table has no GPC+PCho row: its pool is GPC + PCho.
        return name == "GPC+PCh" ? LcModelRatio(caseName, "GPC") + LcModelRatio(caseName, "PCho") : throw new KeyNotFoundException(name);
    }

    private Dictionary<string, double> Deviations(string caseName, QuantificationReport report)
    {
        var ours = report.Lcm!.Estimates.ToDictionary(e => e.Name, e => e.RatioToTCr ?? double.NaN);
        var result = new Dictionary<string, double>();
        foreach (var (pool, lcm) in Pools)
        {
            double reference = LcModelRatio(caseName, lcm);
            result[pool] = ours[pool] / reference - 1;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{caseName} {pool}/tCr {ours[pool]:F3} vs LCModel {reference:F3}: {100 * result[pool]:+0.0;-0.0} %"));
        }
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{caseName} FWHM {report.Qc.FwhmPpm:F4} ppm (NAA basis broadened), {report.Qc.LineshapeFwhmPpm:F4} ppm (lineshape alone)"));
        return result;
    }

    [Fact]
    public void Quantify_PhilipsTe35_WithinTheIssuesTolerancesOfLcModel()
    {
        var report = Run(TeThirtyFive);
        var d = Deviations(TeThirtyFive, report);

        // The data free the baseline, so the reported fit gives tNAA its own lineshape (FitOptions).
        Assert.Equal(1, report.Lcm!.Details!["ownNaaLineshape"]);
        // Issue 19's tolerances: 10 % for tNAA, tCho and Ins, 15 % for Glx (measured +1.8, +8.8, +9.8, +9.2 %; with one
        // lineshape for all +5.6, +7.8, +10.1, +9.3 %).
        Assert.InRange(d["tNAA"], -0.10, 0.10);
        Assert.InRange(d["tCho"], -0.10, 0.10);
        Assert.InRange(d["Ins"], -0.10, 0.10);
        Assert.InRange(d["Glx"], -0.15, 0.15);
    }

    [Fact]
    public void Quantify_PhilipsTe30_WithinTheIssuesTolerancesOfLcModel()
    {
        var report = Run(TeThirty);
        var d = Deviations(TeThirty, report);

        Assert.Equal(1, report.Lcm!.Details!["ownNaaLineshape"]);
        // Issue 19's tolerances (measured +9.4, +6.5, −3.5, +1.9 %); tNAA was +21 % with one Voigt for NAA and Cr, wider
        // than the in vivo NAA singlet (docs/accuracy.md, in vivo section).
        Assert.InRange(d["tNAA"], -0.10, 0.10);
        Assert.InRange(d["tCho"], -0.10, 0.10);
        Assert.InRange(d["Ins"], -0.10, 0.10);
        Assert.InRange(d["Glx"], -0.15, 0.15);
    }

    [Fact]
    public void Quantify_PhilipsScans_LineshapeFwhmOnLcModelsDefinitionNearLcModels()
    {
        // LCModel's FWHM (its fitted lineshape alone): 0.031 ppm at TE 30, 0.038 ppm at TE 35.
        var te30 = Run(TeThirty).Qc;
        var te35 = Run(TeThirtyFive).Qc;

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"TE30 {te30.LineshapeFwhmPpm:F4} ppm, TE35 {te35.LineshapeFwhmPpm:F4} ppm"));
        Assert.Equal(0.031, te30.LineshapeFwhmPpm!.Value, 0.006);
        Assert.Equal(0.038, te35.LineshapeFwhmPpm!.Value, 0.006);
        Assert.True(te30.LineshapeFwhmPpm < te30.FwhmPpm && te35.LineshapeFwhmPpm < te35.FwhmPpm);
    }
}
