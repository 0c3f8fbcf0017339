using MRSNode.SpinSimulation.Sequences;

namespace MRSNode.SpinSimulation.Pulses;

/// <summary>A sequence simulated with shaped pulses: says which, for the provenance text.</summary>
public interface IShapedPulseSequence : ILocalizationSequence
{
    /// <summary>E.g. "shaped pulses: HS1 R20 4.5 ms 1.2 kHz refocusing, 5×5 positions".</summary>
    string PulseDescription { get; }
}
