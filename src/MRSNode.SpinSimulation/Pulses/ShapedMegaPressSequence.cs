using System.Globalization;
using MRSNode.SpinSimulation.Sequences;

namespace MRSNode.SpinSimulation.Pulses;

/// <summary>
/// MEGA-PRESS with shaped editing pulses: the PRESS pulses stay ideal (with their crusher filters, as
/// <see cref="MegaPressSequence"/>), and the two editing pulses are Gaussian 180° pulses of the request's duration
/// centred at TE/4 and 3TE/4, played at the ON or OFF frequency. So the editing efficiency, and how far partners
/// near the edited frequency are partially inverted, come out as the pulse's own frequency profile makes them. No
/// spatial averaging: editing pulses are not slice-selective.
/// </summary>
public sealed class ShapedMegaPressSequence : IShapedPulseSequence
{
    /// <summary>Waveform steps of the editing pulse (100 µs for 14 ms): the sampling sidebands lie far outside the spectrum.</summary>
    public const int EditingSteps = 140;

    private readonly PressSequence _press;
    private readonly MegaPressSequence _ideal;
    private readonly double _frequencyMHz;
    private readonly double _referencePpm;
    private readonly ShapedPulse _gaussian;

    public ShapedMegaPressSequence(PressSequence press, EditingPulse editing, double frequencyMHz, double referencePpm)
    {
        _ideal = new MegaPressSequence(press, editing, frequencyMHz);
        _press = press;
        _frequencyMHz = frequencyMHz;
        _referencePpm = referencePpm;
        _gaussian = ShapedPulse.Gaussian(editing.DurationMs, 180, EditingSteps);
    }

    public EditingPulse Editing => _ideal.Editing;

    public string Name => _ideal.Name;

    public string Timing => $"{_press.Timing}, editing {IdealPulses.Ms(Editing.OnPpm)} ppm ON / {IdealPulses.Ms(Editing.OffPpm)} ppm OFF, "
        + $"{IdealPulses.Ms(Editing.DurationMs)} ms, {SubSpectrumName}";

    public string PulseDescription => string.Create(CultureInfo.InvariantCulture, $"shaped pulses: {_gaussian.Description} editing, ideal PRESS pulses");

    private string SubSpectrumName => MegaPressSequence.NameOf(Editing.SubSpectrum);

    public PulseProgram Program => MegaPressSequence.EditedProgram(Editing, Steps);

    private IReadOnlyList<SequenceStep> Steps(double editPpm)
    {
        double te = _press.Te1Ms + _press.Te2Ms, half = Editing.DurationMs / 2;
        var edit = new ShapedPulseStep(_gaussian.ShiftedBy(_frequencyMHz * (_referencePpm - editPpm), _gaussian.Description));
        double[] refocusing = [_press.Te1Ms / 2, _press.Te1Ms + _press.Te2Ms / 2];
        if (refocusing.Any(t => Math.Abs(t - te / 4) < half || Math.Abs(t - 3 * te / 4) < half))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"{Editing.DurationMs:0.###} ms editing pulses centred at TE/4 and 3TE/4 overlap a PRESS 180° (at {refocusing[0]:0.##} and {refocusing[1]:0.##} ms); use a shorter TE1 or ideal pulses."));
        }
        return _press.Timeline(crushers: true).At(te / 4 - half, edit).At(3 * te / 4 - half, edit).EndingAt(te);
    }
}
