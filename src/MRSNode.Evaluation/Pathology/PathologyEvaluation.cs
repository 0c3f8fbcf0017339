using System.Globalization;
using System.Text;
using MRSNode.Pipeline;
using MRSNode.Quantification;
using MRSNode.Quantification.Results;
using MRSNode.Reporting.Confidence;
using MRSNode.Spectroscopy;

namespace MRSNode.Evaluation.Pathology;

/// <summary>
/// Runs the pathology set (<see cref="PathologyCases"/>) through what a job runs: the standard preprocessing, the LCM
/// method with the given options, and the confidence checks, without water reference (amplitudes in basis units).
/// </summary>
public static class PathologyEvaluation
{
    public static IReadOnlyList<PathologyResult> Run(BasisSet basis, IReadOnlyList<PathologyCase> cases, IReadOnlyList<double> snrs, int realisations, int seed, ConfidenceChecker checker, LcmOptions? lcm = null)
    {
        ArgumentNullException.ThrowIfNull(basis);
        ArgumentNullException.ThrowIfNull(cases);
        ArgumentNullException.ThrowIfNull(snrs);
        ArgumentNullException.ThrowIfNull(checker);
        var spectra = new PathologySpectra(basis);
        var method = new LcmMethod(lcm);
        return EachDraw(cases, snrs, realisations, seed, (pathology, snr, drawSeed) => Fit(spectra.Build(pathology, snr, drawSeed), basis, method, checker));
    }

    /// <summary>
    /// <paramref name="fit"/> on every case, SNR and realisation (in parallel; realisation r has seed
    /// <paramref name="seed"/> + 7919·r), grouped per case and SNR.
    /// </summary>
    internal static IReadOnlyList<PathologyResult> EachDraw(IReadOnlyList<PathologyCase> cases, IReadOnlyList<double> snrs, int realisations, int seed, Func<PathologyCase, double, int, PathologyFit> fit)
    {
        var jobs = (from c in cases from snr in snrs from r in Enumerable.Range(0, realisations) select (Case: c, Snr: snr, Realisation: r)).ToList();
        var fits = new PathologyFit[jobs.Count];
        Parallel.For(0, jobs.Count, i => fits[i] = fit(jobs[i].Case, jobs[i].Snr, seed + 7919 * jobs[i].Realisation));
        return jobs.Select((j, i) => (j, Fit: fits[i]))
            .GroupBy(x => (x.j.Case, x.j.Snr))
            .Select(g => new PathologyResult(g.Key.Case, g.Key.Snr, g.Select(x => x.Fit).ToList()))
            .ToList();
    }

