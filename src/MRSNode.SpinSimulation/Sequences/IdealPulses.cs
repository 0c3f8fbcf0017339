using System.Globalization;

namespace MRSNode.SpinSimulation.Sequences;

/// <summary>The pulses the ideal sequences share, with phases chosen so a singlet's echo is real and positive.</summary>
internal static class IdealPulses
{
    /// <summary>90° about y: Fz → +Fx.</summary>
    public static readonly PulseStep Excitation = new(90, 90);

    /// <summary>180° about x: refocuses +Fx to +Fx.</summary>
    public static readonly PulseStep Refocusing = new(180, 0);

    public static string Ms(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    public static double CheckTime(double ms, string name) =>
        ms >= 0 && !double.IsInfinity(ms) ? ms : throw new ArgumentOutOfRangeException(name, ms, $"{name} must be a time of zero or more (ms).");
}
