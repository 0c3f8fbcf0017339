using MRSNode.Quantification.Neural.Models;

namespace MRSNode.Evaluation.Training;

/// <summary>
/// Hatami et al. 2018's SMAPE per basis entry over a set: Σ|a − â| / Σ(a + â) × 100 (0–100 %) in basis units, and the
/// mean squared error of the normalised amplitudes (the training loss without weights).
/// </summary>
public static class ValidationMetrics
{
    public static ValidationResult Evaluate(NeuralModel model, IReadOnlyList<TrainingExample> examples, int batchSize = 64)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(examples);
        int m = model.Names.Count;
        var error = new double[m];
        var sum = new double[m];
        double loss = 0;
        for (int start = 0; start < examples.Count; start += batchSize)
        {
            var batch = examples.Skip(start).Take(batchSize).ToList();
            var predicted = model.PredictNormalised(batch.Select(e => e.Input).ToList(), out _, out _);
            for (int i = 0; i < batch.Count; i++)
            {
                for (int k = 0; k < m; k++)
                {
                    double a = batch[i].Targets[k], p = Math.Max(0, predicted[i][k]);
                    // Back to the data's units (× scale; κ is common and cancels) so spectra weigh as in basis units.
                    double scale = batch[i].Input.Scale;
                    error[k] += Math.Abs(a - p) * scale;
                    sum[k] += (a + p) * scale;
                    loss += (a - p) * (a - p) / m;
                }
            }
        }
        var smape = new Dictionary<string, double>(StringComparer.Ordinal);
        for (int k = 0; k < m; k++)
        {
            smape[model.Names[k]] = sum[k] > 0 ? 100 * error[k] / sum[k] : 0;
        }
        var nonTrivial = smape.Where(kv => sum[model.Names.ToList().IndexOf(kv.Key)] > 0).Select(kv => kv.Value).DefaultIfEmpty(0);
        return new ValidationResult(smape, nonTrivial.Average(), loss / Math.Max(1, examples.Count));
    }
}
