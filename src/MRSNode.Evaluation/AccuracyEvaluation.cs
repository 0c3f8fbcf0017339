using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using MRSNode.Pipeline;
using MRSNode.Pipeline.Composition;
using MRSNode.Quantification;
using MRSNode.Quantification.Metabolites;
using MRSNode.Quantification.Neural;
using MRSNode.Spectroscopy;
using MRSNode.Spectroscopy.Simulation;

namespace MRSNode.Evaluation;

/// <summary>Accuracy of one metabolite (or pool) over a simulated test set.</summary>
public sealed record MetaboliteAccuracy(
    string Name,
    int Count,
    double MeanTruth,
    double SmapePercent,
    double BiasPercent,
    double ErrorSd,
    double MeanCrlb,
    int Failures)
{
    /// <summary>Observed SD of the estimation errors over the mean CRLB: 1 means the CRLBs are honest.</summary>
    public double CrlbCalibration => MeanCrlb > 0 ? ErrorSd / MeanCrlb : double.NaN;
}

/// <summary>
/// Accuracy of the classical fit on spectra simulated from a basis set with known truth (fixed seed, so
/// the same numbers come back on every machine): SMAPE = mean |est − true| / ((|est| + |true|)/2) × 100
/// (0–200 %), bias = mean(est − true) / mean(true) × 100, and the CRLB calibration (SD of est − true over
/// the mean CRLB), per metabolite and pool, in the basis set's amplitude units.
/// </summary>
public static class AccuracyEvaluation
{
    /// <summary>The pools evaluated: those the node reports (<see cref="MetaboliteCatalog.Pools"/>).</summary>
    public static IReadOnlyList<string> Pools { get; } = [.. MetaboliteCatalog.Standard.Pools.Select(p => p.Name)];

    /// <param name="lcm">The fit's options (<see cref="PipelineSettings.Lcm"/>); default <see cref="LcmOptions.Default"/>.</param>
    public static IReadOnlyList<MetaboliteAccuracy> Run(BasisSet basis, int count, double snr, int seed, int? points = null, IProgress<int>? progress = null, LcmOptions? lcm = null, SimulationParameters? simulation = null, NeuralQuantifier? lineshapeModel = null)
    {
        ArgumentNullException.ThrowIfNull(basis);
        var parameters = (simulation ?? new SimulationParameters()) with { Snr = new ValueRange(snr, snr), Points = points };
        var simulator = new SpectrumSimulator(basis, parameters);
        var spectra = simulator.Simulate(count, seed);
        var results = new LcmResult?[count];
        int done = 0;
        Parallel.For(0, count, i =>
        {
            try
            {
                var options = lcm ?? LcmOptions.Default;
                if (lineshapeModel is not null)
                {
                    // Start the per-component lineshapes where the neural model puts them (a local search from the
                    // common lineshape can stop in a nearby minimum when components overlap).
                    options = options with { Fit = lineshapeModel.SeededFit(spectra[i].Acquisition, options.Fit) };
                }
                results[i] = LcmQuantifier.Quantify(spectra[i].Acquisition, null, basis, options);
            }
            catch (ArithmeticException)
            {
                results[i] = null; // counted as a failure below
            }
            progress?.Report(Interlocked.Increment(ref done));
        });

        var names = spectra[0].Truth.Amplitudes.Keys.Concat(Pools).ToList();
        var rows = new List<MetaboliteAccuracy>();
        foreach (var name in names)
        {
            var pairs = new List<(double Truth, double Estimate, double Crlb)>();
            int failures = 0;
            for (int i = 0; i < count; i++)
            {
                var truth = Truth(spectra[i].Truth, name);
                if (truth is null)
                {
                    continue;
                }
                if (results[i]?.Find(name) is not { } estimate)
                {
                    failures++;
                    continue;
                }
                pairs.Add((truth.Value, estimate.Amplitude, estimate.CrlbAbsolute));
            }
            if (pairs.Count == 0)
            {
                continue;
            }
            double meanTruth = pairs.Average(p => p.Truth);
            double smape = pairs.Average(p => Math.Abs(p.Estimate) + Math.Abs(p.Truth) == 0 ? 0 : Math.Abs(p.Estimate - p.Truth) / ((Math.Abs(p.Estimate) + Math.Abs(p.Truth)) / 2)) * 100;
            double bias = meanTruth == 0 ? double.NaN : pairs.Average(p => p.Estimate - p.Truth) / meanTruth * 100;
            double meanError = pairs.Average(p => p.Estimate - p.Truth);
            double sd = Math.Sqrt(pairs.Sum(p => (p.Estimate - p.Truth - meanError) * (p.Estimate - p.Truth - meanError)) / Math.Max(1, pairs.Count - 1));
            double crlb = pairs.Where(p => double.IsFinite(p.Crlb)).Select(p => p.Crlb).DefaultIfEmpty(double.NaN).Average();
            rows.Add(new MetaboliteAccuracy(name, pairs.Count, meanTruth, smape, bias, sd, crlb, failures));
        }
        return rows;
    }

    /// <summary>The true amplitude of a basis entry, or of a pool by the node's rule for it (null where it reports none).</summary>
    internal static double? Truth(SimulationTruth truth, string name)
    {
        if (MetaboliteCatalog.Standard.FindPool(name) is { } pool)
        {
            var names = truth.Amplitudes.Keys.ToList();
            return pool.MemberIndices(names)?.Sum(i => truth.Amplitudes[names[i]]);
        }
        return truth.Amplitudes.TryGetValue(name, out var v) ? v : null;
    }

    public static string ToMarkdown(IReadOnlyList<MetaboliteAccuracy> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var sb = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        sb.AppendLine("| metabolite | n | mean truth | SMAPE % | bias % | SD of error | mean CRLB | SD / CRLB |");
        sb.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in rows)
        {
            sb.AppendLine(string.Create(inv, $"| {r.Name} | {r.Count} | {r.MeanTruth:0.###} | {r.SmapePercent:F1} | {r.BiasPercent:+0.0;-0.0} | {r.ErrorSd:0.####} | {r.MeanCrlb:0.####} | {r.CrlbCalibration:F2} |"));
        }
        return sb.ToString();
    }
}
