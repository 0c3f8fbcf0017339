using MRSNode.Quantification.Neural.Physics;

namespace MRSNode.Quantification.Neural.Models;

/// <summary>A value range the head maps tanh(z) onto: centre ± half-width (the simulation range widened by 25 %).</summary>
public sealed record HeadRange(double Centre, double HalfWidth)
{
    public static HeadRange Around(double min, double max) => new((min + max) / 2, Math.Max(1e-6, (max - min) / 2 * 1.25));
}

/// <summary>
/// Turns the encoder's raw outputs z into the imperfection vector θ and back-propagates through that map. The
/// zero-order phase is atan2(z₀, z₁) (no wrap-around at ±π); every other factor is centre + half·tanh(z), so
/// predictions stay near the trained ranges. Also the supervised loss on the factors themselves (QNet trains them
/// against the simulation truth): (tanh z − u*)² on the scaled factors and 1 − cos(φ̂₀ − φ₀) on the phase.
/// </summary>
public sealed class ImperfectionHead(Imperfections layout, HeadRange phase1, HeadRange shift, HeadRange damping, HeadRange gaussian)
{
    public Imperfections Layout { get; } = layout;
    public HeadRange Phase1 { get; } = phase1;
    public HeadRange Shift { get; } = shift;
    public HeadRange Damping { get; } = damping;
    public HeadRange Gaussian { get; } = gaussian;

    /// <summary>Raw outputs: (sin, cos) of φ₀, then one per remaining factor.</summary>
    public int Outputs => Layout.Length + 1;

    public double[] Map(ReadOnlySpan<float> z)
    {
        var theta = new double[Layout.Length];
        theta[Imperfections.Phase0] = Math.Atan2(z[0], z[1]);
        for (int i = 1; i < Layout.Length; i++)
        {
            var r = RangeOf(i);
            theta[i] = r.Centre + r.HalfWidth * Math.Tanh(z[i + 1]);
        }
        return theta;
    }

    /// <summary>∂L/∂z from ∂L/∂θ, plus (when <paramref name="truth"/> is given) the factor loss's own gradient with weight <paramref name="weight"/>; returns that loss.</summary>
    public double Backward(ReadOnlySpan<float> z, ReadOnlySpan<double> gradTheta, ReadOnlySpan<double> truth, double weight, Span<float> gradZ)
    {
        double s = z[0], c = z[1], r2 = Math.Max(s * s + c * c, 1e-12);
        double phi = Math.Atan2(s, c);
        double gPhi = gradTheta[Imperfections.Phase0];
        double loss = 0;
        if (!truth.IsEmpty)
        {
            double d = phi - truth[Imperfections.Phase0];
            loss += weight * (1 - Math.Cos(d));
            gPhi += weight * Math.Sin(d);
        }
        gradZ[0] = (float)(gPhi * c / r2);
        gradZ[1] = (float)(-gPhi * s / r2);
        for (int i = 1; i < Layout.Length; i++)
        {
            var range = RangeOf(i);
            double t = Math.Tanh(z[i + 1]);
            double g = gradTheta[i] * range.HalfWidth;
            if (!truth.IsEmpty)
            {
                double u = (truth[i] - range.Centre) / range.HalfWidth;
                loss += weight * (t - u) * (t - u);
                g += weight * 2 * (t - u);
            }
            gradZ[i + 1] = (float)(g * (1 - t * t));
        }
        return loss;
    }

    private HeadRange RangeOf(int index) =>
        index == Imperfections.Phase1 ? Phase1
        : index == Layout.Gaussian ? Gaussian
        : index < 2 + Layout.Groups ? Shift
        : Damping;
}
