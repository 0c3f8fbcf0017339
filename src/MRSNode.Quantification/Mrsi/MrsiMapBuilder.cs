using System.Globalization;

namespace MRSNode.Quantification.Mrsi;

/// <summary>
/// From per-voxel fits to what a reader sees: the per-voxel QC (<see cref="MrsiVoxelQc"/>), the maps (tNAA, tCr, tCho,
/// Ins, Glx, Lac, Cho/NAA, Cho/Cr), the regions (<see cref="MrsiRegionFinder"/>) and notes saying how many voxels were
/// fitted, reported and rejected, and why. Metabolite maps are in i.u. when every fitted voxel has a water-scaled
/// value, else ratios to tCr (tCr itself then relative to its median over the reported voxels); a value is blank where
/// its CRLB is above <see cref="MrsiQcThresholds.MapCrlbAtMostPercent"/>, and Lac where lipid masks it.
/// </summary>
public sealed class MrsiMapBuilder(MrsiQcThresholds? thresholds = null)
{
    public const string LactateUnderLipid = "lactate not separable from lipid";

    private readonly MrsiQcThresholds _thresholds = thresholds ?? MrsiQcThresholds.Default;

    public MrsiQuantification Build(MrsiVoxelFits input)
    {
        ArgumentNullException.ThrowIfNull(input);
        int count = input.Geometry.Grid.VoxelCount;
        if (input.Fits.Count != count)
        {
            throw new ArgumentException($"{input.Fits.Count} fits for a grid of {count} voxels", nameof(input));
        }
        var qc = new MrsiVoxelQc(_thresholds);
        var voxels = Enumerable.Range(0, count).Select(i => qc.Check(input, i)).ToList();
        var (maps, withheld) = Maps(voxels);
        voxels = voxels.Select(v => withheld.TryGetValue(v.Index, out var w) ? v with { Withheld = w } : v).ToList();
        var regions = MrsiRegionFinder.Find(input.Geometry, maps);
        return new MrsiQuantification(input.Geometry, voxels, maps, regions, Notes(voxels, maps, regions, input.Geometry));
    }

    private (List<MetaboliteMap> Maps, Dictionary<int, Dictionary<string, string>> Withheld) Maps(List<MrsiVoxelResult> voxels)
    {
        var reported = voxels.Where(v => v.State == VoxelState.Reported).ToList();
        bool waterScaled = reported.Count > 0 && reported.All(v => v.Fit!.Find("tCr")?.Concentration is not null || v.Fit!.Find("Cr")?.Concentration is not null);
        double medianCreatine = Median(reported.Select(v => MrsiMapNames.Estimate(v.Fit!, MrsiMapNames.TCr)?.Amplitude ?? double.NaN));
        var withheld = new Dictionary<int, Dictionary<string, string>>();
        var maps = new List<MetaboliteMap>();
        var amplitudes = new Dictionary<string, double[]>(StringComparer.Ordinal);
        foreach (var (name, _) in MrsiMapNames.Metabolites)
        {
            var values = Blank(voxels.Count);
            var amplitude = Blank(voxels.Count);
            foreach (var v in reported)
            {
                if (MrsiMapNames.Estimate(v.Fit!, name) is not { } e)
                {
                    continue;
                }
                if (Withheld(v.Fit!, name, e) is { } reason)
                {
                    (withheld.TryGetValue(v.Index, out var w) ? w : withheld[v.Index] = new(StringComparer.Ordinal))[name] = reason;
                    continue;
                }
                amplitude[v.Index] = e.Amplitude;
                values[v.Index] = waterScaled ? e.Concentration ?? double.NaN
                    : name == MrsiMapNames.TCr ? e.Amplitude / medianCreatine
                    : e.RatioToTCr ?? double.NaN;
            }
            amplitudes[name] = amplitude;
            var (unit, description) = waterScaled ? ("i.u.", $"{name}, water-scaled (institutional units)")
                : name == MrsiMapNames.TCr ? ("relative to median", "tCr amplitude over its median in the reported voxels")
                : ("ratio to tCr", $"{name}/tCr");
            maps.Add(new MetaboliteMap(name, unit, values, description));
        }
        maps.Add(Ratio(MrsiMapNames.ChoNaa, amplitudes[MrsiMapNames.TCho], amplitudes[MrsiMapNames.TNaa], "tCho/tNAA"));
        maps.Add(Ratio(MrsiMapNames.ChoCr, amplitudes[MrsiMapNames.TCho], amplitudes[MrsiMapNames.TCr], "tCho/tCr"));
        return (maps, withheld);
    }

