namespace MRSNode.SpinSimulation.Sequences;

/// <summary>The sequence a simulation request asks for: ideal pulses, or shaped ones where it asks for them.</summary>
public static class LocalizationSequences
{
    public static ILocalizationSequence For(BasisSimulationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Pulses == PulseModel.Shaped)
        {
            return Pulses.ShapedSequences.For(request);
        }
        return request.Sequence switch
        {
            LocalizationSequence.Press => PressSequence.From(request),
            LocalizationSequence.Steam => new SteamSequence(request.EchoTimeMs, request.MixingTimeMs),
            LocalizationSequence.SemiLaser => new SemiLaserSequence(request.EchoTimeMs),
            LocalizationSequence.Special => new SpecialSequence(request.EchoTimeMs),
            LocalizationSequence.MegaPress => new MegaPressSequence(PressSequence.From(request),
                request.Editing ?? throw new ArgumentException("MEGA-PRESS needs the editing pulse (ON/OFF ppm and duration).", nameof(request)),
                request.FrequencyMHz),
            _ => throw new ArgumentException($"unknown sequence {request.Sequence}.", nameof(request)),
        };
    }
}
