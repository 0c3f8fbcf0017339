using System.Globalization;

namespace MRSNode.SpinSimulation.Pulses;

/// <summary>
/// A shaped RF pulse as a piecewise-constant waveform: per step its B1 amplitude (as the nutation frequency γB1/2π,
/// Hz) and phase (radians; 0 = about x), over a total duration. Built in code from analytic shapes, no files.
/// </summary>
public sealed class ShapedPulse
{
    /// <summary>HS1 truncation: sech(β) = 0.01, the usual choice (Garwood &amp; DelaBarre 2001).</summary>
    public static readonly double Hs1Beta = Math.Acosh(100);

    private ShapedPulse(string description, double durationMs, double[] amplitudeHz, double[] phaseRadians)
    {
        Description = description;
        DurationMs = durationMs;
        AmplitudeHz = amplitudeHz;
        PhaseRadians = phaseRadians;
    }

    /// <summary>For the provenance text, e.g. "HS1 R20 4.5 ms 1.2 kHz".</summary>
    public string Description { get; }

    public double DurationMs { get; }

    public IReadOnlyList<double> AmplitudeHz { get; }

    public IReadOnlyList<double> PhaseRadians { get; }

    public int Steps => AmplitudeHz.Count;

    public double StepSeconds => DurationMs / 1000 / Steps;

    /// <summary>
    /// HS1 adiabatic full passage (Garwood &amp; DelaBarre 2001, J Magn Reson 153:155): amplitude B1·sech(βτ),
    /// frequency sweep (BW/2)·tanh(βτ) over τ ∈ [−1, 1], BW = R/duration. The phase is the sweep's analytic integral,
    /// 2π·R/(4β)·ln cosh(βτ). Inverts every offset within ±BW/2 once B1 exceeds the adiabatic threshold.
    /// </summary>
    public static ShapedPulse Hs1(double durationMs, double bandwidthTimeProduct, double peakB1Hz, int steps)
    {
        Check(durationMs, steps);
        double beta = Hs1Beta;
        var amplitude = new double[steps];
        var phase = new double[steps];
        for (int k = 0; k < steps; k++)
        {
            double tau = 2 * (k + 0.5) / steps - 1;
            amplitude[k] = peakB1Hz / Math.Cosh(beta * tau);
            phase[k] = 2 * Math.PI * bandwidthTimeProduct / (4 * beta) * Math.Log(Math.Cosh(beta * tau));
        }
        return new ShapedPulse(string.Create(CultureInfo.InvariantCulture, $"HS1 R{bandwidthTimeProduct:0.#} {durationMs:0.###} ms {peakB1Hz / 1000:0.###} kHz"),
            durationMs, amplitude, phase);
    }

    /// <summary>
    /// A Gaussian selective pulse truncated at ±3σ (σ = duration/6), B1 scaled so its area gives
    /// <paramref name="flipDegrees"/> on resonance (as MEGA editing pulses, e.g. 14 ms 180°).
    /// </summary>
    public static ShapedPulse Gaussian(double durationMs, double flipDegrees, int steps)
    {
        Check(durationMs, steps);
        var shape = new double[steps];
        for (int k = 0; k < steps; k++)
        {
            double x = 6 * ((k + 0.5) / steps - 0.5);
            shape[k] = Math.Exp(-x * x / 2);
        }
        // Σ 2π·a_k·dt = θ.
        double scale = flipDegrees / 360 / (shape.Sum() * durationMs / 1000 / steps);
        return new ShapedPulse(string.Create(CultureInfo.InvariantCulture, $"Gaussian {durationMs:0.###} ms {flipDegrees:0.#}°"),
            durationMs, shape.Select(s => s * scale).ToArray(), new double[steps]);
    }

    /// <summary>
    /// The same pulse with its carrier moved by <paramref name="offsetHz"/> (MRSNode's sign, as the engine's
    /// offsets): a linear phase ramp, zero at the pulse's centre.
    /// </summary>
    public ShapedPulse ShiftedBy(double offsetHz, string description)
    {
        double dt = StepSeconds;
        var phase = PhaseRadians.Select((p, k) => p + 2 * Math.PI * offsetHz * ((k + 0.5) * dt - DurationMs / 2000)).ToArray();
        return new ShapedPulse(description, DurationMs, AmplitudeHz.ToArray(), phase);
    }

    private static void Check(double durationMs, int steps)
    {
        if (!(durationMs > 0) || double.IsInfinity(durationMs))
        {
            throw new ArgumentOutOfRangeException(nameof(durationMs), durationMs, "a pulse lasts a positive time (ms).");
        }
        if (steps < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(steps), steps, "a pulse has at least one step.");
        }
    }
}
