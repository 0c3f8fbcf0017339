using System.Diagnostics;
using System.Numerics;
using MRSNode.Spectroscopy;
using MRSNode.Spectroscopy.Processing;
using MRSNode.Spectroscopy.Readers;
using MRSNode.TestSupport;
using Xunit;
using Xunit.Abstractions;

namespace MRSNode.Quantification.Tests;

[UnitTest]
public class FitterTests(ITestOutputHelper output)
{
    private static readonly Dictionary<string, double> Truth = new()
    {
        ["NAA"] = 12, ["NAAG"] = 1.5, ["Cr"] = 5, ["PCr"] = 4, ["GPC"] = 1.2, ["PCho"] = 0.6, ["Ins"] = 7, ["Glu"] = 11, ["Gln"] = 3,
        ["GSH"] = 2, ["Tau"] = 1.5, ["Lac"] = 0.8, ["sIns"] = 0.3, ["GABA"] = 1.5, ["Asp"] = 2, ["Mac"] = 1.0,
    };

    internal static MrsAcquisition SyntheticAcquisition(double noiseSd, int seed, double shiftHz = 3, double phase = 0.6) =>
        Fixtures.Acquisition(SyntheticFid(noiseSd, seed, shiftHz, phase));

    /// <summary>The synthetic spectrum's FID on <see cref="SyntheticAxis"/>: the truth below, Lorentzian 3 Hz, Gaussian 4 Hz.</summary>
    /// <param name="lactate">Lactate instead of the truth's 0.8.</param>
    internal static Complex[] SyntheticFid(double noiseSd, int seed, double shiftHz = 3, double phase = 0.6, double? lactate = null) =>
        Fixtures.Synthetic(BasisResampler.Resample(Fixtures.IsmrmBasis, SyntheticAxis),
            lactate is { } lac ? new Dictionary<string, double>(Truth) { ["Lac"] = lac } : Truth, shiftHz, 3, 4, phase, noiseSd, seed);

    internal static SpectralAxis SyntheticAxis { get; } = new(2048, 4000, 123.2, 4.7);

    internal static double TrueAmplitude(string name) => Truth[name];

    [Fact]
    public void Quantify_SyntheticHighSnr_RecoversAmplitudes()
    {
        var acq = SyntheticAcquisition(0.002, 1);
        var sw = Stopwatch.StartNew();
        var r = LcmQuantifier.Quantify(acq, null, Fixtures.IsmrmBasis);
        output.WriteLine($"{sw.ElapsedMilliseconds} ms, {r.Parameters}, it {r.Iterations}, SNR {r.Quality.Snr:F0}, NAA FWHM {r.Quality.NaaFwhmHz:F2} Hz");
        foreach (var m in r.Metabolites.Concat(r.Pools))
        {
            output.WriteLine($"{m.Name} {m.Amplitude:F3} ({(Truth.TryGetValue(m.Name, out var t) ? t : double.NaN)}) CRLB {m.CrlbPercent:F1}%");
        }
        Assert.Equal(3, r.Parameters.ShiftHz, 0.2);
        Assert.Equal(3, r.Parameters.LorentzHz, 0.5);
        Assert.Equal(4, r.Parameters.GaussHz, 0.7);
        Assert.Equal(0.6, r.Parameters.Phase0Rad + 0.0, 0.05);
        foreach (var name in new[] { "NAA", "Cr", "PCr", "Ins", "Glu", "GPC" })
        {
            Assert.Equal(Truth[name], r.Find(name)!.Amplitude, 0.03 * Truth[name]);
        }
        // LCModel's parametric MM, fitted beside the measured one as LCModel does, take a few per cent of it (measured 0.955).
        Assert.Equal(Truth["Mac"], r.Find("Mac")!.Amplitude, 0.06 * Truth["Mac"]);
        Assert.Equal(Truth["NAA"] + Truth["NAAG"], r.Find("tNAA")!.Amplitude, 0.02 * 13.5);
        Assert.Equal(Truth["Glu"] + Truth["Gln"], r.Find("Glx")!.Amplitude, 0.03 * 14);
        Assert.Equal((Truth["NAA"]) / 9, r.Find("NAA")!.RatioToTCr!.Value, 0.03 * 12 / 9);
    }

