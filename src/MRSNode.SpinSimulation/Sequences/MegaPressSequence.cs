namespace MRSNode.SpinSimulation.Sequences;

/// <summary>
/// MEGA-PRESS at ideal-pulse level: PRESS plus two ideal selective 180° editing pulses at TE/4 and 3TE/4 (TE/2
/// apart, so in the ON scan the coupling to the inverted partner is refocused at the echo), inverting every spin
/// whose shift lies within the pulse's band: width 1/duration Hz (the FWHM of a Gaussian pulse is about that)
/// around the ON or OFF frequency. The basis is ON − OFF (default), ON or OFF. The crushers around the two PRESS
/// 180° pulses are modelled as coherence filters (p = −1 → +1 → −1): an edited spin whose editing pulse coincides
/// with a 180° (TE1 = TE2) is not refocused and is crushed, as in the scanner. Editing-pulse crushers are taken to
/// pass both the inverted and the untouched spins (equal pairs around the two editing pulses do).
/// </summary>
public sealed class MegaPressSequence : ILocalizationSequence
{
    private readonly PressSequence _press;

    private readonly double _frequencyMHz;

    /// <summary>The field is needed because the editing band is fixed in Hz, so its width in ppm depends on it.</summary>
    public MegaPressSequence(PressSequence press, EditingPulse editing, double frequencyMHz)
    {
        ArgumentNullException.ThrowIfNull(press);
        ArgumentNullException.ThrowIfNull(editing);
        if (!(editing.DurationMs > 0) || double.IsInfinity(editing.DurationMs))
        {
            throw new ArgumentOutOfRangeException(nameof(editing), editing.DurationMs, "the editing pulse duration must be positive (ms).");
        }
        _press = press;
        Editing = editing;
        _frequencyMHz = frequencyMHz;
    }

    public EditingPulse Editing { get; }

    /// <summary>Width of the ideal inversion band (Hz).</summary>
    public double BandwidthHz => 1000 / Editing.DurationMs;

    public string Name => "MEGA-PRESS";

    public string Timing => $"{_press.Timing}, editing {IdealPulses.Ms(Editing.OnPpm)} ppm ON / {IdealPulses.Ms(Editing.OffPpm)} ppm OFF, "
        + $"{IdealPulses.Ms(Editing.DurationMs)} ms ({BandwidthHz:0} Hz band), {SubSpectrumName}";

    private string SubSpectrumName => NameOf(Editing.SubSpectrum);

    public PulseProgram Program => EditedProgram(Editing, Steps);

    /// <summary>How a sub-spectrum is named in provenance texts.</summary>
    internal static string NameOf(EditingSubSpectrum subSpectrum) => subSpectrum switch
    {
        EditingSubSpectrum.On => "ON",
        EditingSubSpectrum.Off => "OFF",
        _ => "DIFF (ON − OFF)",
    };

    /// <summary>The ON scan, the OFF scan, or ON − OFF, from the steps of a scan editing at a given ppm (ideal or shaped editing pulses alike).</summary>
    internal static PulseProgram EditedProgram(EditingPulse editing, Func<double, IReadOnlyList<SequenceStep>> stepsEditingAt)
    {
        var on = new PulseProgramRun(1, stepsEditingAt(editing.OnPpm));
        var off = new PulseProgramRun(editing.SubSpectrum == EditingSubSpectrum.Difference ? -1 : 1, stepsEditingAt(editing.OffPpm));
        return editing.SubSpectrum switch
        {
            EditingSubSpectrum.On => new PulseProgram([on]),
            EditingSubSpectrum.Off => new PulseProgram([off]),
            _ => new PulseProgram([on, off]),
        };
    }

    private IReadOnlyList<SequenceStep> Steps(double editPpm)
    {
        double te = _press.Te1Ms + _press.Te2Ms;
        var edit = new PulseStep(180, 0, PpmBand.Around(editPpm, BandwidthHz / _frequencyMHz));
        return _press.Timeline(crushers: true).At(te / 4, edit).At(3 * te / 4, edit).EndingAt(te);
    }
}
