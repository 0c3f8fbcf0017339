using System.Numerics;
using MRSNode.Spectroscopy.Processing;
using MRSNode.Spectroscopy.Readers;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Spectroscopy.Tests.Processing;

[UnitTest]
public class PreprocessingTests
{
    private static double Wrap(double degrees) => degrees - 360 * Math.Round(degrees / 360);

    [Fact]
    public void SpectralRegistration_KnownShiftsAndPhases_RecoveredWithin0p2HzAnd2Degrees()
    {
        var random = new Random(7);
        const int averages = 16;
        var shifts = Enumerable.Range(0, averages).Select(_ => (random.NextDouble() - 0.5) * 16).ToArray();
        var phases = Enumerable.Range(0, averages).Select(_ => (random.NextDouble() - 0.5) * 60).ToArray();
        var data = new Complex[averages * Synthetic.Points];
        for (int a = 0; a < averages; a++)
        {
            Synthetic.Fid(Synthetic.Brain, shifts[a], phases[a] * Math.PI / 180, noise: 0.01, random: random).CopyTo(data, a * Synthetic.Points);
        }

        var (result, report) = new SpectralRegistration().Apply(Synthetic.Acquisition(data, averages: averages));

        var found = report.Series["FrequencyHz"];
        var foundPhase = report.Series["PhaseDeg"];
        double offset = found.Average() - shifts.Average();
        double phaseOffset = foundPhase.Average() - phases.Average();
        Console.WriteLine($"registration synthetic: max error {Enumerable.Range(0, averages).Max(a => Math.Abs(found[a] - offset - shifts[a])):F3} Hz, {Enumerable.Range(0, averages).Max(a => Math.Abs(Wrap(foundPhase[a] - phaseOffset - phases[a]))):F2}°");
        for (int a = 0; a < averages; a++)
        {
            Assert.InRange(Math.Abs(found[a] - offset - shifts[a]), 0, 0.2);
            Assert.InRange(Math.Abs(Wrap(foundPhase[a] - phaseOffset - phases[a])), 0, 2);
        }
        Assert.Equal(averages, result.Averages);
        Assert.InRange(report["FrequencySdHz"], FidMath.Sd(shifts) - 0.2, FidMath.Sd(shifts) + 0.2);
    }

    [Fact]
    public void SpectralRegistration_PpmWindowWithDriftingWater_ShiftsRecoveredWithin0p2Hz()
    {
        // A water line with its own random phase per transient would pull a whole-FID fit; the 1.5–4.1 ppm window ignores it.
        var random = new Random(5);
        const int averages = 12;
        var shifts = Enumerable.Range(0, averages).Select(_ => (random.NextDouble() - 0.5) * 10).ToArray();
        var data = new Complex[averages * Synthetic.Points];
        for (int a = 0; a < averages; a++)
        {
            var fid = Synthetic.Fid(Synthetic.Brain, shifts[a], 0, noise: 0.01, random: random);
            var water = Synthetic.Fid([(4.7, 3, 6)], 0, random.NextDouble() * 2 * Math.PI);
            for (int t = 0; t < fid.Length; t++)
            {
                fid[t] += water[t];
            }
            fid.CopyTo(data, a * Synthetic.Points);
        }

        var (_, report) = new SpectralRegistration(ppmWindow: (1.5, 4.1)).Apply(Synthetic.Acquisition(data, averages: averages));
        var (_, whole) = new SpectralRegistration().Apply(Synthetic.Acquisition(data, averages: averages));

        double MaxError(StepReport r)
        {
            var found = r.Series["FrequencyHz"];
            double offset = found.Average() - shifts.Average();
            return Enumerable.Range(0, averages).Max(a => Math.Abs(found[a] - offset - shifts[a]));
        }
        Console.WriteLine($"registration with drifting water: ppm window max error {MaxError(report):F3} Hz, whole FID {MaxError(whole):F3} Hz");
        Assert.InRange(MaxError(report), 0, 0.2);
        Assert.True(MaxError(whole) > 2 * MaxError(report));
    }

