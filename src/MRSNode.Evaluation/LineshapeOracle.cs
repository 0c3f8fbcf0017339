using System.Numerics;
using MRSNode.Pipeline;
using MRSNode.Spectroscopy.Simulation;

namespace MRSNode.Evaluation;

/// <summary>
/// What the amplitudes alone can give on a simulated spectrum when everything else is known: each component's true
/// lineshape (shift, damping, Gaussian, phases) and the noise SD. The model is then linear, y = Σ a_j·c_j + n with complex
/// white noise of SD σ per real component, and two estimates bound what a method can reach:
/// <list type="bullet">
/// <item>non-negative least squares on the true components: what QNet's least-squares layer gives when the network's
/// imperfection factors are exact (no method that solves for amplitudes without a prior does better on average);</item>
/// <item>the posterior median under the simulation's own amplitude prior (uniform on a box): the Bayes estimate that
/// minimises the expected absolute error, so no estimator, a network trained on that prior included, has a lower
/// expected Σ|a − â| when it must also infer the lineshapes.</item>
/// </list>
/// The posterior is a Gaussian truncated to the box; it is sampled by Gibbs sweeps over the amplitudes, each conditional
/// a one-dimensional truncated normal.
/// </summary>
public static class LineshapeOracle
{
    /// <summary>Non-negative least squares of <paramref name="fid"/> on <paramref name="components"/> (coordinate descent to convergence).</summary>
    public static double[] LeastSquares(IReadOnlyList<Complex[]> components, ReadOnlySpan<Complex> fid)
    {
        var (g, h) = NormalEquations(components, fid);
        int k = h.Length;
        var a = new double[k];
        var upper = Enumerable.Repeat(double.PositiveInfinity, k).ToArray();
        Descend(g, h, a, new double[k], upper);
        return a;
    }

    /// <summary>
    /// Least squares within the box [<paramref name="lower"/>, <paramref name="upper"/>]: the posterior's mode under a
    /// uniform prior on the box, what a least-squares layer gives when it clamps to the training ranges.
    /// </summary>
    public static double[] BoxLeastSquares(IReadOnlyList<Complex[]> components, ReadOnlySpan<Complex> fid, double[] lower, double[] upper)
    {
        var (g, h) = NormalEquations(components, fid);
        var a = StartInBox(lower, upper, h.Length);
        Descend(g, h, a, lower, upper);
        return a;
    }

    /// <summary>
    /// Draws from the posterior of the amplitudes given <paramref name="fid"/>, noise SD <paramref name="noiseSd"/> per
    /// real component and a uniform prior on [<paramref name="lower"/>, <paramref name="upper"/>]: for each amplitude its
    /// <paramref name="sweeps"/> Gibbs draws after <paramref name="burnIn"/>, sorted (so any quantile is an index), seeded
    /// so the same call gives the same answer. Without noise the posterior is the point of least squares in the box.
    /// </summary>
    public static double[][] PosteriorSamples(IReadOnlyList<Complex[]> components, ReadOnlySpan<Complex> fid, double noiseSd, double[] lower, double[] upper, int seed, int sweeps = 4000, int burnIn = 500)
    {
        var (g, h) = NormalEquations(components, fid);
        int k = h.Length;
        var a = StartInBox(lower, upper, k);
        // Start where the posterior is heaviest: the box-constrained least-squares solution (its mode).
        Descend(g, h, a, lower, upper);
        if (!(noiseSd > 0))
        {
            return a.Select(v => new[] { v }).ToArray(); // no noise: the posterior is a point
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(sweeps, 1);
        var random = new Random(seed);
        var r = Residual(g, h, a);
        var samples = new double[k][];
        for (int j = 0; j < k; j++)
        {
            samples[j] = new double[sweeps];
        }
        for (int sweep = -burnIn; sweep < sweeps; sweep++)
        {
            for (int j = 0; j < k; j++)
            {
                if (g[j, j] <= 0)
                {
                    // A component with no signal: the likelihood says nothing, so its draws are the prior's.
                    a[j] = lower[j] + (upper[j] - lower[j]) * random.NextDouble();
                    continue;
                }
                double mean = a[j] + r[j] / g[j, j], sd = noiseSd / Math.Sqrt(g[j, j]);
                double next = mean + sd * TruncatedStandardNormal((lower[j] - mean) / sd, (upper[j] - mean) / sd, random);
                next = Math.Clamp(next, lower[j], upper[j]);
                Move(g, r, a, j, next);
            }
            if (sweep >= 0)
            {
                for (int j = 0; j < k; j++)
                {
                    samples[j][sweep] = a[j];
                }
            }
        }
        foreach (var draws in samples)
        {
            Array.Sort(draws);
        }
        return samples;
    }

    /// <summary>The <paramref name="q"/>-quantile of sorted draws (nearest rank).</summary>
    public static double Quantile(double[] sorted, double q)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        return sorted[Math.Clamp((int)Math.Round(q * (sorted.Length - 1)), 0, sorted.Length - 1)];
    }

