using System.Globalization;
using System.Numerics;

namespace MRSNode.Spectroscopy.Readers;

/// <summary>
/// The one plausibility check of what a reader produced, applied by <see cref="MrsFormats.Read"/> to every
/// acquisition of every format: header values no scanner writes (a spectral width of 1e-300 Hz, 1e6 MHz, a TE of
/// NaN or −1 ms, a negative voxel) and samples that are not a spectrum (NaN, infinity, beyond any ADC's range, no
/// signal at all) are refused here, with the value and the expected range, instead of hanging or crashing the fit.
/// </summary>
public static class MrsPlausibility
{
    /// <summary>Points per FID: below this no line is resolved; above it the header is damaged (a clinical FID is 512–8192).</summary>
    public const int MinPoints = 32, MaxPoints = 1 << 20;

    /// <summary>Spectral width (Hz): clinical scanners acquire 1–10 kHz; outside 100 Hz–1 MHz the value is damaged.</summary>
    public const double MinSpectralWidthHz = 100, MaxSpectralWidthHz = 1e6;

    /// <summary>The field the transmitter frequency implies (T), for any nucleus: clinical 0.5–7 T, research and preclinical magnets up to 21.1 T.</summary>
    public const double MinFieldTesla = 0.2, MaxFieldTesla = 25;

    /// <summary>Echo and repetition time limits (ms): far beyond any spectroscopy protocol, so only damage is refused.</summary>
    public const double MaxEchoTimeMs = 10_000, MaxRepetitionTimeMs = 600_000;

    /// <summary>Voxel edge (mm): a whole-body field of view is under a metre.</summary>
    public const double MaxVoxelMm = 1000;

    /// <summary>
    /// Largest sample magnitude accepted: far above any scanner's scaled ADC values (float32 holds up to 3.4e38), low
    /// enough that the sums of squares a fit forms stay finite.
    /// </summary>
    public const double MaxSampleMagnitude = 1e30;

    /// <summary>Throws an <see cref="MrsReadException"/> naming the first implausible header value or sample defect.</summary>
    public static void Check(string path, MrsAcquisition acquisition)
    {
        ArgumentNullException.ThrowIfNull(acquisition);
        if (Problem(acquisition) is { } problem)
        {
            throw new MrsReadException(path, problem);
        }
    }

    /// <summary>Why an acquisition cannot be a spectrum, or null when every checked value is plausible.</summary>
    public static string? Problem(MrsAcquisition acquisition)
    {
        ArgumentNullException.ThrowIfNull(acquisition);
        return HeaderProblem(acquisition) ?? SampleProblem(acquisition);
    }

    private static string? HeaderProblem(MrsAcquisition a)
    {
        if (a.Points is < MinPoints or > MaxPoints)
        {
            return $"{a.Points} points per FID is not plausible (expected {MinPoints} to {MaxPoints}): the header is damaged";
        }
        if (!double.IsFinite(a.SpectralWidthHz) || a.SpectralWidthHz is < MinSpectralWidthHz or > MaxSpectralWidthHz)
        {
            return $"spectral width {Value(a.SpectralWidthHz)} Hz is not plausible (expected {MinSpectralWidthHz:0} Hz to {MaxSpectralWidthHz / 1e6:0} MHz): the header is damaged";
        }
        if (FrequencyProblem(a) is { } frequency)
        {
            return frequency;
        }
        if (!double.IsFinite(a.ReferencePpm))
        {
            return $"reference chemical shift {Value(a.ReferencePpm)} ppm is not a number: the header is damaged";
        }
        if (a.EchoTimeMs is { } te && (!double.IsFinite(te) || te < 0 || te > MaxEchoTimeMs))
        {
            return $"echo time (TE) {Value(te)} ms is not plausible (expected 0 to {MaxEchoTimeMs:0} ms): the header is damaged";
        }
        if (a.RepetitionTimeMs is { } tr && (!double.IsFinite(tr) || tr < 0 || tr > MaxRepetitionTimeMs))
        {
            return $"repetition time (TR) {Value(tr)} ms is not plausible (expected 0 to {MaxRepetitionTimeMs:0} ms): the header is damaged";
        }
        return LocalizationProblem(a.Localization);
    }

    private static string? FrequencyProblem(MrsAcquisition a)
    {
        double f = a.TransmitterFrequencyMHz;
        if (!Nuclei.IsKnown(a.Nucleus))
        {
            // Another reader check names an unknown nucleus; here only a value no magnet gives is refused.
            return double.IsFinite(f) && f > 0 && f <= MaxFieldTesla * 42.577478 ? null
                : $"transmitter frequency {Value(f)} MHz is not plausible: the header is damaged";
        }
        double gamma = Nuclei.GyromagneticRatioMHzPerTesla(a.Nucleus);
        double low = MinFieldTesla * gamma, high = MaxFieldTesla * gamma;
        if (!double.IsFinite(f) || f < low || f > high)
        {
            return $"transmitter frequency {Value(f)} MHz is not plausible for {Nuclei.Normalize(a.Nucleus)} " +
                $"(expected {low:0.#} to {high:0} MHz, a {MinFieldTesla} to {MaxFieldTesla:0} T magnet): the header is damaged";
        }
        return null;
    }

    private static string? LocalizationProblem(Localization localization)
    {
        if (localization.VoxelSizeMm is { } size && size.Any(s => !double.IsFinite(s) || s <= 0 || s > MaxVoxelMm))
        {
            return $"voxel size {string.Join(" × ", size.Select(Value))} mm is not plausible (each edge above 0 and up to {MaxVoxelMm:0} mm): the header is damaged";
        }
        if (localization.PositionMm is { } position && position.Any(p => !double.IsFinite(p)))
        {
            return "the voxel position is not a number: the header is damaged";
        }
        if (localization.Orientation is { } orientation && orientation.Any(o => !double.IsFinite(o)))
        {
            return "the voxel orientation is not a number: the header is damaged";
        }
        return null;
    }

    private static string? SampleProblem(MrsAcquisition a)
    {
        var data = a.Data;
        for (int i = 0; i < data.Length; i++)
        {
            var z = data[i];
            if (!double.IsFinite(z.Real) || !double.IsFinite(z.Imaginary))
            {
                return $"the spectroscopy data hold a sample that is not a number ({Value(z.Real)}, {Value(z.Imaginary)} at FID point {i % a.Points}): the data are damaged";
            }
            if (Math.Abs(z.Real) > MaxSampleMagnitude || Math.Abs(z.Imaginary) > MaxSampleMagnitude)
            {
                return $"the spectroscopy data hold a sample of {Value(Math.Max(Math.Abs(z.Real), Math.Abs(z.Imaginary)))}, beyond any scanner's range (at most {MaxSampleMagnitude:0e0}): the data are damaged";
            }
        }
        return HoldsSignal(data) ? null : "the spectrum holds no signal (every sample of the FID is " + (data[0] == Complex.Zero ? "zero" : "the same value") + ")";
    }

    /// <summary>False when every sample equals the first: all zero or a constant, no FID at all.</summary>
    private static bool HoldsSignal(Complex[] data)
    {
        var first = data[0];
        foreach (var z in data)
        {
            if (z != first)
            {
                return true;
            }
        }
        return false;
    }

    private static string Value(double v) => v.ToString("G4", CultureInfo.InvariantCulture);
}