    /// <summary>Why a metabolite's value in one voxel is not shown, or null when it is.</summary>
    private string? Withheld(LcmResult fit, string map, LcmEstimate estimate)
    {
        if (map == MrsiMapNames.Lac && (fit.SpectrumType == SpectrumType.LipidRich || fit.LipidToCreatine >= _thresholds.LactateMaskedLipidToCreatine))
        {
            return LactateUnderLipid;
        }
        return estimate.CrlbPercent <= _thresholds.MapCrlbAtMostPercent ? null
            : string.Create(CultureInfo.InvariantCulture, $"CRLB above {_thresholds.MapCrlbAtMostPercent:0} %");
    }

    private static MetaboliteMap Ratio(string name, double[] numerator, double[] denominator, string description)
    {
        var values = new double[numerator.Length];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = denominator[i] > 0 ? numerator[i] / denominator[i] : double.NaN;
        }
        return new MetaboliteMap(name, "ratio", values, description);
    }

    private static List<string> Notes(List<MrsiVoxelResult> voxels, List<MetaboliteMap> maps, IReadOnlyList<MrsiRegion> regions, Spectroscopy.Mrsi.MrsiGeometry geometry)
    {
        static string Kinds(IEnumerable<MrsiVoxelResult> group) => string.Join(", ", group
            .GroupBy(v => Kind(v.Reason))
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Count()} {g.Key}"));
        int fitted = voxels.Count(v => v.Fit is not null || v.State == VoxelState.Failed);
        var notes = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture,
                $"{voxels.Count} voxels ({geometry.Grid.Columns} × {geometry.Grid.Rows} × {geometry.Grid.Slices}): {fitted} fitted, {voxels.Count(v => v.State == VoxelState.Reported)} reported."),
        };
        var rejected = voxels.Where(v => v.State == VoxelState.Rejected).ToList();
        if (rejected.Count > 0)
        {
            notes.Add($"{rejected.Count} rejected by the quality checks ({Kinds(rejected)}).");
        }
        var failed = voxels.Where(v => v.State == VoxelState.Failed).ToList();
        if (failed.Count > 0)
        {
            notes.Add($"{failed.Count} failed to fit.");
        }
        var notFitted = voxels.Where(v => v.State == VoxelState.NotFitted).ToList();
        if (notFitted.Count > 0)
        {
            notes.Add($"{notFitted.Count} not fitted ({Kinds(notFitted)}).");
        }
        foreach (var group in voxels.SelectMany(v => v.Withheld).GroupBy(w => (w.Key, w.Value)).Where(g => g.Key.Key != MrsiMapNames.Lac || g.Key.Value == LactateUnderLipid))
        {
            notes.Add($"{group.Key.Key} blank in {group.Count()} reported voxels: {group.Key.Value}.");
        }
        if (maps.Count > 0 && maps[0].Unit != "i.u.")
        {
            notes.Add("No water reference: metabolites are ratios to tCr.");
        }
        foreach (var r in regions)
        {
            var (c, row, s) = geometry.Position(r.VoxelIndex);
            var p = geometry.VoxelCentre(r.VoxelIndex);
            notes.Add(string.Create(CultureInfo.InvariantCulture,
                $"{r.Label}: voxel (column {c + 1}, row {row + 1}, slice {s + 1}) at x {p[0]:0.0}, y {p[1]:0.0}, z {p[2]:0.0} mm, Cho/NAA {(r.Values.TryGetValue(MrsiMapNames.ChoNaa, out var v) ? v : double.NaN):0.00}."));
        }
        return notes;
    }

    /// <summary>The kind of a reason: its leading words before a number ("SNR 3.1 below 5" → "SNR below threshold").</summary>
    private static string Kind(string? reason) => reason switch
    {
        null => "unknown",
        _ when reason.StartsWith("SNR", StringComparison.Ordinal) => "low SNR",
        _ when reason.StartsWith("linewidth", StringComparison.Ordinal) => "broad lines",
        _ when reason.StartsWith("tCr CRLB", StringComparison.Ordinal) => "tCr CRLB too high",
        _ => reason,
    };

    private static double[] Blank(int n)
    {
        var a = new double[n];
        Array.Fill(a, double.NaN);
        return a;
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Where(double.IsFinite).Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
