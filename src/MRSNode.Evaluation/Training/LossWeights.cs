using MRSNode.Quantification.Neural.Models;

namespace MRSNode.Evaluation.Training;

/// <summary>Per-entry weights of the amplitude loss.</summary>
public static class LossWeights
{
    /// <summary>
    /// 1 / max(mean target, 5 % of the largest mean), scaled to average 1: a plain MSE would be all NAA and Glu, this
    /// lets the small metabolites count without letting the near-absent ones (whose targets are mostly noise) dominate.
    /// </summary>
    public static float[] InverseMean(IReadOnlyList<TrainingExample> examples, int entries)
    {
        ArgumentNullException.ThrowIfNull(examples);
        var mean = new double[entries];
        foreach (var e in examples)
        {
            for (int m = 0; m < entries; m++)
            {
                mean[m] += e.Targets[m] / examples.Count;
            }
        }
        double floor = 0.05 * mean.DefaultIfEmpty(0).Max();
        var w = mean.Select(x => 1 / Math.Max(x, Math.Max(floor, 1e-12))).ToArray();
        double average = w.Average();
        return w.Select(x => (float)(x / average)).ToArray();
    }
}
