using MRSNode.SpinSimulation.Sequences;

namespace MRSNode.SpinSimulation.Pulses;

/// <summary>
/// A shaped pulse played over its duration (the engine integrates it step by step under the full Hamiltonian), with an
/// overall phase added to the waveform's (0° = about x). Its time in a <see cref="PulseTimeline"/> is its start.
/// </summary>
public sealed record ShapedPulseStep(ShapedPulse Pulse, double PhaseDegrees = 0) : SequenceStep;

/// <summary>
/// Integrates the density matrix over positions along one slice direction: the inner steps run once per position,
/// with that position's gradient offset (Hz, added to every spin's Zeeman term) seen by the shaped pulses among them,
/// and the results are summed, each times <see cref="WeightPerPosition"/>. Free evolution and filters inside are
/// position-independent (the gradient is on only during the pulses; crushers are the filters).
/// </summary>
public sealed record PositionAverageStep(IReadOnlyList<double> OffsetsHz, double WeightPerPosition, IReadOnlyList<SequenceStep> Steps) : SequenceStep;
