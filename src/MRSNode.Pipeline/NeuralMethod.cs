using System.Collections.Concurrent;
using MRSNode.Neural.Backend;
using MRSNode.Quantification;
using MRSNode.Quantification.Neural;
using MRSNode.Quantification.Neural.Serialization;
using MRSNode.Quantification.Results;
using MRSNode.Reporting.Confidence;
using MRSNode.Spectroscopy;

namespace MRSNode.Pipeline;

/// <summary>A method that works only with some basis sets (a neural model is trained for one).</summary>
public interface IBasisSpecificMethod
{
    /// <summary>Null when the method can quantify with <paramref name="basis"/>, else why not.</summary>
    string? Unsupported(BasisSet basis);
}

/// <summary>
/// The neural quantification (<see cref="NeuralQuantifier"/>) behind the pipeline's method seam, with the model from
/// config/models/&lt;name&gt;/ (model.safetensors + model.json) that was trained on the job's basis set. Loaded models
/// are kept per directory and compute on <paramref name="backend"/>, which the caller owns.
/// </summary>
public sealed class NeuralMethod(string modelsDirectory, IComputeBackend backend) : IQuantificationMethod, IBasisSpecificMethod, IModelCardSource
{
    public const string SnrDefinition = "NAA peak height in the real spectrum phased by the model (QNet) or by the NAA peak (CNN) / noise SD, the same for every method (10…12 ppm, else −2…0 ppm, else the FID's second half; real and imaginary parts pooled)";

    private readonly ModelCatalog _catalog = new(modelsDirectory);
    private readonly ConcurrentDictionary<string, NeuralQuantifier> _loaded = new(StringComparer.Ordinal);

    public MethodKind Kind => MethodKind.Neural;

    public string? Unsupported(BasisSet basis) =>
        _catalog.Find(basis) is null ? $"no neural model in {modelsDirectory} was trained on {Path.GetFileName(basis?.Source)}" : null;

    public ModelCard? Card(BasisSet basis) => _catalog.Find(basis) is { } directory ? ModelDirectory.ReadCard(directory) : null;

    /// <summary>
    /// The lineshape (per-component deviations, common Lorentzian and Gaussian) the basis set's QNet-style model predicts
    /// for this acquisition, to start a per-metabolite LCM fit from; null when no model fits the basis or it predicts none.
    /// </summary>
    public LineshapeStart? LineshapeSeed(MrsAcquisition metabolite, BasisSet basis)
    {
        ArgumentNullException.ThrowIfNull(basis);
        return Unsupported(basis) is null
            ? Quantifier(basis).LineshapeSeed(metabolite)
            : null;
    }

    private NeuralQuantifier Quantifier(BasisSet basis)
    {
        var directory = _catalog.Find(basis) ?? throw new QuantificationException(Unsupported(basis)!);
        return _loaded.GetOrAdd(directory, d =>
        {
            var (model, card) = ModelDirectory.Load(d, basis, backend);
            return new NeuralQuantifier(model, card);
        });
    }

    public MethodOutput Quantify(MrsAcquisition metabolite, MrsAcquisition? water, BasisSet basis, WaterScalingSettings scaling, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(basis);
        ArgumentNullException.ThrowIfNull(scaling);
        cancellationToken.ThrowIfCancellationRequested(); // one forward pass follows: bounded, so checked once before it
        var quantifier = Quantifier(basis);
        var r = quantifier.Quantify(metabolite, water, new WaterScalingParameters(scaling.WaterConcentrationMm, scaling.WaterAttenuation, scaling.MetaboliteAttenuation));
        var all = r.Metabolites.Concat(r.Pools).ToList();
        var result = new MethodResult
        {
            Method = Kind,
            Version = $"{quantifier.Card.EngineVersion}; model {quantifier.Card.Name} ({quantifier.Card.Kind})",
            Estimates = all.Select(m => new MethodEstimate
            {
                Name = m.Name,
                Amplitude = m.Amplitude,
                Concentration = m.Concentration,
                RatioToTCr = m.RatioToTCr,
            }).ToList(),
            Details = r.Details,
        };
        var estimates = r.Metabolites.Select(m => new MetaboliteEstimate(m.Name, m.Amplitude, m.RatioToTCr, m.Concentration, null, false))
            .Concat(r.Pools.Select(m => new MetaboliteEstimate(m.Name, m.Amplitude, m.RatioToTCr, m.Concentration, null, true)))
            .ToList();
        var quality = new QualityResult
        {
            Snr = r.Snr,
            SnrDefinition = SnrDefinition,
            FwhmHz = r.NaaFwhmHz,
            FwhmPpm = r.NaaFwhmHz / metabolite.TransmitterFrequencyMHz,
            ZeroOrderPhaseDegrees = r.Details.GetValueOrDefault("zeroOrderPhaseDegrees"),
            FrequencyMHz = metabolite.TransmitterFrequencyMHz,
        };
        return new MethodOutput(result, estimates, quality);
    }
}
