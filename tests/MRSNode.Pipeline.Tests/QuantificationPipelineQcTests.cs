using System.Numerics;
using MRSNode.Pipeline.Composition;
using MRSNode.Quantification;
using MRSNode.Spectroscopy;
using MRSNode.Spectroscopy.Readers;
using MRSNode.Spectroscopy.Simulation;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Pipeline.Tests;

/// <summary>
/// The pipeline's QC chain (preprocessing → LCM → preprocessing QC → verdict, as <see cref="QuantificationPipeline.Run"/>
/// runs it) on simulated spectra with one artefact each: scalp lipid, unsuppressed water, drift and motion. Each gets
/// its reason in words; a clean spectrum none of them.
/// </summary>
[SlowTest]
public class QuantificationPipelineQcTests
{
    private const int Transients = 32;

    private static readonly BasisSet Basis = LcModelBasisReader.Read(ShippedConfig.Path("basis-sets/press3T_30ms.BASIS"));

    private static readonly string[] ArtefactWords = ["lipid signal", "water suppression", "the patient moved", "frequency drifted"];

    private static IReadOnlyList<string> Reasons(MrsAcquisition acquisition)
    {
        var (metabolite, _, steps) = StandardPreprocessing.Run(acquisition, null);
        var output = new LcmMethod().Quantify(metabolite, null, Basis, WaterScalingSettings.LcModelDefaults, CancellationToken.None);
        var qc = PreprocessingQuality.AddTo(output.Quality!, steps);
        return PipelineComposer.Checker(ShippedConfig.ConfigDirectory).Check(output.Estimates, null, qc).Reasons;
    }

    private static MrsAcquisition One(SimulationParameters parameters) => new SpectrumSimulator(Basis, parameters).SimulateOne(0, 2016).Acquisition;

    /// <summary>32 transients at SNR 10 each, drifting linearly by <paramref name="driftHz"/>, <paramref name="moved"/> of them moved (35 Hz off, 40 % of the signal).</summary>
    private static MrsAcquisition Averages(double driftHz, int moved)
    {
        var simulator = new SpectrumSimulator(Basis, QcSimulation.Clean with { Snr = ValueRange.Fixed(10) });
        Complex[]? data = null;
        MrsAcquisition? first = null;
        for (int a = 0; a < Transients; a++)
        {
            var one = simulator.SimulateOne(a, 3000 + a).Acquisition;
            first ??= one;
            data ??= new Complex[Transients * one.Points];
            var fid = one.Fid().ToArray();
            bool motion = a % 8 == 5 && a / 8 < moved;
            double shiftHz = driftHz * a / (Transients - 1) + (motion ? 35 : 0), gain = motion ? 0.4 : 1;
            for (int t = 0; t < fid.Length; t++)
            {
                fid[t] *= Complex.FromPolarCoordinates(gain, 2 * Math.PI * shiftHz * t * one.DwellTimeSeconds);
            }
            fid.CopyTo(data, a * one.Points);
        }
        return first!.With(data!, first.Points, Transients, 1, 1);
    }

    [Fact]
    public void Reasons_CleanSpectrumAndCleanAverages_NoArtefactReason()
    {
        var reasons = Reasons(One(QcSimulation.Clean)).Concat(Reasons(Averages(driftHz: 1, moved: 0))).ToList();

        Assert.DoesNotContain(reasons, r => ArtefactWords.Any(w => r.Contains(w, StringComparison.Ordinal)));
    }

    [Fact]
    public void Reasons_ScalpLipid_StrongLipidSignalWithRatioAndLimit()
    {
        var lipid = QcSimulation.Clean with { LipidLines = [new LipidLine(1.3, 3, 20, 15), new LipidLine(0.9, 1, 20, 15)] };

        var reasons = Reasons(One(lipid));

        Assert.Contains(reasons, r => r.StartsWith("strong lipid signal, from scalp fat outside the voxel or from necrosis: lipid/tCr ", StringComparison.Ordinal) && r.EndsWith(", limit 1.0", StringComparison.Ordinal));
    }

    [Fact]
    public void Reasons_UnsuppressedWater_PoorWaterSuppression()
    {
        var water = QcSimulation.Clean with { ResidualWater = true, WaterAmplitude = ValueRange.Fixed(2000), WaterDampingHz = ValueRange.Fixed(6) };

        var reasons = Reasons(One(water));

        Assert.Contains(reasons, r => r.StartsWith("poor water suppression: residual water ", StringComparison.Ordinal));
    }

    [Fact]
    public void Reasons_DriftAndMotion_DriftAndRejectedAveragesNamed()
    {
        var reasons = Reasons(Averages(driftHz: 15, moved: 4));

        Assert.Contains(reasons, r => r.StartsWith("the patient moved or the scanner was unstable during the acquisition: 4 of 32 averages rejected", StringComparison.Ordinal));
        Assert.Contains(reasons, r => r.StartsWith("the frequency drifted during the acquisition", StringComparison.Ordinal));
    }
}
