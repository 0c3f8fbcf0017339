using System.Globalization;

namespace MRSNode.SpinSimulation.Sequences;

/// <summary>A localisation sequence at ideal-pulse level: what the engine runs, and how to name it in a basis set.</summary>
public interface ILocalizationSequence
{
    /// <summary>The sequence as <see cref="MRSNode.Spectroscopy.BasisSet.Sequence"/> spells it: PRESS, STEAM, sLASER, SPECIAL, MEGA-PRESS.</summary>
    string Name { get; }

    /// <summary>Its timing for the provenance text, e.g. "TE1 11 / TE2 19 ms", saying which values were assumed.</summary>
    string Timing { get; }

    PulseProgram Program { get; }
}

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
