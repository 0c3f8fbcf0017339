using System.Numerics;
using MRSNode.Quantification.Metabolites;
using MRSNode.Quantification.Neural.Input;
using MRSNode.Quantification.Neural.Models;
using MRSNode.Quantification.Neural.Physics;
using MRSNode.Quantification.Neural.Serialization;
using MRSNode.Spectroscopy;
using MRSNode.Spectroscopy.Processing;

namespace MRSNode.Quantification.Neural;

/// <summary>What <see cref="NeuralQuantifier.Quantify"/> returns: estimates (CRLBs do not exist for a network), pools, a quality summary and the model's details.</summary>
public sealed record NeuralResult(
    IReadOnlyList<LcmEstimate> Metabolites,
    IReadOnlyList<LcmEstimate> Pools,
    double Snr,
    double NoiseSd,
    double NaaFwhmHz,
    IReadOnlyDictionary<string, double> Details)
{
    /// <summary>
    /// QNet: each basis entry's predicted frequency shift and Lorentzian damping (Hz, the simulator's conventions:
    /// e^{(2πiδ − πd)t}); null for a direct-regression model. Starting values for a per-metabolite LCM fit.
    /// </summary>
    public IReadOnlyDictionary<string, (double ShiftHz, double DampingHz)>? Lineshapes { get; init; }

    /// <summary>QNet: the predicted Gaussian width (FWHM Hz) common to every component; null for a direct-regression model.</summary>
    public double? GaussianHz { get; init; }

    /// <summary>
    /// <see cref="Lineshapes"/> as deviations from their means, the form <see cref="FitOptions.InitialDeviations"/>
    /// takes (the fit's global shift and damping carry the means); null without lineshapes.
    /// </summary>
    public IReadOnlyDictionary<string, (double ShiftHz, double DampingHz)>? LineshapeDeviations()
    {
        if (Lineshapes is not { Count: > 0 } l)
        {
            return null;
        }
        double shift = l.Values.Average(v => v.ShiftHz), damping = l.Values.Average(v => v.DampingHz);
        return l.ToDictionary(kv => kv.Key, kv => (kv.Value.ShiftHz - shift, kv.Value.DampingHz - damping), StringComparer.Ordinal);
    }

    /// <summary>Where a per-metabolite LCM fit starts: <see cref="LineshapeDeviations"/>, the mean damping and the Gaussian; null without lineshapes.</summary>
    public LineshapeStart? LineshapeStart() => LineshapeDeviations() is { } deviations
        ? new LineshapeStart(deviations, Lineshapes!.Values.Average(v => v.DampingHz), GaussianHz ?? 0)
        : null;
}

/// <summary>
/// Quantifies one acquisition with a loaded model, the way <see cref="LcmQuantifier"/> does with the fit: combine,
/// read onto the model grid, predict, then the same pools, ratios to tCr and water-scaled mM. Quality (the pipeline
/// needs one when no LCM runs): SNR = NAA height of the spectrum phased by the model's phases (QNet) or by the phase
/// of the NAA peak (CNN) over the noise SD of <see cref="FidMath.SpectralNoiseSd"/>; FWHM of the NAA peak in the spectrum so phased.
/// </summary>
public sealed class NeuralQuantifier(NeuralModel model, ModelCard card)
{
    // Layers keep per-pass state (inputs, im2col buffers), so one model runs one spectrum at a time.
    private readonly Lock _gate = new();

    public NeuralModel Model { get; } = model;

    public ModelCard Card { get; } = card;

    /// <summary>
    /// The lineshape this model predicts for an acquisition, in the form a per-metabolite LCM fit starts from
    /// (<see cref="Quantification.LineshapeStart"/>); null for a direct-regression model.
    /// </summary>
    public LineshapeStart? LineshapeSeed(MrsAcquisition metabolite) =>
        Quantify(metabolite, null, WaterScalingParameters.Ismrm2016).LineshapeStart();

    /// <summary><paramref name="fit"/> started from this model's lineshape for the acquisition (unchanged when it predicts none).</summary>
    public FitOptions SeededFit(MrsAcquisition metabolite, FitOptions fit) => LineshapeSeed(metabolite)?.ApplyTo(fit) ?? fit;

