namespace MRSNode.SpinSimulation.Sequences;

/// <summary>
/// What the engine runs for one sequence: one or more runs from thermal equilibrium, each a list of steps ending at
/// the start of acquisition (the echo top); the basis FID is the weighted sum of the runs' signals (MEGA-PRESS DIFF:
/// ON − OFF; STEAM: ×2 so the stimulated echo is comparable to a spin echo).
/// </summary>
public sealed record PulseProgram(IReadOnlyList<PulseProgramRun> Runs)
{
    public static PulseProgram OneRun(IReadOnlyList<SequenceStep> steps, double weight = 1) => new([new PulseProgramRun(weight, steps)]);
}

/// <summary>One acquisition of a <see cref="PulseProgram"/> and the weight its signal enters the basis with.</summary>
public sealed record PulseProgramRun(double Weight, IReadOnlyList<SequenceStep> Steps);
