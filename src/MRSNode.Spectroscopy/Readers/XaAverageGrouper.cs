using System.Numerics;

namespace MRSNode.Spectroscopy.Readers;

/// <summary>
/// Siemens XA "save all averages" exports one DICOM object per transient (Number of Averages 1 in each).
/// This puts the files of one series back together: acquisitions that share a Series Instance UID,
/// hold exactly one average each (AcquiredAverages 1), come from different SOP instances and have
/// identical parameters become one
/// acquisition with Averages = file count, ordered by Instance Number (then SOP Instance UID), with
/// every source SOP Instance UID listed. Everything else passes through unchanged.
/// </summary>
public static class XaAverageGrouper
{
    private const double Tolerance = 1e-6;

    public static IReadOnlyList<MrsAcquisition> Group(IEnumerable<MrsAcquisition> acquisitions)
    {
        ArgumentNullException.ThrowIfNull(acquisitions);
        var all = acquisitions.ToList();
        var result = new List<MrsAcquisition>();
        var used = new HashSet<MrsAcquisition>(ReferenceEqualityComparer.Instance);
        foreach (var first in all)
        {
            if (used.Contains(first))
            {
                continue;
            }
            if (!IsSingleAverage(first))
            {
                result.Add(first);
                used.Add(first);
                continue;
            }
            // One average per file: two acquisitions of the same instance (Philips metabolite + water) never combine.
            var group = new List<MrsAcquisition>();
            var instances = new HashSet<string>(StringComparer.Ordinal);
            foreach (var candidate in all)
            {
                if (!used.Contains(candidate) && IsSingleAverage(candidate) && SameAcquisition(first, candidate)
                    && candidate.Provenance.SopInstanceUids.All(instances.Add))
                {
                    group.Add(candidate);
                    used.Add(candidate);
                }
            }
            result.Add(group.Count == 1 ? first : Combine(group));
        }
        return result;
    }

    private static bool IsSingleAverage(MrsAcquisition a) =>
        a.Averages == 1 && a.AcquiredAverages == 1 && !string.IsNullOrEmpty(a.Provenance.SeriesInstanceUid);

    /// <summary>Same series, shape and acquisition parameters (the role is not compared: single averages are noisy).</summary>
    private static bool SameAcquisition(MrsAcquisition a, MrsAcquisition b) =>
        string.Equals(a.Provenance.SeriesInstanceUid, b.Provenance.SeriesInstanceUid, StringComparison.Ordinal)
        && a.Points == b.Points && a.Coils == b.Coils && a.Voxels == b.Voxels
        && Close(a.SpectralWidthHz, b.SpectralWidthHz) && Close(a.TransmitterFrequencyMHz, b.TransmitterFrequencyMHz)
        && string.Equals(a.Nucleus, b.Nucleus, StringComparison.Ordinal) && Close(a.ReferencePpm, b.ReferencePpm)
        && Close(a.EchoTimeMs, b.EchoTimeMs) && Close(a.RepetitionTimeMs, b.RepetitionTimeMs)
        && string.Equals(a.Localization.Technique, b.Localization.Technique, StringComparison.Ordinal)
        && a.Localization.Grid == b.Localization.Grid
        && Close(a.Localization.VoxelSizeMm, b.Localization.VoxelSizeMm)
        && Close(a.Localization.PositionMm, b.Localization.PositionMm)
        && Close(a.Localization.Orientation, b.Localization.Orientation);

    private static MrsAcquisition Combine(List<MrsAcquisition> group)
    {
        var ordered = group
            .OrderBy(a => a.Provenance.InstanceNumber ?? int.MaxValue)
            .ThenBy(a => a.Provenance.SopInstanceUids.Count > 0 ? a.Provenance.SopInstanceUids[0] : "", StringComparer.Ordinal)
            .ToList();
        var first = ordered[0];
        int n = ordered.Count, points = first.Points, coils = first.Coils, voxels = first.Voxels;
        // Layout: ((voxel × Averages + average) × Coils + coil) × Points + t.
        var data = new Complex[(long)voxels * n * coils * points];
        for (int a = 0; a < n; a++)
        {
            for (int v = 0; v < voxels; v++)
            {
                for (int c = 0; c < coils; c++)
                {
                    ordered[a].Fid(v, 0, c).CopyTo(data.AsSpan(((v * n + a) * coils + c) * points, points));
                }
            }
        }
        var roles = ordered.Select(a => a.Role).Distinct().ToList();
        var combined = first.Copy(data, points, n, coils, voxels,
            roles.Count == 1 ? roles[0] : AcquisitionRole.Unknown,
            acquiredAverages: n,
            first.Provenance with { SopInstanceUids = ordered.SelectMany(a => a.Provenance.SopInstanceUids).ToList() });
        // Single averages can disagree on the role (noise): the mean decides.
        return roles.Count == 1 ? combined : combined.WithRole(RoleClassifier.Classify(combined));
    }

    private static bool Close(double a, double b) => Math.Abs(a - b) <= Tolerance * Math.Max(1, Math.Max(Math.Abs(a), Math.Abs(b)));

    private static bool Close(double? a, double? b) => a is null ? b is null : b is not null && Close(a.Value, b.Value);

    private static bool Close(double[]? a, double[]? b) =>
        a is null ? b is null : b is not null && a.Length == b.Length && a.Zip(b).All(p => Close(p.First, p.Second));
}
