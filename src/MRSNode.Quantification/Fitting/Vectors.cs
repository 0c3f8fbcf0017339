using System.Numerics.Tensors;

namespace MRSNode.Quantification.Fitting;

/// <summary>Vector arithmetic of the fit, summed in index order (a vectorised sum would change the last digits).</summary>
internal static class Vectors
{
    public static double Dot(double[] a, double[] b)
    {
        double s = 0;
        for (int i = 0; i < a.Length; i++)
        {
            s += a[i] * b[i];
        }
        return s;
    }

    /// <summary><see cref="Dot(double[], double[])"/>, or with SIMD partial sums when <paramref name="vectorised"/> (last digits differ).</summary>
    public static double Dot(double[] a, double[] b, bool vectorised) => vectorised ? TensorPrimitives.Dot<double>(a, b) : Dot(a, b);

    /// <summary>a·b over <paramref name="support"/> only (where a is non-zero), with SIMD partial sums.</summary>
    public static double Dot(double[] a, double[] b, (int Start, int Length) support) =>
        TensorPrimitives.Dot<double>(a.AsSpan(support.Start, support.Length), b.AsSpan(support.Start, support.Length));
}
