using System.Globalization;
using System.Text;
using MRSNode.Quantification;
using MRSNode.Quantification.Neural;
using MRSNode.Spectroscopy;
using MRSNode.Spectroscopy.Simulation;

namespace MRSNode.Pipeline;

/// <summary>One entry's SMAPE (Hatami: Σ|a − â| / Σ(a + â) × 100) for the neural model and the LCM fit on the same spectra.</summary>
public sealed record ComparisonRow(string Name, double NeuralSmapePercent, double LcmSmapePercent);

/// <summary>The neural model and the LCM fit on the same simulated spectra with known amplitudes (basis units).</summary>
public static class MethodComparison
{
    public static IReadOnlyList<ComparisonRow> Run(BasisSet basis, NeuralQuantifier neural, IReadOnlyList<SimulatedSpectrum> spectra, int parallelism, IProgress<int>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(neural);
        ArgumentNullException.ThrowIfNull(spectra);
        var names = neural.Model.Names.ToList();
        var neuralEstimates = new double[spectra.Count][];
        var lcmEstimates = new double[spectra.Count][];
        int done = 0;
        Parallel.For(0, spectra.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism) }, i =>
        {
            var n = neural.Quantify(spectra[i].Acquisition, null, WaterScalingParameters.LcModelDefaults);
            neuralEstimates[i] = names.Select(name => n.Metabolites.First(m => m.Name == name).Amplitude).ToArray();
            try
            {
                var l = LcmQuantifier.Quantify(spectra[i].Acquisition, null, basis);
                lcmEstimates[i] = names.Select(name => l.Find(name)?.Amplitude ?? 0).ToArray();
            }
            catch (ArithmeticException)
            {
                lcmEstimates[i] = new double[names.Count]; // a failed fit counts as all zero
            }
            progress?.Report(Interlocked.Increment(ref done));
        });
        return names.Select((name, k) =>
        {
            double Smape(double[][] estimates)
            {
                double error = 0, sum = 0;
                for (int i = 0; i < spectra.Count; i++)
                {
                    double a = Truth(spectra[i].Truth, name), e = estimates[i][k];
                    error += Math.Abs(a - e);
                    sum += a + e;
                }
                return sum > 0 ? 100 * error / sum : 0;
            }
            return new ComparisonRow(name, Smape(neuralEstimates), Smape(lcmEstimates));
        }).ToList();
    }

    private static double Truth(SimulationTruth truth, string name) =>
        truth.Amplitudes.TryGetValue(name, out var a) ? a : string.Equals(name, "Mac", StringComparison.OrdinalIgnoreCase) ? truth.MmScale : 0;

    public static string ToMarkdown(IReadOnlyList<ComparisonRow> rows, string neuralLabel)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine(string.Create(inv, $"| entry | {neuralLabel} SMAPE % | LCM SMAPE % |"));
        sb.AppendLine("|---|---:|---:|");
        foreach (var r in rows)
        {
            sb.AppendLine(string.Create(inv, $"| {r.Name} | {r.NeuralSmapePercent:F1} | {r.LcmSmapePercent:F1} |"));
        }
        var metabolites = rows.Where(r => !string.Equals(r.Name, "Mac", StringComparison.OrdinalIgnoreCase)).ToList();
        sb.AppendLine(string.Create(inv, $"| mean (metabolites) | {metabolites.Average(r => r.NeuralSmapePercent):F1} | {metabolites.Average(r => r.LcmSmapePercent):F1} |"));
        return sb.ToString();
    }
}
