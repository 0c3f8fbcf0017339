using MRSNode.Neural.Backend;

namespace MRSNode.Neural.Layers;

/// <summary>Deterministic weight initialisation from the caller's seeded <see cref="Random"/>.</summary>
internal static class Initialisation
{
    /// <summary>He (Kaiming) uniform: U(−√(6/fanIn), √(6/fanIn)), for layers followed by (C/GE)ReLU.</summary>
    public static Tensor HeUniform(IComputeBackend backend, Random random, int fanIn, params int[] shape)
    {
        var t = backend.Allocate(shape);
        var host = new float[t.Length];
        double bound = Math.Sqrt(6.0 / fanIn);
        for (int i = 0; i < host.Length; i++)
        {
            host[i] = (float)((2 * random.NextDouble() - 1) * bound);
        }
        backend.Upload(host, t);
        return t;
    }

    public static Tensor Constant(IComputeBackend backend, float value, params int[] shape)
    {
        var t = backend.Allocate(shape);
        backend.Fill(t, value);
        return t;
    }
}
