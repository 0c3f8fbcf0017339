using MRSNode.SpinSimulation.Sequences;

namespace MRSNode.SpinSimulation.Pulses;

/// <summary>The shaped-pulse sequence a request with <see cref="PulseModel.Shaped"/> asks for.</summary>
public static class ShapedSequences
{
    public static IShapedPulseSequence For(BasisSimulationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Sequence switch
        {
            LocalizationSequence.SemiLaser => new ShapedSemiLaserSequence(request.EchoTimeMs, request.FrequencyMHz, request.ReferencePpm,
                request.SpatialPoints ?? ShapedSemiLaserSequence.DefaultSpatialPoints),
            LocalizationSequence.MegaPress => new ShapedMegaPressSequence(PressSequence.From(request),
                request.Editing ?? throw new ArgumentException("MEGA-PRESS needs the editing pulse (ON/OFF ppm and duration).", nameof(request)),
                request.FrequencyMHz, request.ReferencePpm),
            _ => throw new ArgumentException(
                $"shaped pulses are modelled for sLASER and MEGA-PRESS; {request.Sequence} is simulated with ideal pulses.", nameof(request)),
        };
    }
}
