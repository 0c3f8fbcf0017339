using System.Numerics;

namespace MRSNode.Spectroscopy;

/// <summary>What an acquisition is for.</summary>
public enum AcquisitionRole
{
    Unknown,
    /// <summary>Water-suppressed metabolite spectrum.</summary>
    Metabolite,
    /// <summary>Unsuppressed water, for eddy-current correction and water scaling.</summary>
    WaterReference,
    /// <summary>Metabolite-nulled (inversion-recovery) macromolecule spectrum.</summary>
    MetaboliteNulled,
}

/// <summary>Where an acquisition came from. Identifiers are plain strings: no DICOM types leave the readers.</summary>
public sealed record Provenance
{
    /// <summary>Reader that produced it, e.g. "DICOM MR Spectroscopy", "Siemens RDA", "Philips SDAT/SPAR".</summary>
    public required string SourceFormat { get; init; }
    public string? SourcePath { get; init; }
    public string? Manufacturer { get; init; }
    public string? Model { get; init; }
    public string? SoftwareVersion { get; init; }
    public string? PatientId { get; init; }
    public string? StudyInstanceUid { get; init; }
    public string? SeriesInstanceUid { get; init; }
    /// <summary>Every source instance (one per file for single-average exports).</summary>
    public IReadOnlyList<string> SopInstanceUids { get; init; } = [];
    /// <summary>DICOM Instance Number (0020,0013) of the (first) source instance, when known: orders single-average exports.</summary>
    public int? InstanceNumber { get; init; }
    public string? SeriesDescription { get; init; }
    public string? ProtocolName { get; init; }
    public string? SequenceName { get; init; }
    /// <summary>DICOM Frame of Reference UID (0020,0052), when the format carries one: two acquisitions share it only
    /// when their coordinates are comparable (same session, patient not repositioned).</summary>
    public string? FrameOfReferenceUid { get; init; }
}

/// <summary>
/// How the source built the acquisition beyond one FID per transient, as its reader saw it: the facts the
/// acquisition classifier needs to refuse what the fit does not handle (edited, multi-echo, one file split into
/// several sub-spectra). The default is a plain acquisition.
/// </summary>
public sealed record AcquisitionDesign
{
    public static AcquisitionDesign Plain { get; } = new();

    /// <summary>How many acquisitions the source file was split into (NIfTI-MRS DIM_EDIT, DIM_INDIRECT_n, ...); 1 when it holds one.</summary>
    public int SubSpectra { get; init; } = 1;
    /// <summary>The tags of the dimensions that split the file, e.g. "DIM_EDIT".</summary>
    public IReadOnlyList<string> SplitDimensions { get; init; } = [];
    /// <summary>Header fields that describe spectral editing, e.g. NIfTI-MRS "EditPulse" or a dimension header's "EditCondition".</summary>
    public IReadOnlyList<string> EditingFields { get; init; } = [];
    /// <summary>Every distinct echo time in the source (ms) when it holds more than one; empty otherwise.</summary>
    public IReadOnlyList<double> EchoTimesMs { get; init; } = [];
}

/// <summary>A spectroscopic imaging grid (columns × rows × slices); 1×1×1 for single voxel.</summary>
public sealed record MrsiGrid(int Columns, int Rows, int Slices)
{
    public static readonly MrsiGrid SingleVoxel = new(1, 1, 1);
    public int VoxelCount => Columns * Rows * Slices;
}

/// <summary>Where the signal came from, in patient coordinates (LPS, mm) as the scanner reports it.</summary>
public sealed record Localization
{
    /// <summary>PRESS, STEAM, sLASER, SPECIAL, ... or null when unknown.</summary>
    public string? Technique { get; init; }
    /// <summary>Voxel size in mm (column, row, slice direction), when known.</summary>
    public double[]? VoxelSizeMm { get; init; }
    /// <summary>Centre of the volume of interest in mm.</summary>
    public double[]? PositionMm { get; init; }
    /// <summary>Row and column direction cosines (6 values), when known.</summary>
    public double[]? Orientation { get; init; }
    public MrsiGrid Grid { get; init; } = MrsiGrid.SingleVoxel;
    /// <summary>Where each voxel of an MRSI grid lies (positions, directions, spacing, excited box), when the reader knows; null for single voxel.</summary>
    public Mrsi.MrsiGeometry? Geometry { get; init; }
    /// <summary>STEAM mixing time (ms) when the header states it (NIfTI-MRS MixingTime, Siemens CSA MixingTime); null otherwise.</summary>
    public double? MixingTimeMs { get; init; }
}

