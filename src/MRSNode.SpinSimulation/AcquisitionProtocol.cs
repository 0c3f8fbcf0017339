using System.Globalization;
using MRSNode.Spectroscopy;

namespace MRSNode.SpinSimulation;

/// <summary>
/// The simulation an acquisition asks for, or why it cannot be simulated (<see cref="Refusal"/>, one sentence).
/// <see cref="Assumptions"/> names the timing the header did not state and a default filled in, for the report.
/// </summary>
public sealed record ProtocolRequest(BasisSimulationRequest? Request, string? Refusal)
{
    public IReadOnlyList<string> Assumptions { get; init; } = [];
}

/// <summary>
/// Maps an acquisition to the <see cref="BasisSimulationRequest"/> of its basis set: the field from its transmitter
/// frequency (to 0.01 MHz: closer scanners share one cached basis, the fit resamples to the exact frequency), its echo
/// time (to 0.1 ms), the sequence family from the localisation technique or else the sequence and protocol names
/// (Philips PRIME and Siemens svs_se are PRESS, svs_st STEAM), and a grid at least 4096 points and 4000 Hz that covers
/// the data's band and acquisition time. Headers state the total TE but rarely the PRESS half-echo split or the STEAM
/// mixing time; where they do not, the documented defaults below are used and named in
/// <see cref="ProtocolRequest.Assumptions"/>. A manifest entry's "simulate" block replaces any of them for a site's
/// protocol. One ¹H, single-voxel, unedited acquisition with a TE and a known sequence can be served; anything else
/// keeps its refusal.
/// </summary>
public static class AcquisitionProtocol
{
    /// <summary>TE1/TE for PRESS from a vendor without a default below (ISMRM 2016 fitting challenge basis: TE1 11, TE2 19 ms).</summary>
    public const double PressTe1Fraction = 11.0 / 30.0;

    /// <summary>The shortest TE2 (ms) a vendor's TE1 may leave; a shorter TE is split by <see cref="PressTe1Fraction"/>.</summary>
    public const double MinimumTe2Ms = 4;

    /// <summary>
    /// STEAM mixing time when the header does not state it: 32 ms, the CMRR 7 T STEAM (Tkáč et al. 2001, Magn Reson
    /// Med 46:451; Emir et al. 2012, NMR Biomed 25:152: TE 8, TM 32 ms) from which the research 7 T STEAM sequences derive.
    /// </summary>
    public const double DefaultMixingTimeMs = 32;

