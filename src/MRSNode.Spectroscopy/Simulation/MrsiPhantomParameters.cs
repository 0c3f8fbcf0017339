namespace MRSNode.Spectroscopy.Simulation;

/// <summary>
/// The synthetic MRSI phantom (<see cref="MrsiPhantom"/>): an axial slab of Columns × Rows × Slices voxels over a square
/// field of view, a brain ellipse, a scalp lipid ring around it, a lesion in the patient's left hemisphere and its mirror
/// (contralateral) region on the right. Amplitudes are in the basis's units (≈ mM for an LCModel basis).
/// </summary>
public sealed record MrsiPhantomParameters
{
    public int Columns { get; init; } = 16;
    public int Rows { get; init; } = 16;
    public int Slices { get; init; } = 1;
    /// <summary>In-plane voxel spacing (and size), mm.</summary>
    public double VoxelSizeMm { get; init; } = 10;
    public double SliceThicknessMm { get; init; } = 10;

    /// <summary>NAA SNR of a normal brain voxel at the nominal linewidth (the definition of <see cref="SpectrumSimulator"/>);
    /// the noise SD is the same in every voxel, as in an acquisition, so the lesion (low NAA) has a lower NAA SNR.</summary>
    public double Snr { get; init; } = 20;
    public int Seed { get; init; } = 1;
    /// <summary>Points per FID (the basis is truncated to them; MRSI readouts are short).</summary>
    public int Points { get; init; } = 1024;
    /// <summary>TE written into the object (ms); default: the basis file's ECHOT (many files leave it unset; DICOM then lacks MR Echo).</summary>
    public double? EchoTimeMs { get; init; }

    /// <summary>Brain ellipse semi-axes as fractions of the field of view (left–right, anterior–posterior).</summary>
    public double BrainRadiusX { get; init; } = 0.33;
    public double BrainRadiusY { get; init; } = 0.40;
    /// <summary>Thickness of the scalp lipid ring outside the brain ellipse, mm.</summary>
    public double RingThicknessMm { get; init; } = 12;

    /// <summary>Lesion centre as fractions of the field of view from its centre (+X: patient left in LPS) and its radius, mm.</summary>
    public double LesionCentreX { get; init; } = 0.19;
    public double LesionCentreY { get; init; } = -0.06;
    public double LesionRadiusMm { get; init; } = 16;
    public double LesionCholineFactor { get; init; } = 3;
    public double LesionNaaFactor { get; init; } = 0.35;
    public double LesionCreatineFactor { get; init; } = 0.8;
    public double LesionLactateMm { get; init; } = 4;

    /// <summary>Normal brain amplitudes; basis entries not listed get 0. "Mac" scales the macromolecule entry.</summary>
    public IReadOnlyDictionary<string, double> NormalAmplitudes { get; init; } = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase)
    {
        ["NAA"] = 10.5, ["NAAG"] = 1.5, ["Cr"] = 4.5, ["PCr"] = 4.5, ["GPC"] = 1.3, ["PCho"] = 0.5, ["Ins"] = 6, ["Glu"] = 9,
        ["Gln"] = 3, ["GSH"] = 1.5, ["Tau"] = 1.2, ["Asp"] = 2, ["GABA"] = 1.5, ["Mac"] = 1,
    };

    /// <summary>Scalp lipid area per ring voxel relative to a normal voxel's creatine area (Cr + PCr, first FID point).</summary>
    public double RingLipidToCreatine { get; init; } = 40;
    /// <summary>Fraction of a ring voxel's lipid that leaks into a brain voxel one voxel away (point-spread sidelobes); it falls off by e per 0.7 voxel beyond.</summary>
    public double LipidBleed { get; init; } = 0.03;
    /// <summary>Lipid lines of the scalp (ppm, relative area); each ring voxel gets its own widths.</summary>
    public IReadOnlyList<(double Ppm, double RelativeArea)> LipidLines { get; init; } = [(0.9, 0.15), (1.3, 1.0), (1.6, 0.1), (2.05, 0.12)];

    /// <summary>B0 offset across the field (Hz, largest magnitude at the edges), Lorentzian linewidth at the centre and
    /// at the edge (Hz), Gaussian FWHM (Hz) and the largest zero-order phase (rad).</summary>
    public double MaxB0ShiftHz { get; init; } = 8;
    public double CentreLinewidthHz { get; init; } = 3;
    public double EdgeLinewidthHz { get; init; } = 6;
    public double GaussianHz { get; init; } = 4;
    public double MaxZeroOrderPhaseRad { get; init; } = 0.6;

    /// <summary>Residual water per voxel, area relative to a normal voxel's NAA area (0: none).</summary>
    public double ResidualWater { get; init; } = 2;

    /// <summary>Whether the excitation is a PRESS box (<see cref="PressBoxVoxels"/> centred voxels per side in plane):
    /// outside it the metabolites are not excited and the scalp lipid is suppressed to <see cref="OutsideBoxLipidFraction"/>.</summary>
    public bool PressBox { get; init; }
    public int PressBoxVoxels { get; init; } = 10;
    public double OutsideBoxLipidFraction { get; init; } = 0.03;

    /// <summary>Whether ring and bleeding lipids are simulated at all (false: the same phantom, noise included, without them).</summary>
    public bool Lipids { get; init; } = true;

    /// <summary>Field of view, mm (columns, rows).</summary>
    public double FieldOfViewXMm => Columns * VoxelSizeMm;
    public double FieldOfViewYMm => Rows * VoxelSizeMm;

    public void Validate()
    {
        if (Columns < 4 || Rows < 4 || Slices < 1 || Columns > 256 || Rows > 256 || Slices > 64)
        {
            throw new ArgumentException($"A {Columns}×{Rows}×{Slices} grid is outside 4..256 × 4..256 × 1..64.");
        }
        if (!(VoxelSizeMm > 0) || !(SliceThicknessMm > 0) || !(Snr > 0) || !double.IsFinite(Snr) || Points < 64)
        {
            throw new ArgumentException("Voxel size, slice thickness and SNR must be positive, with at least 64 points.");
        }
    }
}
