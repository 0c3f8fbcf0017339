using System.Globalization;
using System.Numerics;
using MRSNode.Spectroscopy;

namespace MRSNode.SpinSimulation;

/// <summary>
/// What to simulate for one acquisition, and which parts of it the header did not state (so the report can say the
/// timing was assumed).
/// </summary>
public sealed record SimulationProtocol(BasisSimulationRequest Request, IReadOnlyList<string> Assumptions);

/// <summary>
/// Maps an acquisition (field, TE, localisation sequence, sampling) onto the <see cref="BasisSimulationRequest"/> of
/// its own protocol. Headers state the total TE but rarely the PRESS half-echo split or the STEAM mixing time; where
/// they do not, a documented per-vendor default is used and listed in <see cref="SimulationProtocol.Assumptions"/>.
/// </summary>
public static class AcquisitionProtocol
{
    /// <summary>The shortest second half-echo (ms) a vendor default may leave; a shorter TE is split in halves.</summary>
    private const double MinimumTe2Ms = 4;

    /// <summary>The basis's minimum band and duration: LCModel's usual 4000 Hz and 4096 points.</summary>
    private const double MinimumSpectralWidthHz = 4000;
    private const int MinimumPoints = 4096;

    /// <summary>
    /// STEAM mixing time when the header does not state it: 32 ms, the CMRR 7 T STEAM of Tkáč et al. 2001 (Magn Reson
    /// Med 46:451, TE 6 ms, TM 32 ms) on which the Siemens research STEAM sequences at 7 T are built.
    /// </summary>
    public const double DefaultMixingTimeMs = 32;

    /// <summary>The simulation protocol of <paramref name="acquisition"/>.</summary>
    /// <exception cref="BasisSetSelectionException">The header does not say which localisation sequence or TE it used.</exception>
    public static SimulationProtocol From(MrsAcquisition acquisition)
    {
        ArgumentNullException.ThrowIfNull(acquisition);
        if (acquisition.EchoTimeMs is not { } te || !(te > 0))
        {
            throw new BasisSetSelectionException("no basis set can be simulated: the acquisition does not state its echo time");
        }
        var sequence = Sequence(acquisition)
            ?? throw new BasisSetSelectionException(
                $"no basis set can be simulated: the localisation sequence is not recognised (technique '{acquisition.Localization.Technique ?? "none"}', sequence '{acquisition.Provenance.SequenceName ?? "none"}')");
        var assumptions = new List<string>();
        double sw = Math.Max(MinimumSpectralWidthHz, acquisition.SpectralWidthHz);
        int points = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(MinimumPoints, Math.Round(sw * acquisition.Points / acquisition.SpectralWidthHz)));
        var request = new BasisSimulationRequest
        {
            FrequencyMHz = acquisition.TransmitterFrequencyMHz,
            Sequence = sequence,
            EchoTimeMs = te,
            Points = points,
            SpectralWidthHz = sw,
        };
        request = sequence switch
        {
            LocalizationSequence.Press => WithPressSplit(request, acquisition.Provenance.Manufacturer, assumptions),
            LocalizationSequence.Steam => WithMixingTime(request, acquisition.Localization.MixingTimeMs, assumptions),
            _ => request,
        };
        return new SimulationProtocol(request, assumptions);
    }

    /// <summary>The sequence family from the technique, sequence and protocol names (PRIME and svs_se are PRESS, svs_st STEAM).</summary>
    internal static LocalizationSequence? Sequence(MrsAcquisition acquisition)
    {
        foreach (var name in new[] { acquisition.Localization.Technique, acquisition.Provenance.SequenceName, acquisition.Provenance.ProtocolName })
        {
            if (FromName(name) is { } sequence)
            {
                return sequence;
            }
        }
        return null;
    }

    private static LocalizationSequence? FromName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }
        var s = name.ToUpperInvariant();
        bool Has(string token) => s.Contains(token, StringComparison.Ordinal);
        // Order matters: "sLASER" contains "LASER", "MEGA-PRESS" contains "PRESS".
        return Has("MEGA") ? LocalizationSequence.MegaPress
            : Has("SLASER") || Has("SEMI-LASER") || Has("SEMILASER") || Has("LASER") ? LocalizationSequence.SemiLaser
            : Has("STEAM") || Has("SVS_ST") ? LocalizationSequence.Steam
            : Has("SPECIAL") ? LocalizationSequence.Special
            : Has("PRESS") || Has("SVS_SE") || Has("PRIME") ? LocalizationSequence.Press
            : null;
    }

    /// <summary>
    /// PRESS TE1 (ms) per vendor, as MRSCloud (Hui et al. 2022, the basis-set simulator behind Osprey) times the
    /// product short-TE PRESS for unedited basis sets: Philips 16.3, Siemens 16.4, GE 14.7 ms; TE2 = TE − TE1.
    /// These are 3 T product timings, used at every field; an unknown vendor is split in halves.
    /// </summary>
    internal static double? VendorTe1Ms(string? manufacturer)
    {
        var m = manufacturer?.ToUpperInvariant() ?? "";
        return m.Contains("PHILIPS", StringComparison.Ordinal) ? 16.3
            : m.Contains("SIEMENS", StringComparison.Ordinal) ? 16.4
            : m.Contains("GE ", StringComparison.Ordinal) || m.StartsWith("GE", StringComparison.Ordinal) || m.Contains("GENERAL ELECTRIC", StringComparison.Ordinal) ? 14.7
            : null;
    }

    private static BasisSimulationRequest WithPressSplit(BasisSimulationRequest request, string? manufacturer, List<string> assumptions)
    {
        double te = request.EchoTimeMs;
        double? vendorTe1 = VendorTe1Ms(manufacturer);
        bool fits = vendorTe1 is { } v && te - v >= MinimumTe2Ms;
        double te1 = fits ? vendorTe1!.Value : te / 2;
        string source = fits ? $"the {Vendor(manufacturer)} short-TE PRESS default of MRSCloud/Osprey" : "TE split in halves: no vendor default fits";
        assumptions.Add(string.Create(CultureInfo.InvariantCulture,
            $"PRESS TE1/TE2 not stated in the header: assumed {te1:0.##}/{te - te1:0.##} ms ({source})"));
        return request with { Te1Ms = te1, Te2Ms = te - te1 };
    }

    private static BasisSimulationRequest WithMixingTime(BasisSimulationRequest request, double? statedMs, List<string> assumptions)
    {
        if (statedMs is { } tm)
        {
            return request with { MixingTimeMs = tm };
        }
        assumptions.Add(string.Create(CultureInfo.InvariantCulture,
            $"STEAM mixing time not stated in the header: assumed {DefaultMixingTimeMs:0.##} ms (Tkáč et al. 2001, 7 T STEAM)"));
        return request with { MixingTimeMs = DefaultMixingTimeMs };
    }

    private static string Vendor(string? manufacturer) =>
        manufacturer?.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "vendor";
}
