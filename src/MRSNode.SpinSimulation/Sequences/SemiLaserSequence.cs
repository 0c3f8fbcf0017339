namespace MRSNode.SpinSimulation.Sequences;

/// <summary>
/// Semi-LASER at ideal-pulse level: 90° then four 180° pulses at τ, 3τ, 5τ, 7τ (spacings τ, 2τ, 2τ, 2τ, τ) with
/// τ = TE/8, echo at TE. Real sLASER uses adiabatic pulse pairs whose timing and finite length shape coupled
/// multiplets; this level omits that (see docs/basis-simulation.md).
/// </summary>
public sealed class SemiLaserSequence(double echoTimeMs) : ILocalizationSequence
{
    public double EchoTimeMs { get; } = IdealPulses.CheckTime(echoTimeMs, "TE");

    public string Name => "sLASER";

    public string Timing => $"TE {IdealPulses.Ms(EchoTimeMs)} ms (four 180° pulses, spacing TE/8, TE/4, TE/4, TE/4, TE/8)";

    public PulseProgram Program
    {
        get
        {
            double tau = EchoTimeMs / 8;
            return PulseProgram.OneRun(new PulseTimeline()
                .At(0, IdealPulses.Excitation)
                .At(tau, IdealPulses.Refocusing)
                .At(3 * tau, IdealPulses.Refocusing)
                .At(5 * tau, IdealPulses.Refocusing)
                .At(7 * tau, IdealPulses.Refocusing)
                .EndingAt(EchoTimeMs));
        }
    }
}