    [Fact]
    public void Quantify_SyntheticLargePhaseAndShift_Converges()
    {
        var acq = SyntheticAcquisition(0.002, 2, shiftHz: -12, phase: 2.5);
        var r = LcmQuantifier.Quantify(acq, null, Fixtures.IsmrmBasis);
        output.WriteLine($"{r.Parameters}");
        Assert.Equal(-12, r.Parameters.ShiftHz, 0.3);
        Assert.Equal(12, r.Find("NAA")!.Amplitude, 0.4);
        Assert.Equal(9, r.Find("tCr")!.Amplitude, 0.3);
    }

    [Fact]
    public void Quantify_LcModel63Regression_RatiosWithinReference()
    {
        var sw = Stopwatch.StartNew();
        var r = LcmQuantifier.Quantify(Fixtures.LcModelData(), null, Fixtures.ThreeTBasis);
        output.WriteLine($"{sw.ElapsedMilliseconds} ms {r.Parameters} it {r.Iterations} {r.Quality}");
        foreach (var m in r.Metabolites.Concat(r.Pools))
        {
            output.WriteLine($"{m.Name} {m.Amplitude:G4} {m.CrlbPercent:F0}% {m.RatioToTCr:F3}");
        }
        var expected = new Dictionary<string, double> { ["NAA"] = 1.047, ["tNAA"] = 1.306, ["Ins"] = 0.911, ["tCho"] = 0.250, ["Glx"] = 1.510 };
        foreach (var (name, value) in expected)
        {
            double got = r.Find(name)!.RatioToTCr!.Value;
            output.WriteLine($"{name}/tCr {got:F3} vs LCModel {value:F3}: {100 * (got - value) / value:+0.0;-0.0} %");
        }
        foreach (var (name, value) in expected)
        {
            Assert.Equal(value, r.Find(name)!.RatioToTCr!.Value, 0.05 * value);
        }
    }

    [Fact]
    public void Quantify_TightRatioPriorOnGabaToCr_HoldsTheRatio()
    {
        // The data (GABA 1.5, Cr 5, noise 0.05) leave GABA/Cr near 0.5 ± 0.2; a prior of 0.6 ± 0.001 overrides them.
        var acq = SyntheticAcquisition(0.05, 3);

        var r = LcmQuantifier.Quantify(acq, null, Fixtures.IsmrmBasis, WithPrior("GABA/Cr = 0.6 +- 0.001"));

        double ratio = r.Find("GABA")!.Amplitude / r.Find("Cr")!.Amplitude;
        output.WriteLine($"GABA/Cr {ratio:F4}");
        Assert.Equal(0.6, ratio, 0.005);
        Assert.Equal(["GABA/Cr = 0.6 +- 0.001"], r.Fit.RatioPriorsUsed.Select(p => p.Prior.ToString()));
    }

    [Fact]
    public void Quantify_LooseRatioPrior_LeavesTheFitAsItWas()
    {
        var acq = SyntheticAcquisition(0.05, 3);

        var free = LcmQuantifier.Quantify(acq, null, Fixtures.IsmrmBasis, LcmOptions.Default with { RatioPriors = RatioPriorSet.None });
        var loose = LcmQuantifier.Quantify(acq, null, Fixtures.IsmrmBasis, WithPrior("GABA/Cr = 0.6 +- 100"));

        foreach (var name in new[] { "GABA", "Cr", "NAA", "Glu" })
        {
            Assert.Equal(free.Find(name)!.Amplitude, loose.Find(name)!.Amplitude, 0.005 * free.Find(name)!.Amplitude);
        }
    }

    [Fact]
    public void Quantify_TightRatioPrior_GabasBoundBecomesItsShareOfCrs()
    {
        var acq = SyntheticAcquisition(0.05, 3);

        var free = LcmQuantifier.Quantify(acq, null, Fixtures.IsmrmBasis, LcmOptions.Default with { RatioPriors = RatioPriorSet.None });
        var held = LcmQuantifier.Quantify(acq, null, Fixtures.IsmrmBasis, WithPrior("GABA/Cr = 0.6 +- 0.001"));

        double gaba = held.Find("GABA")!.CrlbAbsolute, cr = held.Find("Cr")!.CrlbAbsolute;
        output.WriteLine($"GABA CRLB free {free.Find("GABA")!.CrlbAbsolute:F4}, held {gaba:F4}; Cr CRLB held {cr:F4}");
        // GABA = 0.6·Cr ± 0.001·Cr: its bound is 0.6 times Cr's (the covariance carries the prior, as LCModel's %SD does).
        Assert.Equal(0.6 * cr, gaba, 0.02 * gaba);
        Assert.InRange(gaba, 0, 0.6 * free.Find("GABA")!.CrlbAbsolute);
    }

