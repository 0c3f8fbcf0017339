namespace MRSNode.SpinSimulation.Sequences;

/// <summary>
/// PRESS: 90° – TE1/2 – 180° – (TE1 + TE2)/2 – 180° – TE2/2 – echo at TE = TE1 + TE2. With perfect 180° pulses every
/// coherence order is inverted exactly (p → −p), so the crushers around them select nothing the ideal pulses did not
/// already: no coherence filter is needed (a test checks the explicit p = +1 → −1 → +1 filter gives the same signal).
/// </summary>
public sealed class PressSequence : ILocalizationSequence
{
    public PressSequence(double te1Ms, double te2Ms, bool split = true)
    {
        Te1Ms = IdealPulses.CheckTime(te1Ms, "TE1");
        Te2Ms = IdealPulses.CheckTime(te2Ms, "TE2");
        Timing = split
            ? $"TE1 {IdealPulses.Ms(Te1Ms)} / TE2 {IdealPulses.Ms(Te2Ms)} ms"
            : $"TE {IdealPulses.Ms(Te1Ms + Te2Ms)} ms (TE1 = TE2 = {IdealPulses.Ms(Te1Ms)} ms assumed)";
    }

    public double Te1Ms { get; }

    public double Te2Ms { get; }

    public string Name => "PRESS";

    public string Timing { get; }

    public PulseProgram Program => PulseProgram.OneRun(Timeline().EndingAt(Te1Ms + Te2Ms));

    /// <summary>
    /// The pulses with their times; with <paramref name="crushers"/> each 180° is flanked by the filters its crusher
    /// pair imposes (p = −1 → +1 at the first, +1 → −1 at the second). MEGA-PRESS adds its editing pulses to it.
    /// </summary>
    internal PulseTimeline Timeline(bool crushers = false)
    {
        var timeline = new PulseTimeline().At(0, IdealPulses.Excitation);
        AddRefocusing(timeline, Te1Ms / 2, -1, crushers);
        AddRefocusing(timeline, Te1Ms + Te2Ms / 2, +1, crushers);
        return timeline;
    }

    private static void AddRefocusing(PulseTimeline timeline, double timeMs, int orderBefore, bool crushers)
    {
        if (crushers)
        {
            timeline.At(timeMs, new CoherenceFilterStep(orderBefore));
        }
        timeline.At(timeMs, IdealPulses.Refocusing);
        if (crushers)
        {
            timeline.At(timeMs, new CoherenceFilterStep(-orderBefore));
        }
    }

    /// <summary>TE1/TE2 from a request: as given, the missing one as TE minus the other, or TE/2 each when neither is given.</summary>
    public static PressSequence From(BasisSimulationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        double te = IdealPulses.CheckTime(request.EchoTimeMs, "TE");
        return (request.Te1Ms, request.Te2Ms) switch
        {
            (null, null) => new PressSequence(te / 2, te / 2, split: false),
            ({ } te1, { } te2) when Math.Abs(te1 + te2 - te) > 1e-6 =>
                throw new ArgumentException($"TE1 {te1} ms + TE2 {te2} ms is not TE {te} ms.", nameof(request)),
            ({ } te1, _) => new PressSequence(te1, te - te1),
            (null, { } te2) => new PressSequence(te - te2, te2),
        };
    }
}
