using System.Globalization;
using MRSNode.Quantification.Metabolites;
using MRSNode.Quantification.Neural.Serialization;
using MRSNode.Quantification.Results;
using MRSNode.Reporting.Confidence;

namespace MRSNode.Pipeline;

/// <summary>A method whose model card says where it was validated and what it was trained on (the neural method).</summary>
public interface IModelCardSource
{
    /// <summary>The card of the model that quantifies with <paramref name="basis"/>, or null.</summary>
    ModelCard? Card(Spectroscopy.BasisSet basis);
}

/// <summary>What the advisor knows of the study: its acquisition and the primary method's view.</summary>
public sealed record AdvisoryContext(double FrequencyMHz, double? EchoTimeMs, string? Sequence, string BasisFile, IReadOnlyList<MetaboliteEstimate> Primary, QualityResult Qc);

/// <summary>
/// Whether the neural second opinion may lower confidence: only when its card declares it validated for this
/// acquisition (field, TE, sequence, basis) AND the study lies inside its training domain, judged from the LCM's
/// estimates and the QC (ratios to tCr beyond the trained range by more than 2 CRLB, lineshape, SNR, lipids).
/// Otherwise it is "out of domain" or "advisory (not validated)", shown for information, and changes nothing.
/// </summary>
public static class NeuralAdvisor
{
    public const string InDomainValidated = "in domain (validated)";
    public const string NotValidated = "advisory (not validated)";
    public const string OutOfDomain = "out of domain";
    public const string NotRun = "not run";

    private static readonly CultureInfo _inv = CultureInfo.InvariantCulture;

    public static NeuralAdvisory Judge(ModelCard? card, AdvisoryContext study)
    {
        ArgumentNullException.ThrowIfNull(study);
        if (card is null)
        {
            return new NeuralAdvisory { Status = NotValidated, Explanation = "the neural model has no card stating where it was validated: shown for information, it changed nothing" };
        }
        var outside = OutsideDomain(card.Domain, study);
        if (outside.Count > 0)
        {
            return new NeuralAdvisory
            {
                Status = OutOfDomain,
                Explanation = $"this study lies outside the spectra the neural model {card.Name} was trained on ({string.Join("; ", outside)}): its estimates are shown for information and changed nothing",
            };
        }
        double tesla = study.FrequencyMHz / ConfidenceThresholds.ProtonMHzPerTesla;
        bool validated = card.Validity is { Validated: true } v && v.ValidatedFor.Any(a => a.Covers(tesla, study.EchoTimeMs, study.Sequence, study.BasisFile));
        if (!validated)
        {
            return new NeuralAdvisory
            {
                Status = NotValidated,
                Explanation = string.Create(_inv, $"the neural model {card.Name} is not validated for clinical use at {tesla:0.0} T, TE {study.EchoTimeMs:0} ms (its card: trained and tested on simulated spectra only): its estimates are shown for information and changed nothing"),
            };
        }
        return new NeuralAdvisory
        {
            Status = InDomainValidated,
            Explanation = $"the neural model {card.Name} is validated for this acquisition and the study lies inside its training domain: where it disagrees with the LCM the metabolite is marked unreliable",
            MayLowerConfidence = true,
        };
    }

    /// <summary>The advisory when the neural method was asked for but could not run.</summary>
    public static NeuralAdvisory NotRunBecause(string why) => new() { Status = NotRun, Explanation = why };

    /// <summary>Every way the study lies outside the card's training domain, in words; an unstated domain is itself one.</summary>
    public static IReadOnlyList<string> OutsideDomain(TrainingDomainCard? domain, AdvisoryContext study)
    {
        ArgumentNullException.ThrowIfNull(study);
        if (domain is null)
        {
            return ["its card does not state its training domain"];
        }
        var outside = new List<string>();
        foreach (var e in study.Primary)
        {
            // Only a measured value is evidence: 2 CRLB beyond the trained range (a zero or unbounded estimate says nothing).
            if (e.RatioToTCr is not { } ratio || e.CrlbPercent is not { } crlb || crlb >= 999 || e.Amplitude <= 0
                || domain.RatioToTCr.FirstOrDefault(r => MetaboliteCatalog.Standard.SameMetabolite(r.Key, e.Name)).Value is not [var low, var high])
            {
                continue;
            }
            double margin = 2 * ratio * crlb / 100;
            if (ratio - margin > high || ratio + margin < low)
            {
                outside.Add(string.Create(_inv, $"{e.Name}/tCr {ratio:0.##}, trained {low:0.###}–{high:0.###}"));
            }
        }
        var qc = study.Qc;
        if (domain.Snr is [var snrLow, var snrHigh] && (qc.Snr < snrLow || qc.Snr > snrHigh))
        {
            outside.Add(string.Create(_inv, $"SNR {qc.Snr:0}, trained {snrLow:0}–{snrHigh:0}"));
        }
        if (domain.LineshapeFwhmHz is [var lwLow, var lwHigh] && qc.LineshapeFwhmHz is { } lw && (lw < lwLow || lw > lwHigh))
        {
            outside.Add(string.Create(_inv, $"lineshape FWHM {lw:0.#} Hz, trained {lwLow:0.#}–{lwHigh:0.#} Hz"));
        }
        if (qc.LipidToTCr is { } lipid && lipid > domain.LipidToTCrMax + domain.LipidToTCrTolerance)
        {
            outside.Add(domain.LipidToTCrMax == 0
                ? string.Create(_inv, $"lipid/tCr {lipid:0.0}, trained without lipids")
                : string.Create(_inv, $"lipid/tCr {lipid:0.0}, trained up to {domain.LipidToTCrMax:0.0}"));
        }
        return outside;
    }
}