    [Theory]
    [InlineData("NAA/Cr = 1.0 +- 0.1", 10, 16)] // the data (NAA/Cr 2.4, noise 0.002) overrule a prior 14 of its SDs away
    [InlineData("NAA/Cr = 2.4 +- 0.2", -1, 1)] // a prior the data agree with
    public void Quantify_RatioPriorAgainstTheData_ReportsHowManyPriorSdsAway(string prior, double low, double high)
    {
        var acq = SyntheticAcquisition(0.002, 1);

        var applied = Assert.Single(LcmQuantifier.Quantify(acq, null, Fixtures.IsmrmBasis, WithPrior(prior)).Fit.RatioPriorsUsed);

        output.WriteLine($"{applied.Prior}: {applied.DeviationSds:F2} prior SDs");
        Assert.InRange(applied.DeviationSds, low, high);
        Assert.Equal(high > 4, applied.IsContradicted);
    }

    private static LcmOptions WithPrior(string prior) =>
        LcmOptions.Default with { RatioPriors = RatioPriorSet.None, Fit = FitOptions.Default with { RatioPriors = [ConcentrationRatioPrior.Parse(prior)] } };

    [Fact]
    public void Quantify_LcModelPriorsOnIsmrmBasis_AppliesTheMmAndSixMetabolitePriorsAndTheLipidOnesWithTheLipids()
    {
        var acq = SyntheticAcquisition(0.05, 3);
        var options = LcmOptions.Default with { RatioPriors = RatioPriorSet.LcModel };

        var r = LcmQuantifier.Quantify(acq, null, Fixtures.IsmrmBasis, options);
        var withLipids = LcmQuantifier.Quantify(acq, null, Fixtures.IsmrmBasis, options with { Fit = options.Fit with { LipidsOnlyWhenDetected = false } });

        // LCModel's parametric MM are fitted beside the basis's measured "Mac", so their four priors apply; this spectrum
        // has no lipid, so its lipids are dropped with their two priors; the basis has no -CrCH2, so its prior drops out.
        string[] mm = ["MM20/MM09* = 1.5 +- 0.375 +WT= Lip09*", "MM12/MM09* = 0.3 +- 0.1 +WT= Lip09*", "MM14/MM09* = 0.75 +- 0.45 +WT= Lip09*", "MM17/MM09* = 0.375 +- 0.3 +WT= Lip09*"];
        string[] metabolites = ["Asp/Big3 = 0.05 +- 0.05", "GABA/Big3 = 0.03 +- 0.03", "Glc/Big3 = 0.03 +- 0.03", "Scyllo/Big3 = 0.01 +- 0.01", "Tau/Big3 = 0.05 +- 0.05", "GSH/Gln+GSH = 0.286 +- 0.126"];
        Assert.False(r.LipidsFitted);
        Assert.Equal([.. mm, .. metabolites], r.Fit.RatioPriorsUsed.Select(p => p.Prior.ToString()));
        Assert.Equal(["Lip09/Lip13* = 0.267 +- 0.1 +WT= MM12", "Lip20/Lip13* = 0.15 +- 0.07 +WT= MM12", .. mm, .. metabolites],
            withLipids.Fit.RatioPriorsUsed.Select(p => p.Prior.ToString()));
    }

    [Fact]
    public void Quantify_LcModel63RegressionWithItsRatioPriors_MinorsComeCloserToLcModel()
    {
        // LCModel 6.3 fitted this case with its default priors (its CSV: Asp 0.309, GABA 0.160, Glc 0.037, GSH 0.257 /tCr).
        var reference = new Dictionary<string, double> { ["Asp"] = 0.309, ["GABA"] = 0.160, ["Glc"] = 0.037, ["GSH"] = 0.257, ["Ins"] = 0.911 };
        var none = LcmQuantifier.Quantify(Fixtures.LcModelData(), null, Fixtures.ThreeTBasis, LcmOptions.Default with { RatioPriors = RatioPriorSet.None });
        var priors = LcmQuantifier.Quantify(Fixtures.LcModelData(), null, Fixtures.ThreeTBasis, LcmOptions.Default with { RatioPriors = RatioPriorSet.LcModel });

        // 6 metabolite + 4 MM priors: LCModel's simulated spectrum has no lipid, so the lipids and their 2 priors are dropped
        // (no -CrCH2 in this basis).
        Assert.False(priors.LipidsFitted);
        Assert.Equal(10, priors.Fit.RatioPriorsUsed.Count);
        foreach (var (name, value) in reference)
        {
            double without = none.Find(name)!.RatioToTCr!.Value, with = priors.Find(name)!.RatioToTCr!.Value;
            output.WriteLine($"{name}/tCr LCModel {value:F3}: without priors {without:F3}, with {with:F3}");
            Assert.True(Math.Abs(with - value) < Math.Abs(without - value), $"{name}: {with:F3} is not closer to {value} than {without:F3}");
        }
    }