/// <summary>
/// One MR spectroscopy acquisition in MRSNode's single convention (see <see cref="SpectralAxis"/>):
/// complex FIDs in increasing time, normalised so that ppm = reference − f/F0 with
/// spectrum = fftshift(FFT(fid)) — NAA lands at 2.01 ppm whatever the vendor's conjugation.
/// Data are held flat: index = ((voxel × Averages + average) × Coils + coil) × Points + t.
/// </summary>
public sealed class MrsAcquisition
{
    public MrsAcquisition(Complex[] data, int points, int averages = 1, int coils = 1, int voxels = 1)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (points <= 0 || averages <= 0 || coils <= 0 || voxels <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(points), "Every dimension must be at least 1.");
        }
        if ((long)points * averages * coils * voxels != data.Length)
        {
            throw new ArgumentException($"{data.Length} samples do not fill {voxels} voxel(s) × {averages} average(s) × {coils} coil(s) × {points} points.", nameof(data));
        }
        Data = data;
        Points = points;
        Averages = averages;
        Coils = coils;
        Voxels = voxels;
    }

    public Complex[] Data { get; }
    public int Points { get; }
    /// <summary>Averages (transients) held separately; 1 when the scanner already combined them.</summary>
    public int Averages { get; }
    public int Coils { get; }
    public int Voxels { get; }

    public required double SpectralWidthHz { get; init; }
    public required double TransmitterFrequencyMHz { get; init; }
    /// <summary>Nucleus as in DICOM (0018,9100): "1H", "31P", ...</summary>
    public string Nucleus { get; init; } = "1H";
    /// <summary>The ppm value at the transmitter frequency (the centre of the spectrum).</summary>
    public double ReferencePpm { get; init; } = 4.7;
    public double? EchoTimeMs { get; init; }
    public double? RepetitionTimeMs { get; init; }
    /// <summary>Transients acquired in total (averaged by the scanner or held in <see cref="Averages"/>).</summary>
    public int? AcquiredAverages { get; init; }
    public AcquisitionRole Role { get; init; } = AcquisitionRole.Unknown;
    public Localization Localization { get; init; } = new();
    public required Provenance Provenance { get; init; }
    /// <summary>Editing, echo times and sub-spectra as the reader found them (see <see cref="AcquisitionDesign"/>).</summary>
    public AcquisitionDesign Design { get; init; } = AcquisitionDesign.Plain;

    public double DwellTimeSeconds => 1.0 / SpectralWidthHz;

    /// <summary>B0 estimated from the transmitter frequency and the nucleus's gyromagnetic ratio.</summary>
    public double FieldStrengthTesla => TransmitterFrequencyMHz / Nuclei.GyromagneticRatioMHzPerTesla(Nucleus);

    public SpectralAxis Axis => new(Points, SpectralWidthHz, TransmitterFrequencyMHz, ReferencePpm);

    /// <summary>One FID (a view into <see cref="Data"/>).</summary>
    public Span<Complex> Fid(int voxel = 0, int average = 0, int coil = 0) =>
        Data.AsSpan(((voxel * Averages + average) * Coils + coil) * Points, Points);

    /// <summary>The mean over averages (and the sum over coils is left to coil combination): one FID per voxel and coil.</summary>
    public MrsAcquisition AverageTransients()
    {
        if (Averages == 1)
        {
            return this;
        }
        var result = new Complex[Voxels * Coils * Points];
        for (int v = 0; v < Voxels; v++)
        {
            for (int c = 0; c < Coils; c++)
            {
                var target = result.AsSpan((v * Coils + c) * Points, Points);
                for (int a = 0; a < Averages; a++)
                {
                    var fid = Fid(v, a, c);
                    for (int t = 0; t < Points; t++)
                    {
                        target[t] += fid[t];
                    }
                }
                for (int t = 0; t < Points; t++)
                {
                    target[t] /= Averages;
                }
            }
        }
        return With(result, Points, 1, Coils, Voxels);
    }

    /// <summary>A copy with other data and shape, keeping every parameter.</summary>
    public MrsAcquisition With(Complex[] data, int points, int averages, int coils, int voxels) =>
        Copy(data, points, averages, coils, voxels, Role, AcquiredAverages, Provenance);

    /// <summary>The same data and parameters with another role.</summary>
    public MrsAcquisition WithRole(AcquisitionRole role) =>
        Copy(Data, Points, Averages, Coils, Voxels, role, AcquiredAverages, Provenance);

    /// <summary>The same data and parameters with another <see cref="Design"/>.</summary>
    public MrsAcquisition WithDesign(AcquisitionDesign design) =>
        Copy(Data, Points, Averages, Coils, Voxels, Role, AcquiredAverages, Provenance, design);

    /// <summary>
    /// A copy with other data, shape, role, average count, provenance (and design, when given); every other parameter kept.
    /// The one place that lists the parameters, so a new one cannot be forgotten by a copy.
    /// </summary>
    public MrsAcquisition Copy(Complex[] data, int points, int averages, int coils, int voxels, AcquisitionRole role, int? acquiredAverages, Provenance provenance, AcquisitionDesign? design = null) =>
        new(data, points, averages, coils, voxels)
        {
            SpectralWidthHz = SpectralWidthHz,
            TransmitterFrequencyMHz = TransmitterFrequencyMHz,
            Nucleus = Nucleus,
            ReferencePpm = ReferencePpm,
            EchoTimeMs = EchoTimeMs,
            RepetitionTimeMs = RepetitionTimeMs,
            AcquiredAverages = acquiredAverages,
            Role = role,
            Localization = Localization,
            Provenance = provenance,
            Design = design ?? Design,
        };

    public override string ToString() =>
        $"{Provenance.SourceFormat} {Role} {Nucleus} {TransmitterFrequencyMHz:F3} MHz {Points} pts {SpectralWidthHz:F1} Hz TE {EchoTimeMs} ms ×{Averages} avg ×{Coils} coil ×{Voxels} voxel";
}
