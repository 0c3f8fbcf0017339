namespace MRSNode.SpinSimulation.Sequences;

/// <summary>
/// SPECIAL at ideal-pulse level: a spin echo 90° – TE/2 – 180° – TE/2. Its slice-selective inversion is switched on
/// and off between scans and the two are subtracted: that localises the third dimension but, with ideal pulses,
/// leaves the signal of the voxel a plain spin echo.
/// </summary>
public sealed class SpecialSequence(double echoTimeMs) : ILocalizationSequence
{
    public double EchoTimeMs { get; } = IdealPulses.CheckTime(echoTimeMs, "TE");

    public string Name => "SPECIAL";

    public string Timing => $"TE {IdealPulses.Ms(EchoTimeMs)} ms (ideal spin echo)";

    public PulseProgram Program => PulseProgram.OneRun(new PulseTimeline()
        .At(0, IdealPulses.Excitation)
        .At(EchoTimeMs / 2, IdealPulses.Refocusing)
        .EndingAt(EchoTimeMs));
}