    [SlowTest]
    [Fact]
    public void Quantify_SiemensScanAfterWaterRemoval_StartsAtTheSingletsNotTheSearchEdge()
    {
        // After HLSVD, matching the whole 0.2–4.0 ppm window's magnitudes once chose the search's edge (+30.9 Hz, fit
        // residual 37 %, tCr zero). Matched over NAA, Cr and Cho the start is right: measured −1.7 Hz, tNAA/tCr 1.37,
        // residual 10.1 % (7.4 % without LCModel's ratio priors, which hold the minor metabolites that otherwise take more of it).
        var scan = MrsFormats.Default.Read(TestData.Path("dicom/siemens-csa-svs30.ima"))[0];
        var (waterRemoved, _) = new ResidualWaterRemoval().Apply(scan);

        var r = LcmQuantifier.Quantify(waterRemoved, null, Fixtures.IsmrmBasis);

        output.WriteLine($"shift {r.Parameters.ShiftHz:F2} Hz, tNAA/tCr {r.Find("tNAA")!.RatioToTCr:F3}, residual {r.Fit.RelativeResidual:F3}");
        Assert.InRange(r.Parameters.ShiftHz, -5, 5);
        Assert.InRange(r.Find("tNAA")!.RatioToTCr!.Value, 1.3, 1.5);
        Assert.InRange(r.Fit.RelativeResidual, 0, 0.12);
    }
}

[SlowTest]
public class FitterLineshapeFreedomTests(ITestOutputHelper output)
{
    private static readonly Dictionary<string, (double Amplitude, double ShiftHz, double DampingHz)> Components = new()
    {
        ["NAA"] = (12, 2.0, 1.0), ["NAAG"] = (1.5, -1.5, 3.0), ["Cr"] = (5, -2.0, 4.0), ["PCr"] = (4, 1.0, 2.0),
        ["GPC"] = (1.2, 1.5, 3.0), ["PCho"] = (0.6, -1.0, 1.0), ["Ins"] = (7, 2.5, 5.0), ["Glu"] = (11, -1.0, 2.0),
        ["Gln"] = (3, 1.5, 4.0), ["GSH"] = (2, 0.5, 2.0), ["Tau"] = (1.5, -0.5, 3.0), ["Mac"] = (1.0, 0.0, 2.0),
    };

    /// <summary>
    /// Each component shifted and broadened on its own (as Hatami's and QNet's simulations do), then a common
    /// 3 Hz Lorentzian, 4 Hz Gaussian and 0.6 rad phase; high SNR.
    /// </summary>
    private static MrsAcquisition IndependentlyMoved() => IndependentlyMoved(Components);

    private static MrsAcquisition IndependentlyMoved(Dictionary<string, (double Amplitude, double ShiftHz, double DampingHz)> components)
    {
        var grid = new SpectralAxis(2048, 4000, 123.2, 4.7);
        var resampled = BasisResampler.Resample(Fixtures.IsmrmBasis, grid);
        var fid = new Complex[grid.Points];
        foreach (var (name, (a, shift, damping)) in components)
        {
            var b = resampled.Find(name)!.Fid;
            for (int i = 0; i < fid.Length; i++)
            {
                double t = i / grid.SpectralWidthHz;
                fid[i] += a * b[i] * Math.Exp(-Math.PI * damping * t) * Complex.FromPolarCoordinates(1, 2 * Math.PI * shift * t);
            }
        }
        // Fixtures.Synthetic with no components is the noise alone; the common lineshape and phase go on every component.
        var noise = Fixtures.Synthetic(resampled, new Dictionary<string, double>(), 0, 3, 4, 0.6, 0.002, 5);
        double gauss = Math.PI * 4 * Math.PI * 4 / (4 * Math.Log(2));
        for (int i = 0; i < fid.Length; i++)
        {
            double t = i / grid.SpectralWidthHz;
            fid[i] = fid[i] * Math.Exp(-Math.PI * 3 * t - gauss * t * t) * Complex.FromPolarCoordinates(1, 0.6) + noise[i];
        }
        return Fixtures.Acquisition(fid);
    }