    public NeuralResult Quantify(MrsAcquisition metabolite, MrsAcquisition? water, WaterScalingParameters scaling)
    {
        ArgumentNullException.ThrowIfNull(metabolite);
        ArgumentNullException.ThrowIfNull(scaling);
        var fid = LcmQuantifier.Combine(metabolite);
        var axis = metabolite.Axis;
        var input = SpectrumInput.FromFid(fid, axis, Model.Basis.Grid);
        NeuralPrediction prediction;
        lock (_gate)
        {
            prediction = Model.Predict([input])[0];
        }
        var names = prediction.Names;
        double tcr = MetaboliteCatalog.Standard.TotalCreatine.MemberIndices(names)?.Sum(i => prediction.Amplitudes[i]) ?? 0;
        double? waterArea = water is null ? null : WaterScaling.WaterArea(LcmQuantifier.Combine(water), water.DwellTimeSeconds);
        double? protonArea = WaterScaling.BasisProtonArea(names.Select((n, i) => new FitComponent(n, Model.Basis.Fids[i])));
        LcmEstimate Estimate(string name, double a) => new(name, a, double.NaN, double.NaN,
            tcr > 0 ? a / tcr : null,
            waterArea is { } w && w > 0 && protonArea is { } p ? WaterScaling.Concentration(a, w, p, scaling) : null);
        var metabolites = names.Select((n, i) => Estimate(n, prediction.Amplitudes[i])).ToList();
        var pools = new List<LcmEstimate>();
        foreach (var pool in MetaboliteCatalog.Standard.Pools)
        {
            if (pool.MemberIndices(names) is not { } members)
            {
                continue;
            }
            pools.Add(Estimate(pool.Name, members.Sum(i => prediction.Amplitudes[i])));
        }

        var phase = Phase(prediction, fid, axis);
        var spectrum = SpectralAxis.Spectrum(fid);
        double noise = FidMath.SpectralNoiseSd(fid, spectrum, axis);
        double peak = 0;
        for (int k = 0; k < axis.Points; k++)
        {
            double ppm = axis.Ppm(k);
            if (ppm >= 1.9 && ppm <= 2.1)
            {
                double phi = phase.Phase0Rad + phase.Phase1RadPerPpm * (ppm - 2.2);
                peak = Math.Max(peak, spectrum[k].Real * Math.Cos(phi) + spectrum[k].Imaginary * Math.Sin(phi));
            }
        }
        var details = new Dictionary<string, double>
        {
            ["zeroOrderPhaseDegrees"] = phase.Phase0Rad * 180 / Math.PI,
            ["firstOrderPhaseDegreesPerPpm"] = phase.Phase1RadPerPpm * 180 / Math.PI,
            ["inputScale"] = input.Scale,
        };
        if (prediction.Theta is { } theta)
        {
            details["gaussianHz"] = theta[new Imperfections(Model.Basis.GroupCount).Gaussian];
        }
        // Absorption-mode FWHM of the NAA peak: the FID rotated by the phase at 2.01 ppm, real part.
        var rotation = Complex.FromPolarCoordinates(1, -(phase.Phase0Rad + phase.Phase1RadPerPpm * (2.01 - 2.2)));
        var phased = fid.Select(z => z * rotation).ToArray();
        return new NeuralResult(metabolites, pools, peak / noise, noise, QualityMetrics.FwhmHz(phased, axis, 1.9, 2.1, magnitude: false), details)
        {
            Lineshapes = prediction.Theta is { } t ? Lineshapes(t) : null,
            GaussianHz = prediction.Theta is { } g ? g[new Imperfections(Model.Basis.GroupCount).Gaussian] : null,
        };
    }

    private Dictionary<string, (double ShiftHz, double DampingHz)> Lineshapes(double[] theta)
    {
        var layout = new Imperfections(Model.Basis.GroupCount);
        var result = new Dictionary<string, (double, double)>(StringComparer.Ordinal);
        for (int i = 0; i < Model.Basis.Names.Count; i++)
        {
            int g = Model.Basis.Groups[i];
            result[Model.Basis.Names[i]] = (theta[Imperfections.Shift(g)], theta[layout.Damping(g)]);
        }
        return result;
    }

    /// <summary>The phase in <see cref="QualityMetrics"/>' convention (pivot 2.2 ppm).</summary>
    private static FitParameters Phase(NeuralPrediction prediction, Complex[] fid, SpectralAxis axis)
    {
        if (prediction.Theta is { } theta)
        {
            double phi1 = theta[Imperfections.Phase1] * Math.PI / 180;
            // θ's first-order term pivots at its own pivot (4.7 ppm by default): re-pivot to 2.2.
            return new FitParameters(0, 0, 0, theta[Imperfections.Phase0] + phi1 * (2.2 - 4.7), phi1);
        }
        var spectrum = SpectralAxis.Spectrum(fid);
        int best = (int)Math.Round(axis.IndexOf(2.01));
        for (int k = 0; k < axis.Points; k++)
        {
            double ppm = axis.Ppm(k);
            if (ppm >= 1.9 && ppm <= 2.1 && spectrum[k].Magnitude > spectrum[best].Magnitude)
            {
                best = k;
            }
        }
        return new FitParameters(0, 0, 0, spectrum[best].Phase, 0);
    }
}
