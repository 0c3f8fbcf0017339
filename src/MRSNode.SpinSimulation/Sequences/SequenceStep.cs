namespace MRSNode.SpinSimulation.Sequences;

/// <summary>One step of an ideal-pulse sequence, applied to the density matrix in order.</summary>
public abstract record SequenceStep;

/// <summary>
/// An ideal (instantaneous) pulse: flip angle and phase (0° = about x, 90° = about y). With a <see cref="Band"/> it
/// rotates only the spins whose shift lies in it (an ideal selective pulse, e.g. a MEGA editing inversion); without
/// one it rotates every spin (a hard pulse).
/// </summary>
public sealed record PulseStep(double FlipDegrees, double PhaseDegrees, PpmBand? Band = null) : SequenceStep;

/// <summary>Free evolution under the spin Hamiltonian (shifts and couplings) for a time.</summary>
public sealed record EvolutionStep(double Milliseconds) : SequenceStep;

/// <summary>
/// Keeps only the density-matrix terms of one coherence order p = M_r − M_s, as the sequence's crusher gradients do
/// (e.g. p = 0 during STEAM's mixing time). The receiver detects p = −1.
/// </summary>
public sealed record CoherenceFilterStep(int Order) : SequenceStep;

/// <summary>A chemical-shift band [LowPpm, HighPpm].</summary>
public sealed record PpmBand(double LowPpm, double HighPpm)
{
    public bool Contains(double ppm) => ppm >= LowPpm && ppm <= HighPpm;

    public static PpmBand Around(double centrePpm, double widthPpm) => new(centrePpm - widthPpm / 2, centrePpm + widthPpm / 2);
}
