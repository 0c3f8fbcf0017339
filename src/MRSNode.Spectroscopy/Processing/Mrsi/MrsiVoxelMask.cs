using System.Numerics;
using MRSNode.Spectroscopy.Mrsi;

namespace MRSNode.Spectroscopy.Processing.Mrsi;

/// <summary>What a voxel is to preprocessing and fitting.</summary>
public enum MrsiVoxelClass
{
    /// <summary>No signal above the noise (outside the head).</summary>
    NoSignal,
    /// <summary>Lipid-dominated: the scalp/skull ring, the lipid basis.</summary>
    LipidRing,
    /// <summary>Has signal but lies outside the excited box.</summary>
    OutsideVolume,
    /// <summary>Inside the box (or anywhere without one), with signal and not lipid-dominated: fitted.</summary>
    Brain,
}

/// <summary>
/// Sorts an MRSI grid's voxels by content and geometry: signal = the largest magnitude in 0.8–4.2 ppm at least
/// <see cref="SignalToNoise"/> × the spectral noise SD; lipid-dominated = the largest magnitude in 0.8–1.8 ppm at least
/// <see cref="LipidToMetaboliteRatio"/> × that in 1.9–3.4 ppm (NAA, Cr, Cho); of the rest, those outside the box from
/// the geometry (when it states one) are not brain.
/// </summary>
public sealed record MrsiVoxelMask(IReadOnlyList<MrsiVoxelClass> Classes)
{
    public const double SignalToNoise = 5;
    public const double LipidToMetaboliteRatio = 4;

    public int Count(MrsiVoxelClass kind) => Classes.Count(c => c == kind);

    public bool[] Of(MrsiVoxelClass kind) => [.. Classes.Select(c => c == kind)];

    public static MrsiVoxelMask Classify(MrsAcquisition acquisition, MrsiGeometry? geometry = null)
    {
        ArgumentNullException.ThrowIfNull(acquisition);
        geometry ??= acquisition.Localization.Geometry;
        var axis = acquisition.Axis;
        var classes = new MrsiVoxelClass[acquisition.Voxels];
        for (int v = 0; v < acquisition.Voxels; v++)
        {
            var fid = Mean(acquisition, v);
            var spectrum = SpectralAxis.Spectrum(fid);
            double noise = FidMath.SpectralNoiseSd(fid, spectrum, axis);
            double lipid = Max(spectrum, axis, 0.8, 1.8), metabolites = Max(spectrum, axis, 1.9, 3.4);
            bool inside = geometry is null || geometry.Volume is null || v >= geometry.Grid.VoxelCount || geometry.InsideVolume(v);
            bool signal = Math.Max(lipid, Max(spectrum, axis, 1.9, 4.2)) >= SignalToNoise * noise;
            bool lipidDominated = lipid >= LipidToMetaboliteRatio * metabolites;
            classes[v] = !signal ? MrsiVoxelClass.NoSignal
                : lipidDominated ? MrsiVoxelClass.LipidRing
                : !inside ? MrsiVoxelClass.OutsideVolume
                : MrsiVoxelClass.Brain;
        }
        return new MrsiVoxelMask(classes);
    }

    /// <summary>The voxel's FID averaged over transients and summed over coils (enough to classify it).</summary>
    private static Complex[] Mean(MrsAcquisition a, int voxel)
    {
        if (a.Averages == 1 && a.Coils == 1)
        {
            return a.Fid(voxel).ToArray();
        }
        var sum = new Complex[a.Points];
        for (int avg = 0; avg < a.Averages; avg++)
        {
            for (int c = 0; c < a.Coils; c++)
            {
                var fid = a.Fid(voxel, avg, c);
                for (int t = 0; t < a.Points; t++)
                {
                    sum[t] += fid[t];
                }
            }
        }
        return sum;
    }

    internal static double Max(Complex[] spectrum, SpectralAxis axis, double low, double high)
    {
        var (a, b) = FidMath.Bins(axis, low, high);
        double max = 0;
        for (int k = a; k <= b; k++)
        {
            max = Math.Max(max, spectrum[k].Magnitude);
        }
        return max;
    }
}