    private static double PoolTruth(string pool) => pool switch
    {
        "tNAA" => Components["NAA"].Amplitude + Components["NAAG"].Amplitude,
        "tCr" => Components["Cr"].Amplitude + Components["PCr"].Amplitude,
        "tCho" => Components["GPC"].Amplitude + Components["PCho"].Amplitude,
        "Glx" => Components["Glu"].Amplitude + Components["Gln"].Amplitude,
        _ => Components[pool].Amplitude,
    };

    private double[] PoolErrors(LineshapeFreedom freedom)
    {
        // The freedoms themselves: no refit with tNAA's own lineshape when the common one frees the baseline.
        var options = LcmOptions.Default with { Fit = FitOptions.Default with { Freedom = freedom, ShiftSdHz = 1.73, DampingSdHz = 2.3, OwnNaaLineshape = OwnNaaLineshape.Never } };
        var r = LcmQuantifier.Quantify(IndependentlyMoved(), null, Fixtures.IsmrmBasis, options);
        var pools = new[] { "tNAA", "tCr", "tCho", "Glx", "Ins" };
        var errors = pools.Select(p => 100 * Math.Abs(r.Find(p)!.Amplitude - PoolTruth(p)) / PoolTruth(p)).ToArray();
        output.WriteLine($"{freedom}: " + string.Join("  ", pools.Zip(errors, (p, e) => $"{p} {e:F1} %")) + $"  residual {r.Quality.RelativeResidual:F4}");
        return errors;
    }

    [Fact]
    public void Quantify_IndependentlyMovedComponents_PerMetaboliteFreedomRecoversPools()
    {
        var global = PoolErrors(LineshapeFreedom.Global);
        var perMetabolite = PoolErrors(LineshapeFreedom.PerMetabolite);
        // Measured: global worst 23 % (Ins), per metabolite worst 4.1 % (tCho: the priors, weighted at this very high SNR
        // by the noise floor of 1 % of the window's RMS, pull its 1.5 Hz and −1 Hz shifts part of the way to 0). The fit
        // started at the true lineshapes ends at the same point; 2.8–3.1 % was a fit that stopped short of it (cost 4.037
        // against 4.003) before its gradient was exact.
        Assert.All(perMetabolite, e => Assert.InRange(e, 0, 4.5));
        Assert.True(global.Max() > 5 * perMetabolite.Max(), $"global worst {global.Max():F1} % vs per-metabolite {perMetabolite.Max():F1} %");
    }

    [Fact]
    public void Quantify_IndependentlyMovedComponents_PerGroupFreedomHelpsWhereGroupsMoveTogether()
    {
        var global = PoolErrors(LineshapeFreedom.Global);
        var perGroup = PoolErrors(LineshapeFreedom.PerGroup);
        // Measured: Ins 23.1 → 7.7 %, tNAA 15.4 → 4.3 %; tCr gets worse (2.3 → 5.9 %): its Cr (−2 Hz) and PCr (+1 Hz)
        // move apart, which one shared shift cannot follow (per metabolite can: ≤ 3.1 % for every pool).
        Assert.True(perGroup[4] < global[4] / 2.5, $"Ins: group {perGroup[4]:F1} % vs global {global[4]:F1} %");
        Assert.True(perGroup.Sum() < global.Sum(), $"sum of pool errors: group {perGroup.Sum():F1} % vs global {global.Sum():F1} %");
    }

    /// <summary>Hatami's ranges: components move up to ±10 Hz on their own, several linewidths.</summary>
    private static readonly Dictionary<string, (double Amplitude, double ShiftHz, double DampingHz)> FarMoved = new()
    {
        ["NAA"] = (12, 8.0, 1.0), ["NAAG"] = (1.5, -6.0, 3.0), ["Cr"] = (5, -7.0, 4.0), ["PCr"] = (4, 5.0, 2.0),
        ["GPC"] = (1.2, 6.5, 3.0), ["PCho"] = (0.6, -4.0, 1.0), ["Ins"] = (7, -8.5, 5.0), ["Glu"] = (11, 3.5, 2.0),
        ["Gln"] = (3, -4.0, 4.0), ["GSH"] = (2, 2.0, 2.0), ["Tau"] = (1.5, -3.0, 3.0), ["Mac"] = (1.0, 0.0, 2.0),
    };

