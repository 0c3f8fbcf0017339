using System.Globalization;
using MRSNode.Quantification;
using MRSNode.Quantification.Metabolites;
using MRSNode.Quantification.Results;
using MRSNode.Reporting.Confidence;
using MRSNode.Spectroscopy;

namespace MRSNode.Pipeline;

/// <summary>The classical LCModel-class fit (<see cref="LcmQuantifier"/>) behind the pipeline's method seam.</summary>
/// <param name="options">
/// The fit's options, the CRLB covariance and the ratio priors; default <see cref="LcmOptions.Default"/> (the water
/// scaling comes from each job's <see cref="WaterScalingSettings"/>).
/// </param>
/// <param name="lineshapeSeed">
/// With per-group or per-metabolite lineshapes: where the fit's lineshapes start (e.g. a QNet model's prediction,
/// <see cref="NeuralMethod.LineshapeSeed"/>); null or a null answer starts every component at the common lineshape.
/// </param>
public sealed class LcmMethod(LcmOptions? options = null, Func<MrsAcquisition, BasisSet, LineshapeStart?>? lineshapeSeed = null) : IQuantificationMethod
{
    private readonly LcmOptions _options = options ?? LcmOptions.Default;

    public const string SnrDefinition = "NAA peak height in the real, phased spectrum / noise SD, the same for every method (10…12 ppm, else −2…0 ppm, else the FID's second half; real and imaginary parts pooled); Öz 2020, MRSinMRS (Lin 2021)";

    public MethodKind Kind => MethodKind.Lcm;

