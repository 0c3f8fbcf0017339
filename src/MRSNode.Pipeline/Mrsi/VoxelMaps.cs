using System.Globalization;
using MRSNode.Quantification;
using MRSNode.Quantification.Metabolites;
using MRSNode.Quantification.Mrsi;
using MRSNode.Spectroscopy.Mrsi;

namespace MRSNode.Pipeline.Mrsi;

/// <summary>
/// Per-voxel QC and the maps over the grid from each fitted voxel's <see cref="LcmResult"/>: a voxel is reported when
/// its SNR, linewidth and creatine fit pass (<see cref="MinimumSnr"/>, <see cref="MaximumLinewidthPpm"/>,
/// <see cref="MaximumCrlbPercent"/>); a metabolite is left blank in a reported voxel when its CRLB is over the limit,
/// and lactate also where lipids at 1.3 ppm mask it (<see cref="LipidContent.LactateMaskedAtOrAbove"/>). Regions: the
/// voxel of maximum Cho/NAA and its contralateral reference (the column mirrored about the fitted region's centre).
/// </summary>
public static class VoxelMaps
{
    public const double MinimumSnr = 5;
    public const double MaximumLinewidthPpm = 0.15;
    public const double MaximumCrlbPercent = 50;

    /// <summary>The metabolite maps, each a pool or metabolite of the fit, in fit amplitude (the same scale in every voxel).</summary>
    public static IReadOnlyList<string> Metabolites { get; } = ["tNAA", "tCr", "tCho", "Ins", "Glx", "Lac"];

    public const string MaximumChoNaa = "maximum Cho/NAA";
    public const string Contralateral = "contralateral reference";

    /// <param name="fits">The fit of each fitted voxel (null: the fit failed, with its reason in <paramref name="failures"/>); voxels absent were not fitted.</param>
    public static MrsiQuantification Build(MrsiGeometry geometry, IReadOnlyDictionary<int, LcmResult?> fits, IReadOnlyDictionary<int, string> failures, IReadOnlyList<string> notes)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        ArgumentNullException.ThrowIfNull(fits);
        ArgumentNullException.ThrowIfNull(failures);
        int count = geometry.Grid.VoxelCount;
        var voxels = new List<MrsiVoxelResult>(count);
        for (int i = 0; i < count; i++)
        {
            voxels.Add(!fits.TryGetValue(i, out var fit) ? new MrsiVoxelResult(i, VoxelState.NotFitted, "outside the excited volume", null)
                : fit is null ? new MrsiVoxelResult(i, VoxelState.Failed, failures.GetValueOrDefault(i, "the fit failed"), null)
                : Rejection(fit) is { } why ? new MrsiVoxelResult(i, VoxelState.Rejected, why, fit)
                : new MrsiVoxelResult(i, VoxelState.Reported, null, fit));
        }
        var maps = new List<MetaboliteMap>();
        foreach (var name in Metabolites)
        {
            maps.Add(new MetaboliteMap(name, "a.u.", Values(voxels, r => Reportable(r, name)),
                $"{name} fit amplitude (arbitrary units, the same scale in every voxel); blank where not reported or CRLB > {MaximumCrlbPercent:0} %"
                + (name == "Lac" ? " or lipids mask lactate" : "")));
        }
        maps.Add(new MetaboliteMap("Cho/NAA", "ratio", Values(voxels, r => Ratio(r, "tCho", "tNAA")), "tCho / tNAA"));
        maps.Add(new MetaboliteMap("Cho/Cr", "ratio", Values(voxels, r => Ratio(r, "tCho", "tCr")), "tCho / tCr"));
        var regions = Regions(geometry, voxels, maps);
        return new MrsiQuantification(geometry, voxels, maps, regions, notes);
    }

    /// <summary>Why a fitted voxel is not reported; null when it passes.</summary>
    private static string? Rejection(LcmResult fit)
    {
        var q = fit.Quality;
        if (!(q.Snr >= MinimumSnr))
        {
            return string.Create(CultureInfo.InvariantCulture, $"SNR {q.Snr:0.0} below {MinimumSnr:0}");
        }
        if (!(q.NaaFwhmPpm <= MaximumLinewidthPpm))
        {
            return string.Create(CultureInfo.InvariantCulture, $"linewidth {q.NaaFwhmPpm:0.000} ppm above {MaximumLinewidthPpm:0.00} ppm");
        }
        if (Find(fit, "tCr") is not { } cr || !(cr.CrlbPercent <= MaximumCrlbPercent) || !(cr.Amplitude > 0))
        {
            return string.Create(CultureInfo.InvariantCulture, $"creatine not measurable (CRLB > {MaximumCrlbPercent:0} %): no brain spectrum");
        }
        return null;
    }

    private static double Reportable(LcmResult fit, string name)
    {
        if (Find(fit, name) is not { } m || !(m.CrlbPercent <= MaximumCrlbPercent))
        {
            return double.NaN;
        }
        bool lactateMasked = name == "Lac" && (fit.SpectrumType == SpectrumType.LipidRich || fit.LipidToCreatine >= LipidContent.LactateMaskedAtOrAbove);
        return lactateMasked ? double.NaN : m.Amplitude;
    }

    private static double Ratio(LcmResult fit, string numerator, string denominator)
    {
        double a = Reportable(fit, numerator), b = Reportable(fit, denominator);
        return b > 0 ? a / b : double.NaN;
    }

    private static LcmEstimate? Find(LcmResult fit, string name) =>
        fit.Pools.Concat(fit.Metabolites).FirstOrDefault(m => MetaboliteCatalog.Standard.SameMetabolite(m.Name, name));

    private static double[] Values(List<MrsiVoxelResult> voxels, Func<LcmResult, double> value) =>
        [.. voxels.Select(v => v.State == VoxelState.Reported && v.Fit is { } fit ? value(fit) : double.NaN)];

    private static List<MrsiRegion> Regions(MrsiGeometry geometry, List<MrsiVoxelResult> voxels, List<MetaboliteMap> maps)
    {
        var choNaa = maps.Single(m => m.Name == "Cho/NAA").Values;
        var candidates = Enumerable.Range(0, choNaa.Length).Where(i => double.IsFinite(choNaa[i])).ToList();
        if (candidates.Count == 0)
        {
            return [];
        }
        int peak = candidates.MaxBy(i => choNaa[i]);
        var regions = new List<MrsiRegion> { Region(MaximumChoNaa, peak, maps) };
        var fitted = voxels.Where(v => v.State != VoxelState.NotFitted).Select(v => geometry.Position(v.Index).Column).ToList();
        var (column, row, slice) = geometry.Position(peak);
        int mirrored = fitted.Min() + fitted.Max() - column;
        // The reported voxel nearest the mirrored position, other than the peak itself.
        var reference = candidates.Where(i => i != peak)
            .OrderBy(i => Distance(geometry.Position(i), (mirrored, row, slice)))
            .Cast<int?>()
            .FirstOrDefault();
        if (reference is { } r)
        {
            regions.Add(Region(Contralateral, r, maps));
        }
        return regions;
    }

    private static int Distance((int Column, int Row, int Slice) a, (int Column, int Row, int Slice) b) =>
        Math.Abs(a.Column - b.Column) + Math.Abs(a.Row - b.Row) + Math.Abs(a.Slice - b.Slice);

    private static MrsiRegion Region(string label, int index, List<MetaboliteMap> maps) =>
        new(label, index, maps.Where(m => double.IsFinite(m.Values[index])).ToDictionary(m => m.Name, m => m.Values[index]));
}
