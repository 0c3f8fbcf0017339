using System.Numerics;
using MRSNode.Evaluation.Pathology;
using MRSNode.Spectroscopy;
using MRSNode.Spectroscopy.Mrsi;

namespace MRSNode.Evaluation.Mrsi;

/// <summary>What a phantom voxel holds.</summary>
public enum PhantomTissue
{
    /// <summary>Healthy brain (<see cref="PathologyCases.Healthy"/>).</summary>
    Brain,
    /// <summary>The lesion: a high-grade glioma without lipids (raised Cho, low NAA, Lac 6; <see cref="PathologyCases.Tumour"/>).</summary>
    Lesion,
    /// <summary>Healthy brain, no lactate, with scalp lipid (<see cref="PathologyCases.ScalpLipids"/>): the ring at the box's edge and the scalp outside it.</summary>
    LipidRing,
}

/// <summary>One phantom voxel's truth: its tissue, tCho/tNAA and lactate amplitude (basis units).</summary>
public sealed record PhantomVoxel(int Index, PhantomTissue Tissue, double ChoNaa, double Lactate, bool InsideVolume);

/// <summary>
/// A synthetic single-slice ¹H MRSI with known truth: an 8×8 grid of 10 mm voxels (15 mm slice, axial, LPS), a PRESS
/// box of 6×6 voxels centred in it, the box's outer voxels and everything outside it scalp-lipid contaminated (no
/// lactate), healthy brain in the 4×4 centre and a lesion of two voxels on the patient's left (high columns) whose
/// contralateral partners are the mirrored columns. Each voxel's spectrum is <see cref="PathologySpectra"/>'s for its
/// tissue (its own lineshape, phase and residual water draws), with noise set by <paramref name="snr"/> as a healthy
/// voxel's NAA peak over the noise SD.
/// </summary>
public sealed class MrsiPhantom(BasisSet basis, double snr, int seed)
{
    public const int Columns = 8;
    public const int Rows = 8;
    public const double SpacingMm = 10;
    public const double SliceMm = 15;
    public const string FrameOfReferenceUid = "2.25.301455416094218129283706211587061729121";

    private static readonly PathologyCase _brain = new() { Name = "brain", Description = "healthy brain", Amplitudes = PathologyCases.Healthy };
    private static readonly PathologyCase _lesion = new() { Name = "lesion", Description = "glioma without lipids", Amplitudes = PathologyCases.Tumour };
    private static readonly PathologyCase _ring = PathologyCases.Standard.Single(c => c.Name == "scalp-lipid");

    public static MrsiGeometry Geometry { get; } = new(new MrsiGrid(Columns, Rows, 1),
        [-(Columns - 1) * SpacingMm / 2, -(Rows - 1) * SpacingMm / 2, 0], [1, 0, 0], [0, 1, 0], [SpacingMm, SpacingMm, SliceMm])
    {
        Volume = new VolumeOfInterest([0, 0, 0], [(Columns - 2) * SpacingMm, (Rows - 2) * SpacingMm, SliceMm], [1, 0, 0], [0, 1, 0]),
        FrameOfReferenceUid = FrameOfReferenceUid,
    };

    /// <summary>The lesion's voxels: column 5, rows 3 and 4.</summary>
    public static IReadOnlyList<int> LesionVoxels { get; } = [Geometry.Index(5, 3, 0), Geometry.Index(5, 4, 0)];

    /// <summary>The lesion's contralateral partners: column 2 (mirrored about the grid's centre), the same rows.</summary>
    public static IReadOnlyList<int> ContralateralVoxels { get; } = [Geometry.Index(2, 3, 0), Geometry.Index(2, 4, 0)];

    public static IReadOnlyList<PhantomVoxel> Truth { get; } = [.. Enumerable.Range(0, Columns * Rows).Select(TruthOf)];

    public double Snr => snr;

    /// <summary>The grid as one acquisition (voxel order of <see cref="MrsiGeometry"/>), with its geometry.</summary>
    public MrsAcquisition Acquisition()
    {
        var spectra = new PathologySpectra(basis);
        var voxels = Truth.Select(v => spectra.Build(Case(v.Tissue), snr, seed + 7919 * v.Index)).ToList();
        var first = voxels[0];
        var data = new Complex[first.Points * voxels.Count];
        for (int i = 0; i < voxels.Count; i++)
        {
            voxels[i].Data.CopyTo(data.AsSpan(i * first.Points));
        }
        return new MrsAcquisition(data, first.Points, 1, 1, voxels.Count)
        {
            SpectralWidthHz = first.SpectralWidthHz,
            TransmitterFrequencyMHz = first.TransmitterFrequencyMHz,
            ReferencePpm = first.ReferencePpm,
            EchoTimeMs = first.EchoTimeMs ?? 30,
            RepetitionTimeMs = 1500,
            Role = AcquisitionRole.Metabolite,
            Localization = new Localization
            {
                Technique = "PRESS",
                Grid = Geometry.Grid,
                Geometry = Geometry,
                VoxelSizeMm = Geometry.VoxelSpacingMm,
                PositionMm = [0, 0, 0],
                Orientation = [1, 0, 0, 0, 1, 0],
            },
            Provenance = new Provenance { SourceFormat = "MRSI phantom", FrameOfReferenceUid = FrameOfReferenceUid, SequenceName = "csi_press", ProtocolName = "MRSI phantom" },
        };
    }

    /// <summary>The truth amplitudes (basis units) of a tissue's voxels.</summary>
    public static IReadOnlyDictionary<string, double> AmplitudesOf(PhantomTissue tissue) => Case(tissue).Amplitudes;

    private static PathologyCase Case(PhantomTissue tissue) => tissue switch
    {
        PhantomTissue.Lesion => _lesion,
        PhantomTissue.LipidRing => _ring,
        _ => _brain,
    };

    private static PhantomVoxel TruthOf(int index)
    {
        var (column, row, _) = Geometry.Position(index);
        bool inside = Geometry.InsideVolume(index);
        bool core = column is >= 2 and <= Columns - 3 && row is >= 2 and <= Rows - 3;
        var tissue = !core ? PhantomTissue.LipidRing : LesionVoxels.Contains(index) ? PhantomTissue.Lesion : PhantomTissue.Brain;
        var amplitudes = Case(tissue).Amplitudes;
        double Sum(params string[] names) => names.Sum(n => amplitudes.GetValueOrDefault(n));
        return new PhantomVoxel(index, tissue, Sum("GPC", "PCho") / Sum("NAA", "NAAG"), amplitudes.GetValueOrDefault("Lac"), inside);
    }
}