    [Fact]
    public void Quantify_SeededFarMovedComponents_StartShiftDoesNotCountTheSeedTwice()
    {
        // Started from the true lineshapes (as from a neural model's prediction: deviations plus the common Lorentzian
        // and Gaussian), the fit must stay there. The starting-shift search used to ignore the seed: it aligned the common
        // lineshape on NAA's own +8 Hz, the seed added +8 Hz again, and the fit ended far away (measured: tCr 84.6 %,
        // tCho 76.8 %, Ins 100 % off; now every pool within 1 %).
        double meanShift = FarMoved.Values.Average(c => c.ShiftHz), meanDamping = FarMoved.Values.Average(c => c.DampingHz);
        var seed = FarMoved.ToDictionary(kv => kv.Key, kv => (kv.Value.ShiftHz - meanShift, kv.Value.DampingHz - meanDamping));
        var fit = new LineshapeStart(seed, 3 + meanDamping, 4).ApplyTo(FitOptions.Default with { Freedom = LineshapeFreedom.PerMetabolite, ShiftSdHz = 5.77, DampingSdHz = 2.89 });
        var r = LcmQuantifier.Quantify(IndependentlyMoved(FarMoved), null, Fixtures.IsmrmBasis, LcmOptions.Default with { Fit = fit });
        double Truth(params string[] names) => names.Sum(n => FarMoved[n].Amplitude);
        var pools = new (string Pool, double Truth)[] { ("tNAA", Truth("NAA", "NAAG")), ("tCr", Truth("Cr", "PCr")), ("tCho", Truth("GPC", "PCho")), ("Glx", Truth("Glu", "Gln")), ("Ins", Truth("Ins")) };
        var errors = pools.Select(p => 100 * Math.Abs(r.Find(p.Pool)!.Amplitude - p.Truth) / p.Truth).ToArray();
        int naa = r.Fit.GroupNames.ToList().IndexOf("NAA");
        double naaShift = r.Parameters.ShiftHz + r.Fit.GroupShiftsHz[naa];
        output.WriteLine(string.Join("  ", pools.Zip(errors, (p, e) => $"{p.Pool} {e:F1} %")) + $"; NAA shift {naaShift:F2} Hz (true 8.0)");
        Assert.All(errors, e => Assert.InRange(e, 0, 5.0));
        Assert.Equal(8.0, naaShift, 0.5);
    }

    [Theory]
    [InlineData("NAAG", "tNAA")]
    [InlineData("PCr", "tCr")]
    [InlineData("PCh", "tCho")]
    [InlineData("Gln", "Glx")]
    [InlineData("sIns", "tIns")]
    [InlineData("MM20", "MM")]
    [InlineData("Lip13a", "MM")]
    [InlineData("GABA", "other")]
    public void GroupOf_BasisName_ItsPool(string name, string group) => Assert.Equal(group, LinearCombinationFitter.GroupOf(name));

    [Fact]
    public void Quantify_SiemensNarrowBand_PerMetabolitePriorsKeepRatios()
    {
        // 1200 Hz at 123 MHz reaches no signal-free band, so the priors' noise scale comes from the FID's tail;
        // with it wrong (too small) the priors vanish and tNAA/tCr ran off to 2.3 in an earlier version.
        var svs = MrsFormats.Default.Read(TestData.Path("mrs/siemens-svs30.rda"))[0];
        var global = LcmQuantifier.Quantify(svs, null, Fixtures.IsmrmBasis);
        var perMetabolite = LcmQuantifier.Quantify(svs, null, Fixtures.IsmrmBasis,
            LcmOptions.Default with { Fit = FitOptions.Default with { Freedom = LineshapeFreedom.PerMetabolite } });
        foreach (var pool in new[] { "tNAA", "tCho" })
        {
            double g = global.Find(pool)!.RatioToTCr!.Value, p = perMetabolite.Find(pool)!.RatioToTCr!.Value;
            output.WriteLine($"{pool}/tCr global {g:F3} per-metabolite {p:F3}");
            Assert.Equal(g, p, 0.05 * g);
        }
    }
}