    private static PathologyFit Fit(MrsAcquisition acquisition, BasisSet basis, LcmMethod method, ConfidenceChecker checker)
    {
        var (metabolite, water, _) = StandardPreprocessing.Run(acquisition, null);
        var output = method.Quantify(metabolite, water, basis, WaterScalingSettings.LcModelDefaults, CancellationToken.None);
        var checks = checker.Check(output.Estimates, null, output.Quality!);
        MetaboliteEstimate? Find(string name) => output.Estimates.FirstOrDefault(e => string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase));
        double Ratio(string name) => Find(name)?.RatioToTCr ?? 0;
        var flag = checks.Metabolites.FirstOrDefault(m => m.Name == "tNAA")?.Flag ?? MetaboliteFlag.NotDetected;
        return new PathologyFit(Ratio("tNAA"), Ratio("tCho"), Ratio("Lac"), Find("Lac")?.Amplitude ?? 0, flag, [.. output.Cautions, .. output.Notes],
            output.Estimates.ToDictionary(e => e.Name, e => e.Amplitude, StringComparer.OrdinalIgnoreCase))
        {
            LacFlag = checks.Metabolites.FirstOrDefault(m => m.Name == "Lac")?.Flag ?? MetaboliteFlag.NotAssessed,
            TNaaCrlbPercent = Find("tNAA")?.CrlbPercent ?? double.NaN,
        };
    }

    public static string ToMarkdown(IReadOnlyList<PathologyResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine("| case | SNR | n | tNAA/tCr true | est. mean (worst err) | tCho/tCr true | est. mean (worst err) | Lac/tCr true | est. mean (worst err) | Lac max | Lac unreliable | tNAA CRLB % | tNAA not detected | fails |");
        sb.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var r in results)
        {
            string Cell(Func<PathologyFit, double> estimate, double truth) => truth > 0
                ? string.Create(inv, $"{r.Fits.Average(estimate):0.00} ({100 * PathologyResult.WorstError(r.Fits.Select(estimate), truth):0} %)")
                : string.Create(inv, $"{r.Fits.Average(estimate):0.00}");
            var fails = r.Failures();
            sb.AppendLine(string.Create(inv,
                $"| {r.Case.Name} | {r.Snr:0} | {r.Fits.Count} | {r.TrueTNaaRatio:0.00} | {Cell(f => f.TNaaRatio, r.TrueTNaaRatio)} | {r.TrueTChoRatio:0.00} | {Cell(f => f.TChoRatio, r.TrueTChoRatio)} | {r.TrueLacRatio:0.00} | {Cell(f => f.LacRatio, r.TrueLacRatio)} | {r.Fits.Max(f => f.Lac):0.0} | {r.Fits.Count(f => f.LacFlag == MetaboliteFlag.Unreliable)} | {r.Fits.Average(f => f.TNaaCrlbPercent):0} | {r.Fits.Count(f => f.TNaaFlag == MetaboliteFlag.NotDetected)} | {(fails.Count == 0 ? "—" : string.Join(", ", fails))} |"));
        }
        return sb.ToString();
    }

    /// <summary>
    /// The spread behind the worst errors: per case and SNR, each requirement's RMS relative error over the realisations
    /// and the chance that <paramref name="draws"/> independent draws all meet it (the share of realisations that meet
    /// it, to the power <paramref name="draws"/>; no distribution assumed). With many realisations this says whether a
    /// requirement checked on <paramref name="draws"/> draws can be met at that spread.
    /// </summary>
    public static string SpreadMarkdown(IReadOnlyList<PathologyResult> results, int draws)
    {
        ArgumentNullException.ThrowIfNull(results);
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine(string.Create(inv, $"| case | SNR | n | tNAA/tCr RMS err | P({draws} within 15 %) | tCho/tCr RMS err | P({draws} within 15 %) | Lac/tCr RMS err | P({draws} within 25 %) | P({draws} with Lac ≤ 1 mM) |"));
        sb.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in results)
        {
            string Pair(Func<PathologyFit, double> estimate, double truth, double limit) => string.Create(inv,
                $"{100 * r.RmsError(estimate, truth):0.0} % | {r.ChanceAllWithin(estimate, truth, limit, draws):0.00}");
            string lac = r.LactateRatioRequired ? Pair(f => f.LacRatio, r.TrueLacRatio, 0.25) : "— | —";
            string none = r.LactateAbsenceRequired
                ? string.Create(inv, $"{r.ChanceAll(f => f.Lac <= PathologyResult.MaxLactateWithoutTruthMm, draws):0.00}")
                : "—";
            sb.AppendLine(string.Create(inv, $"| {r.Case.Name} | {r.Snr:0} | {r.Fits.Count} | ")
                + $"{Pair(f => f.TNaaRatio, r.TrueTNaaRatio, 0.15)} | {Pair(f => f.TChoRatio, r.TrueTChoRatio, 0.15)} | {lac} | {none} |");
        }
        return sb.ToString();
    }

    /// <summary>Each case's mean fitted amplitude of every component (basis units), beside its truth: where the signal went.</summary>
    public static string ComponentsMarkdown(IReadOnlyList<PathologyResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var inv = CultureInfo.InvariantCulture;
        var names = results.SelectMany(r => r.Fits.SelectMany(f => f.Amplitudes.Keys)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var sb = new StringBuilder();
        sb.AppendLine("| case | SNR | " + string.Join(" | ", names) + " |");
        sb.AppendLine("|---|---:|" + string.Concat(names.Select(_ => "---:|")));
        foreach (var r in results)
        {
            var cells = names.Select(n =>
            {
                double mean = r.Fits.Average(f => f.Amplitudes.TryGetValue(n, out var a) ? a : 0);
                double truth = r.Case.Truth(n);
                return truth > 0 ? string.Create(inv, $"{mean:0.##} ({truth:0.##})") : string.Create(inv, $"{mean:0.##}");
            });
            sb.AppendLine(string.Create(inv, $"| {r.Case.Name} | {r.Snr:0} | ") + string.Join(" | ", cells) + " |");
        }
        return sb.ToString();
    }
}
