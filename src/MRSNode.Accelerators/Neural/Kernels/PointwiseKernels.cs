using ILGPU;

namespace MRSNode.Accelerators.Neural.Kernels;

/// <summary>One thread per element; the expressions are CpuBackend's (CpuPointwise, AdamWUpdate), so results agree to float rounding.</summary>
internal static class PointwiseKernels
{
    public const int Relu = 0;
    public const int Gelu = 1;

    // GELU's constants as CpuPointwise computes them (sqrt(2/π) in float).
    private const float GeluC = 0.7978846f;
    private const float GeluA = 0.044715f;

    public static void Fill(Index1D i, ArrayView<float> y, float value) => y[i] = value;

    public static void ActivationForward(Index1D i, ArrayView<float> x, ArrayView<float> y, int activation)
    {
        float v = x[i];
        y[i] = activation == Relu
            ? (v > 0 ? v : 0)
            : 0.5f * v * (1 + MathF.Tanh(GeluC * (v + GeluA * v * v * v)));
    }

    public static void ActivationBackward(Index1D i, ArrayView<float> x, ArrayView<float> gy, ArrayView<float> gx, int activation)
    {
        float v = x[i];
        if (activation == Relu)
        {
            gx[i] = v > 0 ? gy[i] : 0;
            return;
        }
        float t = MathF.Tanh(GeluC * (v + GeluA * v * v * v));
        float d = 0.5f * (1 + t) + 0.5f * v * (1 - t * t) * GeluC * (1 + 3 * GeluA * v * v);
        gx[i] = d * gy[i];
    }

    /// <summary>i over [Batch, block]: y[b] = (relu(x_b), relu(−x_b)).</summary>
    public static void CReluForward(Index1D i, ArrayView<float> x, ArrayView<float> y, int block)
    {
        int b = i / block, j = i % block;
        float v = x[i];
        y[2 * b * block + j] = v > 0 ? v : 0;
        y[(2 * b + 1) * block + j] = -v > 0 ? -v : 0;
    }

    public static void CReluBackward(Index1D i, ArrayView<float> x, ArrayView<float> gy, ArrayView<float> gx, int block)
    {
        int b = i / block, j = i % block;
        float v = x[i];
        gx[i] = v > 0 ? gy[2 * b * block + j] : v < 0 ? -gy[(2 * b + 1) * block + j] : 0;
    }

    public static void Multiply(Index1D i, ArrayView<float> a, ArrayView<float> b, ArrayView<float> y) => y[i] = a[i] * b[i];

    public static void Add(Index1D i, ArrayView<float> a, ArrayView<float> b, ArrayView<float> y) => y[i] = a[i] + b[i];

    public static void AddScaled(Index1D i, ArrayView<float> x, float alpha, ArrayView<float> y) => y[i] = x[i] * alpha + y[i];

    public static void Scale(Index1D i, ArrayView<float> x, float alpha) => x[i] = x[i] * alpha;

    /// <summary>The bias corrections and the decay factor come from the host (<see cref="AdamWArguments"/>), computed as CpuBackend does.</summary>
    public static void AdamW(Index1D i, ArrayView<float> p, ArrayView<float> g, ArrayView<float> m, ArrayView<float> v, AdamWArguments a)
    {
        float gi = g[i];
        float mi = a.Beta1 * m[i] + (1 - a.Beta1) * gi;
        float vi = a.Beta2 * v[i] + (1 - a.Beta2) * gi * gi;
        m[i] = mi;
        v[i] = vi;
        p[i] = p[i] * a.Decay - a.LearningRate * (mi * a.Correction1) / (MathF.Sqrt(vi * a.Correction2) + a.Epsilon);
    }
}

/// <summary>One AdamW step's scalars for the kernel.</summary>
internal readonly struct AdamWArguments(float learningRate, float beta1, float beta2, float epsilon, float decay, float correction1, float correction2)
{
    public readonly float LearningRate = learningRate;
    public readonly float Beta1 = beta1;
    public readonly float Beta2 = beta2;
    public readonly float Epsilon = epsilon;
    public readonly float Decay = decay;
    public readonly float Correction1 = correction1;
    public readonly float Correction2 = correction2;
}
