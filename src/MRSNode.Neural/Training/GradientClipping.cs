using MRSNode.Neural.Backend;
using MRSNode.Neural.Layers;

namespace MRSNode.Neural.Training;

/// <summary>Rescales all gradients together when their global L2 norm exceeds a limit (Pascanu et al. 2013).</summary>
public static class GradientClipping
{
    /// <summary>Returns the norm before clipping.</summary>
    public static double ClipByGlobalNorm(IComputeBackend backend, IEnumerable<Parameter> parameters, double maxNorm)
    {
        ArgumentNullException.ThrowIfNull(backend);
        var trainable = parameters.Where(p => p.Trainable).ToList();
        double norm = Math.Sqrt(trainable.Sum(p => backend.SumOfSquares(p.Gradient)));
        if (norm > maxNorm && norm > 0)
        {
            foreach (var p in trainable)
            {
                backend.Scale(p.Gradient, (float)(maxNorm / norm));
            }
        }
        return norm;
    }
}