    [Fact]
    public void SpectralRegistration_CorruptedTransient_ExcludedAsOutlier()
    {
        var random = new Random(3);
        const int averages = 12;
        var data = new Complex[averages * Synthetic.Points];
        for (int a = 0; a < averages; a++)
        {
            var peaks = a == 5 ? [.. Synthetic.Brain, (1.3, 3.0, 20.0)] : Synthetic.Brain;
            Synthetic.Fid(peaks, random.NextDouble() * 4 - 2, 0, noise: 0.02, random: random).CopyTo(data, a * Synthetic.Points);
        }

        var (result, report) = new SpectralRegistration(dropOutliers: true).Apply(Synthetic.Acquisition(data, averages: averages));

        Assert.Equal(1, report["Excluded"]);
        Assert.Equal(averages - 1, result.Averages);
        Assert.Contains("1 outlier(s) excluded", report.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Outliers_ThreeOfEightFarAbove_OnlyTheWorstQuarterDropped()
    {
        double[] residuals = [1.00, 1.02, 0.98, 5.0, 1.01, 9.0, 0.99, 7.0];

        Assert.Equal([5, 7], SpectralRegistration.Outliers(residuals, 3).Order());
    }

    [Fact]
    public void Outliers_OneFarAboveAmongSixteen_FoundWhereMeanPlus3SdWouldBeToo_AndThreeFoundWhereItIsNot()
    {
        // Three equal outliers inflate the SD so that mean + 3 SD misses them; median + 3 robust SD does not.
        double[] residuals = [.. Enumerable.Range(0, 13).Select(i => 1 + 0.01 * (i % 5)), 4, 4, 4];
        double mean = residuals.Average(), sd = FidMath.Sd(residuals);

        Assert.DoesNotContain(residuals, r => r > mean + 3 * sd);
        Assert.Equal([13, 14, 15], SpectralRegistration.Outliers(residuals, 3).Order());
    }

    [Fact]
    public void Outliers_FarAboveInRobustSdButBelow1p5TimesTheMedian_Kept()
    {
        // A tight spread makes 1.3 × the median 30 robust SDs out: still a deviation of noise size, kept.
        double[] residuals = [.. Enumerable.Range(0, 15).Select(i => 1 + 0.01 * (i % 3)), 1.3];

        Assert.Empty(SpectralRegistration.Outliers(residuals, 3));
    }

    [Fact]
    public void CoilCombination_FourCoilsWithPhasesAndGains_PhaseZeroAndSnrAboveBestCoil()
    {
        var random = new Random(11);
        double[] gains = [1.0, 0.6, 0.3, 0.1];
        double[] coilPhases = [0.3, -1.2, 2.5, 0.9];
        var data = new Complex[4 * Synthetic.Points];
        var axis = new SpectralAxis(Synthetic.Points, Synthetic.Sw, Synthetic.Mhz, Synthetic.Reference);
        double best = 0;
        for (int c = 0; c < 4; c++)
        {
            var fid = Synthetic.Fid(Synthetic.Brain, 0, coilPhases[c], noise: 0.05, random: random).Select(v => v * gains[c]).ToArray();
            for (int t = 0; t < fid.Length; t++)
            {
                fid[t] += new Complex(0.05 * Synthetic.Gauss(random), 0.05 * Synthetic.Gauss(random)) * (1 - gains[c]);
            }
            best = Math.Max(best, FidMath.NaaSnr(fid, axis));
            fid.CopyTo(data, c * Synthetic.Points);
        }

        var (result, report) = new CoilCombination().Apply(Synthetic.Acquisition(data, coils: 4));

        Assert.Equal(1, result.Coils);
        Assert.InRange(Math.Abs(result.Fid()[0].Phase * 180 / Math.PI), 0, 2);
        Assert.True(FidMath.NaaSnr(result.Fid(), axis) > 1.05 * best, $"combined SNR {FidMath.NaaSnr(result.Fid(), axis)} vs best coil {best}");
        Assert.Equal(4, report["Coils"]);
    }

    [Fact]
    public void EddyCurrentCorrection_SharedPhaseError_RemovedFromMetabolites()
    {
        double Error(int n) => 0.8 * Math.Exp(-n / Synthetic.Sw / 0.03);
        var clean = Synthetic.Fid(Synthetic.Brain);
        var water = Synthetic.Fid([(4.7, 100, 3)]);
        var distorted = clean.Select((v, n) => v * Complex.FromPolarCoordinates(1, Error(n))).ToArray();
        var distortedWater = water.Select((v, n) => v * Complex.FromPolarCoordinates(1, Error(n))).ToArray();

        var (result, report) = new EddyCurrentCorrection(Synthetic.Acquisition(distortedWater, role: AcquisitionRole.WaterReference))
            .Apply(Synthetic.Acquisition(distorted));

        var fid = result.Fid();
        double maxError = 0;
        for (int n = 0; n < 400; n++)
        {
            maxError = Math.Max(maxError, (fid[n] - clean[n]).Magnitude / clean[0].Magnitude);
        }
        Assert.InRange(maxError, 0, 1e-6);
        Assert.InRange(report["MaxWaterPhaseDeg"], 45, 46);
        Assert.InRange(report["MaxNonLinearPhaseDeg"], 10, 46);
    }

    [Fact]
    public void FrequencyReferencing_NaaOffBy0p1Ppm_MovedTo2p01()
    {
        var fid = Synthetic.Fid(Synthetic.Brain, shiftHz: -0.1 * Synthetic.Mhz);
        var input = Synthetic.Acquisition(fid);

        var (result, report) = new FrequencyReferencing().Apply(input);

        Assert.Equal(2.01, FidMath.PeakPpm(result.Fid(), result.Axis, 1.8, 2.25), 3);
        Assert.Equal(0.1, report["ShiftPpm"], 2);
        Assert.Equal(0.1 * Synthetic.Mhz, report["ShiftHz"], 0);
    }

    [Fact]
    public void FrequencyReferencing_WaterReference_MovedTo4p7()
    {
        var fid = Synthetic.Fid([(4.75, 10, 4)]);

        var (result, report) = new FrequencyReferencing().Apply(Synthetic.Acquisition(fid, role: AcquisitionRole.WaterReference));

        Assert.Equal(4.7, FidMath.PeakPpm(result.Fid(), result.Axis, 4.2, 5.2), 3);
        Assert.Equal(0.05, report["ShiftPpm"], 2);
    }

    [Fact]
    public void Phasing_ZeroOrder40DegreesSinglePeak_RecoveredWithin0p5Degree()
    {
        var fid = Synthetic.Fid([(2.01, 1.0, 4)], phase: 40 * Math.PI / 180);

        var (result, report) = new Phasing().Apply(Synthetic.Acquisition(fid));

        Assert.InRange(report["ZeroOrderDeg"], -40.5, -39.5);
        Assert.InRange(Math.Abs(result.Fid()[0].Phase * 180 / Math.PI), 0, 0.5);
    }

    [Fact]
    public void Phasing_ZeroOrder40DegreesBrain_RecoveredWithin5DegreesDespiteNeighbourTails()
    {
        // The dispersion tails of Cr, Cho and mI (all downfield) add a few degrees of bias to any
        // "maximise the real part of the region" estimate with 4 Hz lines.
        var fid = Synthetic.Fid(Synthetic.Brain, phase: 40 * Math.PI / 180);

        var (_, report) = new Phasing().Apply(Synthetic.Acquisition(fid));

        Assert.InRange(report["ZeroOrderDeg"], -45, -35);
    }

    [Fact]
    public void Phasing_FirstOrder_AppliesGivenDegreesPerPpm()
    {
        var fid = Synthetic.Fid(Synthetic.Brain);
        var input = Synthetic.Acquisition(fid);

        var (result, report) = new Phasing(ReferencePeak.Naa, firstOrderDegreesPerPpm: 30).Apply(input);

        var before = SpectralAxis.Spectrum(fid);
        var after = SpectralAxis.Spectrum(result.Fid());
        var axis = result.Axis;
        int naa = (int)Math.Round(axis.IndexOf(2.01)), cr = (int)Math.Round(axis.IndexOf(3.03));
        double Applied(int k) => (after[k] / before[k]).Phase * 180 / Math.PI;
        Assert.Equal(30 * (axis.Ppm(cr) - axis.Ppm(naa)), Wrap(Applied(cr) - Applied(naa)), 6);
        Assert.Equal(report["ZeroOrderDeg"] + 30 * (axis.Ppm(naa) - 2.01), Applied(naa), 6);
    }

    [Fact]
    public void ResidualWaterRemoval_BigWaterLine_ReducedOver100TimesNaaWithin2Percent()
    {
        (double, double, double)[] peaks = [.. Synthetic.Brain, (4.68, 2000, 6), (4.75, 300, 10)];
        var fid = Synthetic.Fid(peaks, noise: 0.002);
        var input = Synthetic.Acquisition(fid);
        var axis = input.Axis;
        double waterBefore = axis.MaxMagnitude(fid, 4.5, 4.9);
        double naaBefore = axis.MaxMagnitude(Synthetic.Fid(Synthetic.Brain), 1.95, 2.07);

        var (result, report) = new ResidualWaterRemoval().Apply(input);

        double waterAfter = axis.MaxMagnitude(result.Fid(), 4.5, 4.9);
        double naaAfter = axis.MaxMagnitude(result.Fid(), 1.95, 2.07);
        Console.WriteLine($"HLSVD synthetic: water suppressed {waterBefore / waterAfter:F0}×, NAA ratio {naaAfter / naaBefore:F4}");
        Assert.True(waterBefore / waterAfter > 100, $"suppression {waterBefore / waterAfter:F0}×");
        Assert.InRange(naaAfter / naaBefore, 0.98, 1.02);
        Assert.True(report["RemovedComponents"] >= 2);
    }

    [Fact]
    public void ZeroFillApodize_4HzExponential_WindowAndLengthAsGiven()
    {
        var fid = Enumerable.Repeat(Complex.One, Synthetic.Points).ToArray();

        var (result, report) = new ZeroFillApodize(4096, lorentzianHz: 4).Apply(Synthetic.Acquisition(fid));

        Assert.Equal(4096, result.Points);
        Assert.Equal(Math.Exp(-Math.PI * 4 * 100 / Synthetic.Sw), result.Fid()[100].Real, 12);
        Assert.Equal(Complex.Zero, result.Fid()[3000]);
        Assert.Equal(4096, report["Points"]);
    }

    [Fact]
    public void ZeroFillApodize_GaussianFwhm_HalvesAtHalfWidthInFrequency()
    {
        // e^{−(π·g·t)²/(4 ln 2)} is the FID of a Gaussian with FWHM g Hz: at t = 2·ln2/(π·g) it equals 1/2... of e^{−ln2}.
        var w = ZeroFillApodize.Window(2048, 1 / Synthetic.Sw, 0, 8);
        int n = (int)Math.Round(2 * Math.Log(2) / (Math.PI * 8) * Synthetic.Sw);
        Assert.Equal(0.5, w[n], 2);
    }

    [Fact]
    public void Pipeline_XaSingleAverages_RegisteredSnrAtLeastPlainAverage()
    {
        var folder = TestData.Path("dicom/xa60-7t-single-averages");
        var acquisition = Assert.Single(MrsFormats.Default.ReadAll(Directory.GetFiles(folder, "*.dcm")));
        Assert.Equal(64, acquisition.Averages);
        var plain = acquisition.AverageTransients();

        var run = new PreprocessingPipeline([new SpectralRegistration(), new Averaging()]).Run(acquisition);

        double plainSnr = FidMath.NaaSnr(plain.Fid(), plain.Axis);
        double registeredSnr = FidMath.NaaSnr(run.Result.Fid(), run.Result.Axis);
        var registration = run.Reports[0];
        Console.WriteLine($"XA: {registration}; SNR plain {plainSnr:F3}, registered {registeredSnr:F3}");
        Assert.True(registeredSnr >= 0.98 * plainSnr, $"registered {registeredSnr:F1} vs plain {plainSnr:F1}");
        Assert.InRange(registration["FrequencySdHz"], 0.001, 20);
        Assert.Equal(1, run.Result.Averages);
        Assert.Equal(2, run.Reports.Count);
    }

    [Fact]
    public void Pipeline_MetabRaw4Coils16Dynamics_SingleFidWithNaaAt2p01()
    {
        var acquisition = Assert.Single(MrsFormats.Default.Read(TestData.Path("mrs/nifti/metab_raw.nii.gz")));
        var water = Assert.Single(MrsFormats.Default.Read(TestData.Path("mrs/nifti/wref_raw.nii.gz")));

        var run = new PreprocessingPipeline([new CoilCombination(water), new SpectralRegistration(), new Averaging()]).Run(acquisition);

        var result = run.Result;
        Assert.Equal((1, 1, 1), (result.Coils, result.Averages, result.Voxels));
        double naa = FidMath.PeakPpm(result.Fid(), result.Axis, 1.8, 2.2);
        Console.WriteLine($"metab_raw: {string.Join("; ", run.Reports)}; NAA at {naa:F3} ppm");
        Assert.InRange(naa, 1.96, 2.06);
    }

    [SlowTest]
    [Fact]
    public void Pipeline_MetabRawFullChain_NaaAt2p01AndWaterReduced()
    {
        var acquisition = Assert.Single(MrsFormats.Default.Read(TestData.Path("mrs/nifti/metab_raw.nii.gz")));
        var water = Assert.Single(MrsFormats.Default.Read(TestData.Path("mrs/nifti/wref_raw.nii.gz")));
        var combinedWater = new CoilCombination().Apply(water).Result;

        var run = new PreprocessingPipeline(
        [
            new CoilCombination(water),
            new EddyCurrentCorrection(combinedWater),
            new SpectralRegistration(dropOutliers: true),
            new Averaging(),
            new FrequencyReferencing(ReferencePeak.Naa),
            new Phasing(ReferencePeak.Naa),
            new ResidualWaterRemoval(),
        ]).Run(acquisition);

        var result = run.Result;
        var axis = result.Axis;
        var beforeWater = new PreprocessingPipeline([new CoilCombination(water), new SpectralRegistration(), new Averaging()]).Run(acquisition).Result;
        double waterBefore = axis.MaxMagnitude(beforeWater.Fid(), 4.55, 4.8);
        double waterAfter = axis.MaxMagnitude(result.Fid(), 4.55, 4.8);
        Console.WriteLine($"metab_raw full chain: {string.Join("; ", run.Reports)}; water {waterBefore / waterAfter:F0}× lower (peak {FidMath.PeakPpm(beforeWater.Fid(), axis, 4.4, 5.0):F3} → {FidMath.PeakPpm(result.Fid(), axis, 4.4, 5.0):F3} ppm, water/NAA before {waterBefore / axis.MaxMagnitude(beforeWater.Fid(), 1.9, 2.1):F2} after {waterAfter / axis.MaxMagnitude(result.Fid(), 1.9, 2.1):F2}); SNR {FidMath.NaaSnr(result.Fid(), axis):F1}");
        Assert.Equal(7, run.Reports.Count);
        Assert.Equal(2.01, FidMath.PeakPpm(result.Fid(), axis, 1.8, 2.2), 2);
        // Measured 4.55–4.8 ppm (7× lower, water/NAA 1.18 → 0.16): after removal the largest value in 4.4–5.0 ppm
        // lies at 4.42 ppm, so what remains at 4.55–4.8 is the tail of broad neighbouring signal, not water.
        Assert.True(waterBefore / waterAfter > 5, $"water reduced only {waterBefore / waterAfter:F1}×");
        Assert.InRange(waterAfter / axis.MaxMagnitude(result.Fid(), 1.9, 2.1), 0, 0.2);
        Assert.InRange(FidMath.PeakPpm(result.Fid(), axis, 4.4, 5.0), 4.4, 4.55);
    }
}
