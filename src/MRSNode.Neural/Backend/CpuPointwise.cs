using System.Numerics.Tensors;

namespace MRSNode.Neural.Backend;

/// <summary>Activations on the CPU.</summary>
internal static class CpuPointwise
{
    private static readonly float GeluC = MathF.Sqrt(2 / MathF.PI);
    private const float GeluA = 0.044715f;

    public static void ActivationForward(Activation activation, ReadOnlySpan<float> x, Span<float> y)
    {
        switch (activation)
        {
            case Activation.Relu:
                TensorPrimitives.Max(x, 0f, y);
                break;
            case Activation.Gelu:
                for (int i = 0; i < x.Length; i++)
                {
                    float v = x[i];
                    y[i] = 0.5f * v * (1 + MathF.Tanh(GeluC * (v + GeluA * v * v * v)));
                }
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(activation));
        }
    }

    public static void ActivationBackward(Activation activation, ReadOnlySpan<float> x, ReadOnlySpan<float> gy, Span<float> gx)
    {
        switch (activation)
        {
            case Activation.Relu:
                for (int i = 0; i < x.Length; i++)
                {
                    gx[i] = x[i] > 0 ? gy[i] : 0;
                }
                break;
            case Activation.Gelu:
                for (int i = 0; i < x.Length; i++)
                {
                    float v = x[i];
                    float t = MathF.Tanh(GeluC * (v + GeluA * v * v * v));
                    float d = 0.5f * (1 + t) + 0.5f * v * (1 - t * t) * GeluC * (1 + 3 * GeluA * v * v);
                    gx[i] = d * gy[i];
                }
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(activation));
        }
    }
}