    private static double[] StartInBox(double[] lower, double[] upper, int k)
    {
        ArgumentNullException.ThrowIfNull(lower);
        ArgumentNullException.ThrowIfNull(upper);
        if (lower.Length != k || upper.Length != k)
        {
            throw new ArgumentException($"{k} components but {lower.Length} lower and {upper.Length} upper bounds.");
        }
        for (int j = 0; j < k; j++)
        {
            if (!(lower[j] <= upper[j]) || !double.IsFinite(lower[j]) || !double.IsFinite(upper[j]))
            {
                throw new ArgumentException($"component {j}: the prior [{lower[j]}, {upper[j]}] is not a finite interval.");
            }
        }
        return (double[])lower.Clone();
    }

    /// <summary>
    /// A draw from the standard normal truncated to [<paramref name="lower"/>, <paramref name="upper"/>] by rejection
    /// (Robert 1995): plain normal draws when the interval holds the centre and is wide, an exponential proposal in a
    /// tail, a uniform proposal on a narrow interval.
    /// </summary>
    public static double TruncatedStandardNormal(double lower, double upper, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (!(lower <= upper))
        {
            throw new ArgumentException($"empty interval [{lower}, {upper}]");
        }
        if (lower == upper)
        {
            return lower;
        }
        if (upper < 0)
        {
            return -TruncatedStandardNormal(-upper, -lower, random);
        }
        if (lower <= 0 && upper - lower >= 2)
        {
            // At least about a third of N(0, 1) lies in the interval.
            while (true)
            {
                double z = StandardNormal.Draw(random);
                if (z >= lower && z <= upper)
                {
                    return z;
                }
            }
        }
        if (lower > 0 && upper - lower > 1 / Math.Max(lower, 1))
        {
            // Tail: exponential proposal from the lower edge with Robert's optimal rate.
            double rate = (lower + Math.Sqrt(lower * lower + 4)) / 2;
            while (true)
            {
                double z = lower - Math.Log(1 - random.NextDouble()) / rate;
                if (z <= upper && random.NextDouble() <= Math.Exp(-(z - rate) * (z - rate) / 2))
                {
                    return z;
                }
            }
        }
        // Narrow interval: uniform proposal, accepted in proportion to the density over its largest value on the interval.
        double peak = lower > 0 ? lower * lower : 0;
        while (true)
        {
            double z = lower + (upper - lower) * random.NextDouble();
            if (random.NextDouble() <= Math.Exp((peak - z * z) / 2))
            {
                return z;
            }
        }
    }

    /// <summary>G = Re(CᴴC), h = Re(Cᴴy): the real normal equations of the complex linear model.</summary>
    private static (double[,] G, double[] H) NormalEquations(IReadOnlyList<Complex[]> components, ReadOnlySpan<Complex> fid)
    {
        ArgumentNullException.ThrowIfNull(components);
        int k = components.Count, n = fid.Length;
        if (components.Any(c => c.Length != n))
        {
            throw new ArgumentException($"every component must have the FID's {n} points.");
        }
        var g = new double[k, k];
        var h = new double[k];
        for (int i = 0; i < k; i++)
        {
            var ci = components[i];
            double hi = 0;
            for (int t = 0; t < n; t++)
            {
                hi += ci[t].Real * fid[t].Real + ci[t].Imaginary * fid[t].Imaginary;
            }
            h[i] = hi;
            for (int j = 0; j <= i; j++)
            {
                var cj = components[j];
                double gij = 0;
                for (int t = 0; t < n; t++)
                {
                    gij += ci[t].Real * cj[t].Real + ci[t].Imaginary * cj[t].Imaginary;
                }
                g[i, j] = g[j, i] = gij;
            }
        }
        return (g, h);
    }

    /// <summary>Projected coordinate descent on ½aᵀGa − hᵀa within the box, until no amplitude moves by more than 1e-13 of the largest.</summary>
    private static void Descend(double[,] g, double[] h, double[] a, double[] lower, double[] upper)
    {
        int k = h.Length;
        var r = Residual(g, h, a);
        for (int sweep = 0; sweep < 200_000; sweep++)
        {
            double largestMove = 0, largest = 0;
            for (int j = 0; j < k; j++)
            {
                if (g[j, j] <= 0)
                {
                    continue;
                }
                double next = Math.Clamp(a[j] + r[j] / g[j, j], lower[j], upper[j]);
                largestMove = Math.Max(largestMove, Math.Abs(next - a[j]));
                Move(g, r, a, j, next);
                largest = Math.Max(largest, Math.Abs(a[j]));
            }
            if (largestMove <= 1e-13 * Math.Max(largest, 1e-300))
            {
                return;
            }
        }
    }

    /// <summary>r = h − G·a, the negative gradient.</summary>
    private static double[] Residual(double[,] g, double[] h, double[] a)
    {
        var r = (double[])h.Clone();
        for (int i = 0; i < h.Length; i++)
        {
            for (int j = 0; j < h.Length; j++)
            {
                r[i] -= g[i, j] * a[j];
            }
        }
        return r;
    }

    private static void Move(double[,] g, double[] r, double[] a, int j, double value)
    {
        double delta = value - a[j];
        if (delta == 0)
        {
            return;
        }
        a[j] = value;
        for (int i = 0; i < r.Length; i++)
        {
            r[i] -= g[i, j] * delta;
        }
    }
}
