using MRSNode.Spectroscopy.Mrsi;

namespace MRSNode.Quantification.Mrsi;

/// <summary>
/// The regions a reader is shown: the reported voxel of maximum Cho/NAA and a contralateral reference, the reported
/// voxel nearest its mirror image across the midline (the plane through the excited volume's centre, or the grid's,
/// normal to its row direction: left–right in an axial or coronal grid).
/// </summary>
public static class MrsiRegionFinder
{
    public const string MaximumLabel = "Maximum Cho/NAA";
    public const string ReferenceLabel = "Contralateral reference";

    /// <summary>The two regions, or none when no voxel has a Cho/NAA; only the maximum when no other voxel qualifies.</summary>
    public static IReadOnlyList<MrsiRegion> Find(MrsiGeometry geometry, IReadOnlyList<MetaboliteMap> maps)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        ArgumentNullException.ThrowIfNull(maps);
        var ratio = maps.FirstOrDefault(m => m.Name == MrsiMapNames.ChoNaa);
        if (ratio is null)
        {
            return [];
        }
        int maximum = -1;
        for (int i = 0; i < ratio.Values.Length; i++)
        {
            if (double.IsFinite(ratio.Values[i]) && (maximum < 0 || ratio.Values[i] > ratio.Values[maximum]))
            {
                maximum = i;
            }
        }
        if (maximum < 0)
        {
            return [];
        }
        var regions = new List<MrsiRegion> { Region(MaximumLabel, maximum, maps) };
        if (Contralateral(geometry, ratio, maximum) is { } reference)
        {
            regions.Add(Region(ReferenceLabel, reference, maps));
        }
        return regions;
    }

    /// <summary>The voxel with a Cho/NAA nearest the mirror image of <paramref name="index"/>'s centre, other than itself.</summary>
    public static int? Contralateral(MrsiGeometry geometry, MetaboliteMap ratio, int index)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        ArgumentNullException.ThrowIfNull(ratio);
        var (centre, axis) = geometry.Volume is { } v
            ? (v.CentreMm, v.RowDirection)
            : (GridCentre(geometry), geometry.RowDirection);
        var p = geometry.VoxelCentre(index);
        double d = 0;
        for (int k = 0; k < 3; k++)
        {
            d += (p[k] - centre[k]) * axis[k];
        }
        double[] mirror = [p[0] - 2 * d * axis[0], p[1] - 2 * d * axis[1], p[2] - 2 * d * axis[2]];
        int? best = null;
        double bestDistance = double.PositiveInfinity;
        for (int i = 0; i < ratio.Values.Length; i++)
        {
            if (i == index || !double.IsFinite(ratio.Values[i]))
            {
                continue;
            }
            var c = geometry.VoxelCentre(i);
            double distance = (c[0] - mirror[0]) * (c[0] - mirror[0]) + (c[1] - mirror[1]) * (c[1] - mirror[1]) + (c[2] - mirror[2]) * (c[2] - mirror[2]);
            if (distance < bestDistance)
            {
                (best, bestDistance) = (i, distance);
            }
        }
        return best;
    }

    private static double[] GridCentre(MrsiGeometry geometry)
    {
        var first = geometry.VoxelCentre(0);
        var last = geometry.VoxelCentre(geometry.Grid.VoxelCount - 1);
        return [(first[0] + last[0]) / 2, (first[1] + last[1]) / 2, (first[2] + last[2]) / 2];
    }

    private static MrsiRegion Region(string label, int index, IReadOnlyList<MetaboliteMap> maps) =>
        new(label, index, maps.Where(m => double.IsFinite(m.Values[index])).ToDictionary(m => m.Name, m => m.Values[index], StringComparer.Ordinal));
}
