using System.Globalization;
using System.Text;
using MRSNode.Quantification;
using MRSNode.Spectroscopy;
using MRSNode.Spectroscopy.Simulation;

namespace MRSNode.Evaluation.SimulatedBasis;

/// <summary>SMAPE of one metabolite's (or pool's) ratio to tCr, fitted with the truth's basis and with another.</summary>
public sealed record RatioAccuracy(string Name, int Count, double MeanTrueRatio, double SmapeTruthBasis, double SmapeOtherBasis, double BiasTruthBasisPercent, double BiasOtherBasisPercent)
{
    /// <summary>How many SMAPE points the other basis loses (positive) or gains against the truth's basis.</summary>
    public double Difference => SmapeOtherBasis - SmapeTruthBasis;
}

/// <summary>
/// End-to-end accuracy of a basis set that did not make the spectra: spectra simulated from a truth basis (the node's
/// <see cref="SpectrumSimulator"/>: realistic lineshapes, measured MM, residual water, baseline, noise) are fitted
/// twice with the same options, once with the truth basis and once with the other (e.g. the node's density-matrix
/// simulation of the same protocol), and each metabolite's ratio to tCr is scored against the true ratio. Ratios,
/// not amplitudes, because two basis sets need not share a scale.
/// </summary>
public static class FitBasisComparison
{
    public static IReadOnlyList<RatioAccuracy> Run(BasisSet truthBasis, BasisSet otherBasis, int count, double snr, int seed, LcmOptions? lcm = null, IProgress<int>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(truthBasis);
        ArgumentNullException.ThrowIfNull(otherBasis);
        var spectra = new SpectrumSimulator(truthBasis, new SimulationParameters { Snr = ValueRange.Fixed(snr) }).Simulate(count, seed);
        var options = lcm ?? LcmOptions.Default;
        var truthFits = new LcmResult?[count];
        var otherFits = new LcmResult?[count];
        int done = 0;
        Parallel.For(0, count, i =>
        {
            truthFits[i] = TryFit(spectra[i].Acquisition, truthBasis, options);
            otherFits[i] = TryFit(spectra[i].Acquisition, otherBasis, options);
            progress?.Report(Interlocked.Increment(ref done));
        });

        var rows = new List<RatioAccuracy>();
        // tCr is the denominator: its ratio is 1 by construction.
        var names = spectra[0].Truth.Amplitudes.Keys.Where(n => !IsMacromolecule(n)).Concat(AccuracyEvaluation.Pools)
            .Where(n => !string.Equals(n, "tCr", StringComparison.OrdinalIgnoreCase));
        foreach (var name in names)
        {
            var triples = new List<(double Truth, double ByTruthBasis, double ByOther)>();
            for (int i = 0; i < count; i++)
            {
                if (TrueRatio(spectra[i].Truth, name) is not { } truth
                    || Ratio(truthFits[i], name) is not { } a
                    || Ratio(otherFits[i], name) is not { } b)
                {
                    continue;
                }
                triples.Add((truth, a, b));
            }
            if (triples.Count == 0)
            {
                continue;
            }
            double mean = triples.Average(t => t.Truth);
            rows.Add(new RatioAccuracy(
                BasisAlignment.Canonical(name), triples.Count, mean,
                triples.Average(t => Smape(t.ByTruthBasis, t.Truth)), triples.Average(t => Smape(t.ByOther, t.Truth)),
                mean == 0 ? double.NaN : triples.Average(t => t.ByTruthBasis - t.Truth) / mean * 100,
                mean == 0 ? double.NaN : triples.Average(t => t.ByOther - t.Truth) / mean * 100));
        }
        return rows;
    }

    /// <summary>
    /// <paramref name="simulated"/> limited to the metabolites <paramref name="source"/> holds (so both fits have the same
    /// components), plus <paramref name="source"/>'s measured macromolecule entry put onto its axis: a density-matrix
    /// simulation has no MM, and the spectra carry the measured one.
    /// </summary>
    public static BasisSet WithSourceMacromolecules(BasisSet simulated, BasisSet source, string macromolecule = "Mac")
    {
        ArgumentNullException.ThrowIfNull(simulated);
        ArgumentNullException.ThrowIfNull(source);
        var kept = simulated.Metabolites.Where(m => BasisAlignment.Counterpart(source, m.Name) is not null).ToList();
        if (source.Find(macromolecule) is { } mm)
        {
            kept.Add(new BasisMetabolite(mm.Name, BasisResampler.ResampleFid(BasisReferenceLine.Remove(mm, source.Axis), source.Axis, simulated.Axis)));
        }
        return simulated with { Metabolites = kept };
    }

    private static LcmResult? TryFit(MrsAcquisition acquisition, BasisSet basis, LcmOptions options)
    {
        try
        {
            return LcmQuantifier.Quantify(acquisition, null, basis, options);
        }
        catch (ArithmeticException)
        {
            return null; // a failed fit is left out of both columns for that spectrum
        }
    }

    private static bool IsMacromolecule(string name) =>
        Quantification.Metabolites.MetaboliteCatalog.Standard.KindOf(name) != Quantification.Metabolites.MetaboliteKind.Metabolite;

    private static double? TrueRatio(SimulationTruth truth, string name)
    {
        double? value = AccuracyEvaluation.Truth(truth, name);
        double? tcr = AccuracyEvaluation.Truth(truth, "tCr");
        return value is { } v && tcr is { } c && c > 0 ? v / c : null;
    }

    private static double? Ratio(LcmResult? result, string name) =>
        result?.Metabolites.Concat(result.Pools).FirstOrDefault(e => string.Equals(BasisAlignment.Canonical(e.Name), BasisAlignment.Canonical(name), StringComparison.OrdinalIgnoreCase))?.RatioToTCr;

    private static double Smape(double estimate, double truth) =>
        Math.Abs(estimate) + Math.Abs(truth) == 0 ? 0 : Math.Abs(estimate - truth) / ((Math.Abs(estimate) + Math.Abs(truth)) / 2) * 100;

    public static string ToMarkdown(IReadOnlyList<RatioAccuracy> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var sb = new StringBuilder();
        sb.AppendLine("| ratio to tCr | n | mean true | SMAPE, truth's basis | SMAPE, simulated basis | difference (points) | bias, truth's basis % | bias, simulated basis % |");
        sb.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in rows)
        {
            sb.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Name} | {r.Count} | {r.MeanTrueRatio:0.###} | {r.SmapeTruthBasis:F1} | {r.SmapeOtherBasis:F1} | {r.Difference:+0.0;-0.0} | {r.BiasTruthBasisPercent:+0.0;-0.0} | {r.BiasOtherBasisPercent:+0.0;-0.0} |"));
        }
        double meanTruth = rows.Count == 0 ? double.NaN : rows.Average(r => r.SmapeTruthBasis);
        double meanOther = rows.Count == 0 ? double.NaN : rows.Average(r => r.SmapeOtherBasis);
        sb.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| **mean** | | | **{meanTruth:F1}** | **{meanOther:F1}** | **{meanOther - meanTruth:+0.0;-0.0}** | | |"));
        return sb.ToString();
    }
}
