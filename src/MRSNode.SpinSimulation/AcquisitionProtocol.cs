using System.Globalization;
using MRSNode.Spectroscopy;

namespace MRSNode.SpinSimulation;

/// <summary>The simulation an acquisition asks for, or why it cannot be simulated (<see cref="Refusal"/>, one sentence).</summary>
public sealed record ProtocolRequest(BasisSimulationRequest? Request, string? Refusal);

/// <summary>
/// Maps an acquisition to the <see cref="BasisSimulationRequest"/> of its basis set: the field from its transmitter
/// frequency (to 0.01 MHz: closer scanners share one cached basis, the fit resamples to the exact frequency), its echo
/// time (to 0.1 ms), the sequence family from <see cref="Localization.Technique"/>, and a grid at least 4096 points and
/// 4000 Hz that covers the data's band and acquisition time. Timing the files do not carry uses the defaults below
/// (ideal pulses): PRESS splits TE as the ISMRM 2016 basis did (TE1 = 11/30 TE: 11 + 19 ms at TE 30), STEAM uses
/// TM 10 ms. A manifest entry's "simulate" block replaces any of them for a site's protocol. One ¹H, single-voxel,
/// unedited acquisition with a TE and a known sequence can be served; anything else keeps its refusal.
/// </summary>
public static class AcquisitionProtocol
{
    /// <summary>TE1/TE for PRESS when nothing says otherwise (ISMRM 2016 fitting challenge basis: TE1 11, TE2 19 ms).</summary>
    public const double PressTe1Fraction = 11.0 / 30.0;

    /// <summary>STEAM mixing time when nothing says otherwise (the vendors' short-TE default).</summary>
    public const double DefaultMixingTimeMs = 10;

    public const int MinimumPoints = 4096;
    public const double MinimumSpectralWidthHz = 4000;

    public static ProtocolRequest For(MrsAcquisition acquisition, BasisSimulationOverride? timing = null)
    {
        ArgumentNullException.ThrowIfNull(acquisition);
        if (Nuclei.Normalize(acquisition.Nucleus) != Nuclei.Normalize("1H"))
        {
            return Refuse($"the nucleus is {acquisition.Nucleus}; basis sets are simulated for ¹H only");
        }
        if (acquisition.EchoTimeMs is not { } te || !(te > 0))
        {
            return Refuse("the data do not state their echo time");
        }
        var technique = timing?.Sequence ?? acquisition.Localization.Technique;
        if (Sequence(technique) is not { } sequence)
        {
            return Refuse(technique is null
                ? "the data do not state their localisation sequence (PRESS, STEAM, sLASER or SPECIAL)"
                : $"the localisation sequence '{technique}' is not one the simulator models (PRESS, STEAM, sLASER, SPECIAL)");
        }
        te = Math.Round(te, 1);
        double spectralWidth = timing?.SpectralWidthHz ?? Math.Max(MinimumSpectralWidthHz, Math.Ceiling(acquisition.SpectralWidthHz));
        int points = timing?.Points ?? Points(acquisition.Points / acquisition.SpectralWidthHz * spectralWidth);
        var request = new BasisSimulationRequest
        {
            FrequencyMHz = Math.Round(acquisition.TransmitterFrequencyMHz, 2),
            Sequence = sequence,
            EchoTimeMs = te,
            Points = points,
            SpectralWidthHz = spectralWidth,
        };
        if (sequence == LocalizationSequence.Press)
        {
            double te1 = timing?.Te1Ms ?? (timing?.Te2Ms is { } te2Given ? te - te2Given : Math.Round(te * PressTe1Fraction, 1));
            double te2 = timing?.Te2Ms ?? te - te1;
            if (!(te1 > 0 && te2 > 0) || Math.Abs(te1 + te2 - te) > 0.05)
            {
                return Refuse(Invariant($"the manifest's PRESS timing TE1 {te1:0.##} + TE2 {te2:0.##} ms does not make the data's TE {te:0.##} ms"));
            }
            request = request with { Te1Ms = te1, Te2Ms = te2 };
        }
        else if (sequence == LocalizationSequence.Steam)
        {
            request = request with { MixingTimeMs = timing?.MixingTimeMs ?? DefaultMixingTimeMs };
        }
        return new ProtocolRequest(request, null);
    }

    /// <summary>The simulator's sequence for a technique name (PRESS, STEAM, sLASER/LASER/semi-LASER, SPECIAL), or null.</summary>
    public static LocalizationSequence? Sequence(string? technique)
    {
        var s = technique?.Trim().ToUpperInvariant().Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal);
        return s switch
        {
            null or "" => null,
            _ when s.Contains("MEGA", StringComparison.Ordinal) => null, // edited: refused before the basis is chosen
            _ when s.Contains("SLASER", StringComparison.Ordinal) || s.Contains("SEMILASER", StringComparison.Ordinal) || s == "LASER" => LocalizationSequence.SemiLaser,
            _ when s.Contains("STEAM", StringComparison.Ordinal) => LocalizationSequence.Steam,
            _ when s.Contains("SPECIAL", StringComparison.Ordinal) => LocalizationSequence.Special,
            _ when s.Contains("PRESS", StringComparison.Ordinal) => LocalizationSequence.Press,
            _ => null,
        };
    }

    /// <summary>The sequence as reports name it: PRESS, STEAM, sLASER, SPECIAL, MEGA-PRESS.</summary>
    public static string SequenceName(LocalizationSequence sequence) => sequence switch
    {
        LocalizationSequence.Press => "PRESS",
        LocalizationSequence.Steam => "STEAM",
        LocalizationSequence.SemiLaser => "sLASER",
        LocalizationSequence.Special => "SPECIAL",
        LocalizationSequence.MegaPress => "MEGA-PRESS",
        _ => sequence.ToString(),
    };

    /// <summary>The smallest power of two ≥ 4096 that holds the data's acquisition time at the basis's width.</summary>
    private static int Points(double needed)
    {
        int points = MinimumPoints;
        while (points < needed && points < 1 << 16)
        {
            points *= 2;
        }
        return points;
    }

    private static ProtocolRequest Refuse(string why) => new(null, why);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
