using System.Globalization;
using System.Text;
using MRSNode.Pipeline;
using MRSNode.Spectroscopy;
using MRSNode.Spectroscopy.Simulation;

namespace MRSNode.Evaluation;

/// <summary>
/// One entry's SMAPE (Hatami: Σ|a − â| / Σ(a + â) × 100) for <see cref="LineshapeOracle"/>'s estimates: least squares
/// (≥ 0), least squares in the prior's box (the posterior mode), the posterior median, and the Bayes floor (the posterior
/// quantile that minimises this entry's SMAPE over the set).
/// </summary>
public sealed record OracleRow(string Name, double LeastSquaresSmapePercent, double BoxLeastSquaresSmapePercent, double PosteriorMedianSmapePercent, double BayesFloorSmapePercent, double BayesFloorQuantile);

/// <summary>
/// The floor under every method on a simulated set: <see cref="LineshapeOracle"/>'s estimates from each spectrum's true
/// lineshapes and noise SD, scored as <see cref="MethodComparison"/> scores the methods. It covers the metabolites and
/// the MM entry, so the set must be simulated without lipids, residual water or baseline (Hatami's protocol is).
/// </summary>
public static class OracleEvaluation
{
    public static IReadOnlyList<OracleRow> Run(BasisSet basis, SimulationParameters parameters, IReadOnlyList<SimulatedSpectrum> spectra, int parallelism, int sweeps = 4000)
    {
        ArgumentNullException.ThrowIfNull(basis);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(spectra);
        if (parameters.Lipids || parameters.ResidualWater || parameters.Baseline)
        {
            throw new ArgumentException("the oracle models metabolites and MM only: simulate without lipids, residual water and baseline (as Hatami's protocol does).", nameof(parameters));
        }
        var simulator = new SpectrumSimulator(basis, parameters);
        var names = basis.Metabolites.Select(m => m.Name).ToList();
        var lower = names.Select(n => Prior(parameters, n).Min).ToArray();
        var upper = names.Select(n => Prior(parameters, n).Max).ToArray();
        var leastSquares = new double[spectra.Count][];
        var box = new double[spectra.Count][];
        var posterior = new double[spectra.Count][][];
        Parallel.For(0, spectra.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism) }, i =>
        {
            var truth = spectra[i].Truth;
            var components = simulator.Components(truth);
            var ordered = names.Select(n => components[n]).ToList();
            var fid = spectra[i].Acquisition.Fid();
            leastSquares[i] = LineshapeOracle.LeastSquares(ordered, fid);
            box[i] = LineshapeOracle.BoxLeastSquares(ordered, fid, lower, upper);
            posterior[i] = LineshapeOracle.PosteriorSamples(ordered, fid, truth.NoiseSd, lower, upper, truth.Seed, sweeps);
        });
        return names.Select((name, k) =>
        {
            double AtQuantile(double q) => MethodComparison.Smape(spectra, name, i => LineshapeOracle.Quantile(posterior[i][k], q));
            // SMAPE is a ratio, so its minimiser is not the median: the derivative of Σ|a − â| / Σ(a + â) in one â
            // vanishes where the posterior CDF is (1 + SMAPE)/2. A few fixed-point steps find that quantile.
            double median = AtQuantile(0.5), floor = median, floorQuantile = 0.5, q = 0.5, smape = median;
            for (int step = 0; step < 6; step++)
            {
                q = (1 + smape / 100) / 2;
                smape = AtQuantile(q);
                if (smape < floor)
                {
                    (floor, floorQuantile) = (smape, q);
                }
            }
            return new OracleRow(
                name,
                MethodComparison.Smape(spectra, name, i => leastSquares[i][k]),
                MethodComparison.Smape(spectra, name, i => box[i][k]),
                median,
                floor,
                floorQuantile);
        }).ToList();
    }

    public static string ToMarkdown(IReadOnlyList<OracleRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine("| entry | least squares ≥ 0 | least squares in the prior's range | posterior median | Bayes floor (posterior quantile) |");
        sb.AppendLine("|---|---:|---:|---:|---:|");
        foreach (var r in rows)
        {
            sb.AppendLine(string.Create(inv, $"| {r.Name} | {r.LeastSquaresSmapePercent:F1} | {r.BoxLeastSquaresSmapePercent:F1} | {r.PosteriorMedianSmapePercent:F1} | {r.BayesFloorSmapePercent:F1} ({r.BayesFloorQuantile:F2}) |"));
        }
        var m = rows.Where(r => !MethodComparison.IsMacromolecule(r.Name)).ToList();
        sb.AppendLine(string.Create(inv, $"| mean (metabolites) | {m.Average(r => r.LeastSquaresSmapePercent):F1} | {m.Average(r => r.BoxLeastSquaresSmapePercent):F1} | {m.Average(r => r.PosteriorMedianSmapePercent):F1} | {m.Average(r => r.BayesFloorSmapePercent):F1} |"));
        return sb.ToString();
    }

    /// <summary>The range the simulator draws an entry's amplitude from (the MM entry: its scale; an entry without a range: 0).</summary>
    private static ValueRange Prior(SimulationParameters parameters, string name) =>
        string.Equals(name, parameters.MacromoleculeName, StringComparison.OrdinalIgnoreCase) ? parameters.MmScale
        : parameters.Amplitudes.TryGetValue(name, out var range) ? new ValueRange(Math.Max(0, range.Min), Math.Max(0, range.Max))
        : ValueRange.Fixed(0);
}
