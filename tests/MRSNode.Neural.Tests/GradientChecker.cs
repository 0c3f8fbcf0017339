using MRSNode.Neural;
using MRSNode.Neural.Layers;

namespace MRSNode.Neural.Tests;

/// <summary>
/// Finite-difference check of a layer's backward pass in float32. The scalar loss is L = Σ wᵢ·yᵢ (fixed random w,
/// summed in double); for the input and each trainable parameter the analytic directional derivative ∇L·v is compared
/// with the central difference (L(θ+εv) − L(θ−εv))/2ε along random directions v, Richardson-extrapolated from ε and ε/2. Directional derivatives average the
/// float32 rounding of single coordinates away, so ε = 1e-2 (1e-3 at kinks) reaches relative errors near 1e-4; the
/// documented tolerance is 1e-3.
/// </summary>
internal static class GradientChecker
{
    public const double Tolerance = 1e-3;

    /// <summary>
    /// Denominator floors: along a direction where L is (nearly) flat — a bias before BatchNorm, or a random v almost
    /// orthogonal to ∇L — both values are float32 noise, so the error is measured against at least 1 % of the largest
    /// possible directional derivative ‖∇L‖·‖v‖ (and 1e-3 absolute).
    /// </summary>
    public const double AbsoluteFloor = 1e-3;

    public const double FloorFraction = 1e-2;

    /// <summary>The largest relative error over the input and every trainable parameter (3 directions each).</summary>
    public static double MaxRelativeError(Layer layer, Tensor input, int seed = 1, float epsilon = 1e-2f, bool training = true)
    {
        var random = new Random(seed);
        var output = layer.Forward(input, training);
        var weights = RandomArray(random, output.Length);
        layer.ZeroGradients();
        var gradInput = layer.Backward(Tensor.FromValues(weights, output.ShapeArray()));
        double Loss()
        {
            var y = layer.Forward(input, training).Span;
            double sum = 0;
            for (int i = 0; i < y.Length; i++)
            {
                sum += (double)weights[i] * y[i];
            }
            return sum;
        }
        var targets = new List<(Tensor Value, float[] Gradient)> { (input, gradInput.Span.ToArray()) };
        targets.AddRange(layer.Parameters().Where(p => p.Trainable).Select(p => (p.Value, p.Gradient.Span.ToArray())));
        double worst = 0;
        foreach (var (value, gradient) in targets)
        {
            for (int d = 0; d < 3; d++)
            {
                var v = RandomArray(random, value.Length);
                double analytic = 0, gradientNorm = 0, directionNorm = 0;
                for (int i = 0; i < v.Length; i++)
                {
                    analytic += (double)gradient[i] * v[i];
                    gradientNorm += (double)gradient[i] * gradient[i];
                    directionNorm += (double)v[i] * v[i];
                }
                double floor = Math.Max(AbsoluteFloor, FloorFraction * Math.Sqrt(gradientNorm * directionNorm));
                var original = value.Span.ToArray();
                double Central(float h)
                {
                    Perturb(value, original, v, h);
                    double plus = Loss();
                    Perturb(value, original, v, -h);
                    double minus = Loss();
                    original.CopyTo(value.Span);
                    return (plus - minus) / (2 * h);
                }
                // Richardson extrapolation of two central differences cancels the O(ε²) truncation term.
                double numeric = (4 * Central(epsilon / 2) - Central(epsilon)) / 3;
                double error = Math.Abs(analytic - numeric) / Math.Max(Math.Max(Math.Abs(analytic), Math.Abs(numeric)), floor);
                worst = Math.Max(worst, error);
                if (Environment.GetEnvironmentVariable("MRSNODE_GRADCHECK_TRACE") is not null)
                {
                    Console.WriteLine($"  {value} d{d}: analytic {analytic:G6} numeric {numeric:G6}");
                }
            }
        }
        return worst;
    }

    /// <summary>Normal values kept at least <paramref name="margin"/> away from 0 (so ReLU-type kinks are not crossed).</summary>
    public static Tensor RandomInput(int seed, float margin, params int[] shape)
    {
        var random = new Random(seed);
        var values = RandomArray(random, shape.Aggregate(1, (a, b) => a * b));
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = MathF.CopySign(margin + MathF.Abs(values[i]), values[i]);
        }
        return Tensor.FromValues(values, shape);
    }

    public static float[] RandomArray(Random random, int n)
    {
        var a = new float[n];
        for (int i = 0; i < n; i++)
        {
            a[i] = (float)(Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()));
        }
        return a;
    }

    private static void Perturb(Tensor value, float[] original, float[] direction, float epsilon)
    {
        var s = value.Span;
        for (int i = 0; i < s.Length; i++)
        {
            s[i] = original[i] + epsilon * direction[i];
        }
    }
}