    /// <summary>
    /// The metabolites a simulated basis holds unless a site asks otherwise: the twenty of the basis the node ships
    /// (ISMRM 2016). The library's 2HG, serine and free choline are left out: fitted to a healthy spectrum they take
    /// signal that is not theirs (measured on the 7 T STEAM file: 2HG/tCr 0.34 at CRLB 24 %, a false IDH finding;
    /// free choline took most of tCho in the 1.5 T phantom), so they belong in a basis only where a protocol is for them.
    /// </summary>
    public static IReadOnlyList<string> DefaultMetabolites { get; } =
        ["Ala", "Asc", "Asp", "Cr", "GABA", "Glc", "Gln", "Glu", "Gly", "GPC", "GSH", "Ins", "Lac", "NAA", "NAAG", "PCho", "PCr", "PE", "sIns", "Tau"];

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
        var sequence = timing?.Sequence is { } stated ? Sequence(stated) : SequenceOf(acquisition);
        if (sequence is null)
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
            Sequence = sequence.Value,
            EchoTimeMs = te,
            Points = points,
            SpectralWidthHz = spectralWidth,
            Metabolites = DefaultMetabolites,
        };
        switch (timing?.Pulses?.Trim().ToUpperInvariant())
        {
            case null or "" or "IDEAL":
                break;
            case "SHAPED" when sequence == LocalizationSequence.SemiLaser:
                if (timing!.SpatialPoints is { } n && n < 1)
                {
                    return Refuse(Invariant($"the manifest asks for {n} spatial points per slice direction; at least 1 is needed"));
                }
                request = request with { Pulses = PulseModel.Shaped, SpatialPoints = timing.SpatialPoints };
                break;
            case "SHAPED":
                return Refuse($"the manifest asks for shaped pulses, which the simulator models for sLASER only, not {SequenceName(sequence.Value)}");
            default:
                return Refuse($"the manifest's pulses '{timing!.Pulses}' is neither 'ideal' nor 'shaped'");
        }
        var assumptions = new List<string>();
        if (sequence == LocalizationSequence.Press)
        {
            var (defaultTe1, source) = DefaultTe1(te, acquisition.Provenance.Manufacturer);
            // Rounded to 0.01 ms: 31.9 − 16.3 is 15.599999999999998 in binary, which reports would print as such.
            double te1 = timing?.Te1Ms ?? (timing?.Te2Ms is { } te2Given ? Math.Round(te - te2Given, 2) : defaultTe1);
            double te2 = timing?.Te2Ms ?? Math.Round(te - te1, 2);
            if (!(te1 > 0 && te2 > 0) || Math.Abs(te1 + te2 - te) > 0.05)
            {
                return Refuse(Invariant($"the manifest's PRESS timing TE1 {te1:0.##} + TE2 {te2:0.##} ms does not make the data's TE {te:0.##} ms"));
            }
            if (timing?.Te1Ms is null && timing?.Te2Ms is null)
            {
                assumptions.Add(Invariant($"PRESS TE1/TE2 not stated in the header: assumed {te1:0.##}/{te2:0.##} ms ({source})"));
            }
            request = request with { Te1Ms = te1, Te2Ms = te2 };
        }
        else if (sequence == LocalizationSequence.Steam)
        {
            double? tm = timing?.MixingTimeMs ?? acquisition.Localization.MixingTimeMs;
            if (tm is null)
            {
                assumptions.Add(Invariant($"STEAM mixing time not stated in the header: assumed {DefaultMixingTimeMs:0.##} ms (CMRR 7 T STEAM, Tkáč 2001)"));
            }
            request = request with { MixingTimeMs = tm ?? DefaultMixingTimeMs };
        }
        return new ProtocolRequest(request, null) { Assumptions = assumptions };
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
            _ when s.Contains("STEAM", StringComparison.Ordinal) || s.Contains("SVSST", StringComparison.Ordinal) => LocalizationSequence.Steam,
            _ when s.Contains("SPECIAL", StringComparison.Ordinal) => LocalizationSequence.Special,
            // Philips names its PRESS "PRIME" in (0018,9054); Siemens' PRESS is svs_se.
            _ when s.Contains("PRESS", StringComparison.Ordinal) || s.Contains("PRIME", StringComparison.Ordinal) || s.Contains("SVSSE", StringComparison.Ordinal) => LocalizationSequence.Press,
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

    /// <summary>The sequence from the technique, else the sequence name, else the protocol name (a technique that names no known sequence refuses).</summary>
    internal static LocalizationSequence? SequenceOf(MrsAcquisition acquisition)
    {
        var p = acquisition.Provenance;
        return acquisition.Localization.Technique is { } technique
            ? Sequence(technique)
            : Sequence(p.SequenceName) ?? Sequence(p.ProtocolName);
    }

    /// <summary>
    /// PRESS TE1 (ms) per vendor, as MRSCloud (Hui et al. 2022, the simulator behind Osprey's basis sets; its
    /// load_parameters.m) times the product short-TE PRESS for unedited basis sets: Philips 16.3, Siemens 16.4,
    /// GE 14.7 ms; TE2 = TE − TE1. These are 3 T timings, used at every field. Another vendor, or a TE too short
    /// for the vendor's TE1, is split as the ISMRM 2016 basis was (<see cref="PressTe1Fraction"/>).
    /// </summary>
    internal static (double Te1Ms, string Source) DefaultTe1(double te, string? manufacturer)
    {
        var m = manufacturer?.Trim().ToUpperInvariant() ?? "";
        (double Te1, string Vendor)? vendor = m.Contains("PHILIPS", StringComparison.Ordinal) ? (16.3, "Philips")
            : m.Contains("SIEMENS", StringComparison.Ordinal) ? (16.4, "Siemens")
            : m.StartsWith("GE", StringComparison.Ordinal) || m.Contains("GENERAL ELECTRIC", StringComparison.Ordinal) ? (14.7, "GE")
            : null;
        return vendor is { } v && te - v.Te1 >= MinimumTe2Ms
            ? (v.Te1, $"the {v.Vendor} short-TE PRESS TE1 of MRSCloud/Osprey")
            : (Math.Round(te * PressTe1Fraction, 1), "split 11:19 as the ISMRM 2016 basis: no vendor TE1 fits");
    }

    /// <summary>The smallest power of two ≥ 4096 that holds the data's acquisition time at the basis's width.</summary>
    private static int Points(double needed)
    {
        int points = MinimumPoints;
        while (points < needed * (1 - 1e-6) && points < 1 << 16)
        {
            points *= 2;
        }
        return points;
    }

    private static ProtocolRequest Refuse(string why) => new(null, why);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
