using System.Numerics;
using MRSNode.Spectroscopy;
using MRSNode.Spectroscopy.Processing;
using MRSNode.Spectroscopy.Readers;
using MRSNode.Spectroscopy.Simulation;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Pipeline.Tests;

[SlowTest]
public class StandardPreprocessingTests
{
    private const int Transients = 16;
    private const double LacTruthMm = 0.3;

    /// <summary>0-based: motion (a 35 Hz jump, beyond the registration's ±20 Hz search, with 40 % of the signal), a spike (one FID point 200 noise SDs), scalp lipid at 1.3 ppm.</summary>
    private static readonly int[] Corrupted = [3, 8, 12];

    private static readonly BasisSet Basis = LcModelBasisReader.Read(ShippedConfig.Path("basis-sets/press3T_30ms.BASIS"));

    /// <summary>16 transients of one brain spectrum (fixed amplitudes, Lac 0.3 mM), each with its own noise and a small drift (±2 Hz, ±10°).</summary>
    private static (MrsAcquisition Acquisition, double LacToTCr, double NaaToTCr) Transients16(bool corrupt)
    {
        var amplitudes = SimulationParameters.DefaultAmplitudes.ToDictionary(
            kv => kv.Key, kv => ValueRange.Fixed(string.Equals(kv.Key, "Lac", StringComparison.OrdinalIgnoreCase) ? LacTruthMm : (kv.Value.Min + kv.Value.Max) / 2), StringComparer.OrdinalIgnoreCase);
        var simulator = new SpectrumSimulator(Basis, new SimulationParameters
        {
            Amplitudes = amplitudes,
            FrequencyShiftHz = ValueRange.Fixed(0),
            DampingHz = ValueRange.Fixed(4),
            GaussianHz = ValueRange.Fixed(3),
            ZeroOrderPhase = ValueRange.Fixed(0),
            FirstOrderPhaseDegPerPpm = ValueRange.Fixed(0),
            Snr = ValueRange.Fixed(10), // per transient: about 40 averaged
            MmScale = ValueRange.Fixed(1),
            MmExtraDampingHz = ValueRange.Fixed(0),
            ResidualWater = false,
            Baseline = false,
        });
        var random = new Random(42);
        SimulatedSpectrum? first = null;
        Complex[]? data = null;
        for (int a = 0; a < Transients; a++)
        {
            var one = simulator.SimulateOne(a, 1000 + a);
            first ??= one;
            int points = one.Acquisition.Points;
            data ??= new Complex[Transients * points];
            var fid = one.Acquisition.Fid().ToArray();
            double total = fid[0].Magnitude; // every metabolite's signal at t = 0
            double shiftHz = (random.NextDouble() - 0.5) * 4, phase = (random.NextDouble() - 0.5) * 20 * Math.PI / 180, gain = 1;
            double dwell = one.Acquisition.DwellTimeSeconds;
            double mhz = one.Acquisition.TransmitterFrequencyMHz;
            if (corrupt && a == Corrupted[0])
            {
                shiftHz += 35;
                gain = 0.4;
            }
            else if (corrupt && a == Corrupted[1])
            {
                fid[300] += 200 * one.Truth.NoiseSd;
            }
            for (int t = 0; t < points; t++)
            {
                fid[t] *= Complex.FromPolarCoordinates(gain, 2 * Math.PI * shiftHz * t * dwell + phase);
                if (corrupt && a == Corrupted[2])
                {
                    double time = t * dwell;
                    fid[t] += Complex.FromPolarCoordinates(total * Math.Exp(-Math.PI * 20 * time), 2 * Math.PI * (one.Acquisition.ReferencePpm - 1.3) * mhz * time);
                }
            }
            fid.CopyTo(data, a * points);
        }
        var acquisition = first!.Acquisition.With(data!, first.Acquisition.Points, Transients, 1, 1);
        double tcr = first.Truth.Amplitudes["Cr"] + first.Truth.Amplitudes["PCr"];
        var truth = first.Truth.Amplitudes;
        return (acquisition, LacTruthMm / tcr, (truth["NAA"] + truth.GetValueOrDefault("NAAG")) / tcr);
    }

    private static (double LacToTCr, double NaaToTCr, StepReport Registration) Fit(MrsAcquisition acquisition)
    {
        var (metabolite, _, reports) = StandardPreprocessing.Run(acquisition, null);
        return (Lcm(metabolite, "Lac"), Lcm(metabolite, "tNAA"), reports.Single(r => r.Step == "Spectral registration"));
    }

    private static double Lcm(MrsAcquisition metabolite, string name)
    {
        var output = new LcmMethod().Quantify(metabolite, null, Basis, WaterScalingSettings.LcModelDefaults, CancellationToken.None);
        return output.Estimates.Single(e => e.Name == name).RatioToTCr ?? double.NaN;
    }

    /// <summary>The chain as it was before rejection was on: every transient aligned and averaged.</summary>
    private static double LacWithoutRejection(MrsAcquisition acquisition) =>
        Lcm(new PreprocessingPipeline([new SpectralRegistration(), new Averaging(), new ResidualWaterRemoval()]).Run(acquisition).Result, "Lac");

    [Fact]
    public void Run_ThreeOfSixteenTransientsCorrupted_ExactlyThoseExcludedAndLactateNearTruth()
    {
        var (acquisition, lacTruth, naaTruth) = Transients16(corrupt: true);
        var (clean, _, _) = Transients16(corrupt: false);

        var (lac, naa, registration) = Fit(acquisition);
        var (lacClean, naaClean, cleanRegistration) = Fit(clean);
        double lacAll = LacWithoutRejection(acquisition);

        Console.WriteLine($"3/16 corrupted: Lac/tCr {lac:F3} (every transient kept {lacAll:F3}, clean {lacClean:F3}, truth {lacTruth:F3}), tNAA/tCr {naa:F3} (clean {naaClean:F3}, truth {naaTruth:F3}); {registration.Summary}");
        Assert.Equal(3, registration["Excluded"]);
        Assert.Equal([.. Corrupted], registration.Series["Residual"].Select((r, i) => (r, i)).OrderByDescending(x => x.r).Take(3).Select(x => x.i).Order());
        Assert.Contains("transient 4, 9, 13:", registration.Summary, StringComparison.Ordinal);
        Assert.Equal(0, cleanRegistration["Excluded"]);
        Assert.InRange(lac, lacTruth - 0.03, lacTruth + 0.03);
        Assert.InRange(naa, naaTruth - 0.06, naaTruth + 0.06); // 13 transients: √(16/13) the noise of 16
        Assert.InRange(naaClean, naaTruth - 0.06, naaTruth + 0.06);
        Assert.True(Math.Abs(lacAll - lacTruth) > 3 * Math.Abs(lac - lacTruth), $"without rejection Lac/tCr {lacAll:F3}: the corruption does not test anything");
    }

    [Fact]
    public void Notes_TransientsExcluded_OneSentenceWithCountAndWhy()
    {
        var report = new StepReport("Spectral registration", "aligned 16 averages: …, 3 outlier(s) excluded (transient 4, 9, 13: residual more than 3 robust SD above the median)",
            new Dictionary<string, double> { ["Averages"] = 16, ["Excluded"] = 3 });

        var note = Assert.Single(StandardPreprocessing.Notes([report, new StepReport("Averaging", "16 averages", new Dictionary<string, double>())]));

        Assert.StartsWith("3 of 16 transients excluded as corrupted by spectral registration: aligned 16 averages", note, StringComparison.Ordinal);
    }
}
