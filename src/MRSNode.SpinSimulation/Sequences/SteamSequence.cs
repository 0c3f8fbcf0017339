namespace MRSNode.SpinSimulation.Sequences;

/// <summary>
/// STEAM: 90° – TE/2 – 90° – TM – 90° – TE/2 – stimulated echo. The crushers select the pathway p = +1 (first TE/2)
/// → 0 (TM) → −1 (detected); the filters keep exactly those terms, so zero-quantum coherences of coupled spins still
/// evolve during TM. The stimulated echo carries half the magnetisation of a spin echo; the basis is scaled ×2 so a
/// STEAM singlet has the same amplitude as a spin-echo one. The third pulse is about −y so the echo is positive.
/// </summary>
public sealed class SteamSequence : ILocalizationSequence
{
    /// <summary>Used when the acquisition does not state TM; TM moves only zero-quantum terms, a small effect.</summary>
    public const double DefaultMixingTimeMs = 10;

    private readonly bool _mixingTimeAssumed;

    public SteamSequence(double echoTimeMs, double? mixingTimeMs)
    {
        EchoTimeMs = IdealPulses.CheckTime(echoTimeMs, "TE");
        _mixingTimeAssumed = mixingTimeMs is null;
        MixingTimeMs = IdealPulses.CheckTime(mixingTimeMs ?? DefaultMixingTimeMs, "TM");
    }

    public double EchoTimeMs { get; }

    public double MixingTimeMs { get; }

    public string Name => "STEAM";

    public string Timing => _mixingTimeAssumed
        ? $"TE {IdealPulses.Ms(EchoTimeMs)} ms, TM {IdealPulses.Ms(MixingTimeMs)} ms assumed"
        : $"TE {IdealPulses.Ms(EchoTimeMs)} / TM {IdealPulses.Ms(MixingTimeMs)} ms";

    public PulseProgram Program => PulseProgram.OneRun(
    [
        IdealPulses.Excitation,
        new EvolutionStep(EchoTimeMs / 2),
        new CoherenceFilterStep(+1),
        new PulseStep(90, 90),
        new CoherenceFilterStep(0),
        new EvolutionStep(MixingTimeMs),
        new PulseStep(90, 270),
        new CoherenceFilterStep(-1),
        new EvolutionStep(EchoTimeMs / 2),
    ], weight: 2);
}
