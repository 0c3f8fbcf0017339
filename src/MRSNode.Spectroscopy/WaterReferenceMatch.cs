using System.Globalization;

namespace MRSNode.Spectroscopy;

/// <summary>
/// Whether a water reference may scale a metabolite acquisition. <see cref="Refusal"/>: why it must not (then it is
/// not used and the study gets ratios only). <see cref="Caveat"/>: what could not be checked (it is used, and the
/// report says so).
/// </summary>
public sealed record WaterPairing(string? Refusal, string? Caveat)
{
    public bool Usable => Refusal is null;
}

/// <summary>
/// The one check that a water reference belongs to a metabolite acquisition, for the node's pairing of series and
/// for files given explicitly: the same echo time, the same voxel (position and size) and the same frame of
/// reference where both state one. Water scaling divides the metabolite signal by the water signal of the same
/// tissue, with a relaxation correction (ATTH2O) for the metabolite TE: another voxel or another TE gives a
/// concentration of something else, with nothing in the spectra to show it.
/// <para>Decision on unknown geometry: when either side does not state its voxel position and size (formats such
/// as LCModel .RAW and text carry none), the pair is used and the caveat says the geometry was not checked, since
/// refusing would take concentrations away from every such study. A frame of reference is compared only where both
/// carry one (DICOM); an unknown TE likewise gives a caveat.</para>
/// </summary>
public static class WaterReferenceMatch
{
    /// <summary>Some sites acquire water at a short TE for tissue correction; ATTH2O here assumes the metabolite TE, so the same ±3 ms as the basis check.</summary>
    public const double EchoTimeToleranceMs = 3.0;

    /// <summary>Both series come from one planned VOI: scanners repeat the position to 0.01 mm, so 1 mm means another placement.</summary>
    public const double PositionToleranceMm = 1.0;

    /// <summary>Relative size difference per edge: 1 % is 0.2 mm of a 20 mm edge, well beyond rounding in the headers.</summary>
    public const double SizeToleranceFraction = 0.01;

    public static WaterPairing Check(MrsAcquisition metabolite, MrsAcquisition water)
    {
        ArgumentNullException.ThrowIfNull(metabolite);
        ArgumentNullException.ThrowIfNull(water);
        var refusals = new List<string>();
        var notCompared = new List<string>();
        if (metabolite.Provenance.FrameOfReferenceUid is { } mFor && water.Provenance.FrameOfReferenceUid is { } wFor
            && !string.Equals(mFor, wFor, StringComparison.Ordinal))
        {
            refusals.Add("it has another frame of reference (another session, or the patient was repositioned)");
        }
        if (metabolite.EchoTimeMs is { } mTe && water.EchoTimeMs is { } wTe)
        {
            if (Math.Abs(mTe - wTe) > EchoTimeToleranceMs)
            {
                refusals.Add(Invariant($"it was acquired at TE {wTe:0.#} ms, the metabolites at TE {mTe:0.#} ms (the water scaling's relaxation correction assumes the same TE)"));
            }
        }
        else
        {
            notCompared.Add("echo time");
        }
        var (mPos, wPos) = (metabolite.Localization.PositionMm, water.Localization.PositionMm);
        if (mPos is { Length: 3 } && wPos is { Length: 3 })
        {
            double distance = Math.Sqrt(Enumerable.Range(0, 3).Sum(i => (mPos[i] - wPos[i]) * (mPos[i] - wPos[i])));
            if (distance > PositionToleranceMm)
            {
                refusals.Add(Invariant($"its voxel is {distance:0.#} mm from the metabolite voxel"));
            }
        }
        else
        {
            notCompared.Add("voxel position");
        }
        var (mSize, wSize) = (metabolite.Localization.VoxelSizeMm, water.Localization.VoxelSizeMm);
        if (mSize is { Length: 3 } && wSize is { Length: 3 })
        {
            if (Enumerable.Range(0, 3).Any(i => Math.Abs(mSize[i] - wSize[i]) > SizeToleranceFraction * Math.Max(Math.Abs(mSize[i]), Math.Abs(wSize[i]))))
            {
                refusals.Add($"its voxel is {Size(wSize)} mm, the metabolite voxel {Size(mSize)} mm");
            }
        }
        else
        {
            notCompared.Add("voxel size");
        }
        return new WaterPairing(
            refusals.Count == 0 ? null : string.Join("; ", refusals),
            notCompared.Count == 0 ? null : $"the water reference's {string.Join(", ", notCompared)} could not be compared with the metabolite data's (not stated in the files): water scaling assumes the same voxel and TE");
    }

    private static string Size(double[] size) => string.Join("×", size.Select(s => s.ToString("0.#", CultureInfo.InvariantCulture)));

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);
}
