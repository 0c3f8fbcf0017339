using System.Text.Json;
using System.Text.Json.Serialization;
using MRSNode.Spectroscopy.Mrsi;

namespace MRSNode.Spectroscopy.Simulation;

/// <summary>What a phantom voxel is.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PhantomTissue>))]
public enum PhantomTissue
{
    /// <summary>Outside the head: noise only.</summary>
    Background,
    /// <summary>Scalp lipid ring: lipid only, no metabolites.</summary>
    ScalpRing,
    Brain,
    /// <summary>Brain voxel in the lesion (raised Cho, low NAA, lactate).</summary>
    Lesion,
    /// <summary>Normal brain voxel mirroring the lesion in the other hemisphere.</summary>
    Contralateral,
}

/// <summary>The truth of one phantom voxel.</summary>
public sealed record MrsiPhantomVoxel
{
    public required int Index { get; init; }
    public required PhantomTissue Tissue { get; init; }
    /// <summary>Whether the voxel's centre lies inside the excited box (every voxel without a PRESS box).</summary>
    public required bool InsideVolume { get; init; }
    /// <summary>Metabolite amplitudes (basis units); empty outside the brain or the box.</summary>
    public required IReadOnlyDictionary<string, double> Amplitudes { get; init; }
    public required double ShiftHz { get; init; }
    public required double LorentzianHz { get; init; }
    public required double ZeroOrderPhaseRad { get; init; }
    /// <summary>Lipid area at the first FID point (ring voxel's own, or what bled into a brain voxel).</summary>
    public required double LipidArea { get; init; }
    /// <summary>NAA SNR of this voxel (its noise-free NAA peak height over the common noise SD).</summary>
    public required double Snr { get; init; }

    /// <summary>(GPC + PCho) / (NAA + NAAG); NaN where there is no NAA.</summary>
    public double CholineToNaa => Sum("GPC", "PCho") / Sum("NAA", "NAAG") is var r && double.IsFinite(r) ? r : double.NaN;

    /// <summary>(GPC + PCho) / (Cr + PCr); NaN where there is no creatine.</summary>
    public double CholineToCreatine => Sum("GPC", "PCho") / Sum("Cr", "PCr") is var r && double.IsFinite(r) ? r : double.NaN;

    public double Amplitude(string name) => Amplitudes.TryGetValue(name, out var a) ? a : 0;

    private double Sum(string a, string b) => Amplitude(a) + Amplitude(b);
}

/// <summary>The phantom's truth: geometry, every voxel, and the regions an evaluation compares.</summary>
public sealed record MrsiPhantomTruth
{
    public required MrsiGeometry Geometry { get; init; }
    public required IReadOnlyList<MrsiPhantomVoxel> Voxels { get; init; }
    /// <summary>The lesion voxel nearest the lesion centre, and its mirror in the other hemisphere.</summary>
    public required int LesionCentreVoxel { get; init; }
    public required int ContralateralCentreVoxel { get; init; }
    /// <summary>Noise SD per real component of every FID.</summary>
    public required double NoiseSd { get; init; }
    public required int Seed { get; init; }

    public IEnumerable<MrsiPhantomVoxel> Of(PhantomTissue tissue) => Voxels.Where(v => v.Tissue == tissue);

    /// <summary>Brain voxels (normal, lesion, contralateral) with a ring voxel among their eight in-plane neighbours.</summary>
    public IReadOnlyList<int> RingAdjacentBrainVoxels()
    {
        var g = Geometry.Grid;
        var result = new List<int>();
        foreach (var v in Voxels.Where(v => v.Tissue is PhantomTissue.Brain or PhantomTissue.Lesion or PhantomTissue.Contralateral))
        {
            var (c, r, s) = Geometry.Position(v.Index);
            bool adjacent = false;
            for (int dr = -1; dr <= 1 && !adjacent; dr++)
            {
                for (int dc = -1; dc <= 1 && !adjacent; dc++)
                {
                    int cc = c + dc, rr = r + dr;
                    adjacent = cc >= 0 && rr >= 0 && cc < g.Columns && rr < g.Rows && Voxels[Geometry.Index(cc, rr, s)].Tissue == PhantomTissue.ScalpRing;
                }
            }
            if (adjacent)
            {
                result.Add(v.Index);
            }
        }
        return result;
    }

    private static readonly JsonSerializerOptions _json = new()
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>The truth as JSON (truth.json next to the phantom's DICOM files).</summary>
    public string ToJson() => JsonSerializer.Serialize(new
    {
        grid = new { Geometry.Grid.Columns, Geometry.Grid.Rows, Geometry.Grid.Slices },
        firstVoxelCentreMm = Geometry.FirstVoxelCentreMm,
        rowDirection = Geometry.RowDirection,
        columnDirection = Geometry.ColumnDirection,
        voxelSpacingMm = Geometry.VoxelSpacingMm,
        frameOfReferenceUid = Geometry.FrameOfReferenceUid,
        lesionCentreVoxel = LesionCentreVoxel,
        contralateralCentreVoxel = ContralateralCentreVoxel,
        noiseSd = NoiseSd,
        seed = Seed,
        voxels = Voxels.Select(v => new
        {
            v.Index,
            v.Tissue,
            v.InsideVolume,
            v.Amplitudes,
            v.ShiftHz,
            v.LorentzianHz,
            v.ZeroOrderPhaseRad,
            v.LipidArea,
            v.Snr,
            v.CholineToNaa,
            v.CholineToCreatine,
        }),
    }, _json);
}