    public MethodOutput Quantify(MrsAcquisition metabolite, MrsAcquisition? water, BasisSet basis, WaterScalingSettings scaling, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scaling);
        var fit = _options.Fit;
        var options = _options with
        {
            Fit = fit.Freedom == LineshapeFreedom.Global || lineshapeSeed is null
                ? fit
                : lineshapeSeed(metabolite, basis)?.ApplyTo(fit) ?? fit,
            Water = new WaterScalingParameters(scaling.WaterConcentrationMm, scaling.WaterAttenuation, scaling.MetaboliteAttenuation),
        };
        var r = LcmQuantifier.Quantify(metabolite, water, basis, options, cancellationToken);
        var estimates = r.Metabolites.Select(m => Estimate(m, isPool: false))
            .Concat(r.Pools.Select(m => Estimate(m, isPool: true)))
            .Select(e => e with { Caveat = LactateUnderLipids(e.Name, r) })
            .ToList();
        var result = new MethodResult
        {
            Method = Kind,
            Version = "lcm " + typeof(LcmQuantifier).Assembly.GetName().Version?.ToString(3),
            Estimates = r.Metabolites.Concat(r.Pools).Select(m => new MethodEstimate
            {
                Name = m.Name,
                Amplitude = m.Amplitude,
                CrlbAbsolute = m.CrlbAbsolute,
                CrlbPercent = m.CrlbPercent,
                Concentration = m.Concentration,
                RatioToTCr = m.RatioToTCr,
            }).ToList(),
            Details = new Dictionary<string, double>
            {
                ["iterations"] = r.Iterations,
                ["zeroOrderPhaseDegrees"] = r.Quality.Phase0Degrees,
                ["firstOrderPhaseDegreesPerPpm"] = r.Quality.Phase1DegreesPerPpm,
                ["frequencyOffsetHz"] = r.Quality.FrequencyOffsetHz,
                ["noiseSd"] = r.Quality.NoiseSd,
                ["baselineStiffness"] = r.Fit.BaselineStiffness,
                ["ownNaaLineshape"] = r.OwnNaaLineshape ? 1 : 0,
                ["lipidsFitted"] = r.LipidsFitted ? 1 : 0,
                // −1: not checked (lactate not detected, or not a brain fit).
                ["lactateWithFreeLipids"] = r.LactateWithFreeLipids ?? -1,
            },
            RatioPriors = r.Fit.RatioPriorsUsed.Select(p => p.Prior.ToString()).ToList(),
        };
        var q = r.Quality;
        var quality = new QualityResult
        {
            Snr = q.Snr,
            SnrDefinition = SnrDefinition,
            FwhmPpm = q.NaaFwhmPpm,
            FwhmHz = q.NaaFwhmHz,
            LineshapeFwhmPpm = q.LineshapeFwhmPpm,
            LineshapeFwhmHz = q.LineshapeFwhmHz,
            FitResidualRelative = q.RelativeResidual,
            FrequencyOffsetHz = q.FrequencyOffsetHz,
            ZeroOrderPhaseDegrees = q.Phase0Degrees,
            SnrLcModel = double.IsFinite(q.SnrLcModel) ? q.SnrLcModel : null,
            LipidToTCr = r.LipidToCreatine,
            FrequencyMHz = metabolite.TransmitterFrequencyMHz,
        };
        return new MethodOutput(result, estimates, quality) { Spectra = r.Spectra, Notes = [.. ContradictedPriors(r.Fit)], Cautions = [.. NotConverged(r.Fit), .. SpectrumTypeNote(r)] };
    }

    /// <summary>
    /// A fit that stopped before a minimum (iteration limit, or a step it could not solve) says so: its numbers are where
    /// it stopped, not an estimate, and the reader must know.
    /// </summary>
    private static IEnumerable<string> NotConverged(FitResult fit) => fit.Status switch
    {
        FitStatus.MaxIterations => [string.Create(CultureInfo.InvariantCulture, $"the fit did not converge within {fit.Iterations} iterations: the values are where it stopped, not a settled estimate")],
        FitStatus.Singular => ["the fit could not proceed (its equations could not be solved): the values are where it stopped, not a settled estimate"],
        _ => [],
    };

    /// <summary>
    /// Lactate's 1.31 ppm doublet under tumour lipids many times its size is not separable reliably (the pathology set:
    /// up to 36 % off, and up to 2.9 mM where there is none), so in a lipid-rich spectrum its value is flagged
    /// unreliable whatever its CRLB, rather than read as a finding.
    /// </summary>
    /// <remarks>
    /// In a brain spectrum, lactate that a fit with lipid lines free in position mostly gives to lipid
    /// (<see cref="LcmResult.LactateConfoundedByLipid"/>) is flagged the same way: the model cannot tell the two apart there.
    /// </remarks>
    private static string? LactateUnderLipids(string name, LcmResult r)
    {
        if (!MetaboliteCatalog.Standard.SameMetabolite(name, "Lac"))
        {
            return null;
        }
        if (r.SpectrumType == SpectrumType.LipidRich || r.LipidToCreatine >= LipidContent.LactateMaskedAtOrAbove)
        {
            return string.Create(CultureInfo.InvariantCulture, $"lactate at 1.3 ppm lies under lipids {r.LipidToCreatine:0.0} × the creatine signal and cannot be measured reliably there");
        }
        return r.LactateConfoundedByLipid
            ? string.Create(CultureInfo.InvariantCulture, $"the 1.3 ppm signal read as lactate is as well explained by lipid (a fit with the lipid lines free to move keeps {100 * r.LactateWithFreeLipids:0} % of it as lactate): lactate cannot be measured reliably here")
            : null;
    }

    /// <summary>
    /// A lipid-rich spectrum says how it was fitted (the spectrum type is chosen per study from a first fit, as LCModel's
    /// SPTYPE is chosen per run): the reader must know that the normal-brain lipid priors were not used, and that
    /// lactate under large lipids is harder to measure than elsewhere.
    /// </summary>
    private static IEnumerable<string> SpectrumTypeNote(LcmResult r) => r.SpectrumType switch
    {
        SpectrumType.LipidRich => [string.Create(CultureInfo.InvariantCulture,
            $"lipids at 0.9/1.3 ppm are {r.LipidToCreatine:0.0} × the creatine signal: fitted as a lipid-rich (tumour-type) spectrum, the lipid lines free to sit off their usual positions and without the normal-brain lipid/macromolecule ratio priors; lactate at 1.31 ppm under these lipids is less certain than elsewhere")],
        _ => [],
    };

    /// <summary>One reason per ratio prior the fit ended beyond 4 prior SDs from (LCModel marks these too).</summary>
    private static List<string> ContradictedPriors(FitResult fit) =>
        fit.RatioPriorsUsed.Where(p => p.IsContradicted)
            .Select(p => string.Create(CultureInfo.InvariantCulture,
                $"{p.Prior.Numerator}/{p.Prior.Denominator} is {Math.Abs(p.DeviationSds):0.0} SDs {(p.DeviationSds > 0 ? "above" : "below")} its ratio prior ({p.Prior.Expected} ± {p.Prior.Sd}): a real change may be damped; compare with ratio priors off"))
            .ToList();

    private static MetaboliteEstimate Estimate(LcmEstimate m, bool isPool) =>
        new(m.Name, m.Amplitude, m.RatioToTCr, m.Concentration, m.CrlbPercent, isPool);
}
