namespace MRSNode.Spectroscopy.Mrsi;

/// <summary>
/// Where each voxel of a spectroscopic imaging grid lies, in DICOM patient coordinates (LPS, mm), with DICOM's
/// conventions: <see cref="RowDirection"/> is the direction of increasing column index (the first three values of
/// Image Orientation (Patient)), <see cref="ColumnDirection"/> that of increasing row index, and
/// <see cref="FirstVoxelCentreMm"/> the centre of voxel (column 0, row 0, slice 0) (Image Position (Patient) of the
/// first frame). Voxel order everywhere (MrsAcquisition's voxel index, maps): index = (slice × Rows + row) × Columns + column.
/// </summary>
public sealed record MrsiGeometry
{
    public MrsiGeometry(MrsiGrid grid, double[] firstVoxelCentreMm, double[] rowDirection, double[] columnDirection, double[] voxelSpacingMm)
    {
        ArgumentNullException.ThrowIfNull(grid);
        if (firstVoxelCentreMm is not { Length: 3 } || rowDirection is not { Length: 3 } || columnDirection is not { Length: 3 } || voxelSpacingMm is not { Length: 3 })
        {
            throw new ArgumentException("Positions, directions and spacings have three components each.");
        }
        Grid = grid;
        FirstVoxelCentreMm = firstVoxelCentreMm;
        RowDirection = rowDirection;
        ColumnDirection = columnDirection;
        VoxelSpacingMm = voxelSpacingMm;
    }

    public MrsiGrid Grid { get; }
    public double[] FirstVoxelCentreMm { get; }
    /// <summary>Unit vector along a row (increasing column index).</summary>
    public double[] RowDirection { get; }
    /// <summary>Unit vector along a column (increasing row index).</summary>
    public double[] ColumnDirection { get; }
    /// <summary>Centre-to-centre spacing (mm) along the row direction, the column direction and between slices.</summary>
    public double[] VoxelSpacingMm { get; }

    /// <summary>Voxel size (mm; column, row, slice direction) when it differs from the spacing (e.g. nominal vs. PSF); null: the spacing.</summary>
    public double[]? VoxelSizeMm { get; init; }

    /// <summary>The excited volume (PRESS/sLASER box) when the header states it; null when unknown (whole-slice MRSI).</summary>
    public VolumeOfInterest? Volume { get; init; }

    /// <summary>Frame of Reference UID shared with images of the same session (DICOM (0020,0052)), when known.</summary>
    public string? FrameOfReferenceUid { get; init; }

    /// <summary>Slice normal: RowDirection × ColumnDirection.</summary>
    public double[] SliceDirection =>
    [
        RowDirection[1] * ColumnDirection[2] - RowDirection[2] * ColumnDirection[1],
        RowDirection[2] * ColumnDirection[0] - RowDirection[0] * ColumnDirection[2],
        RowDirection[0] * ColumnDirection[1] - RowDirection[1] * ColumnDirection[0],
    ];

    public int Index(int column, int row, int slice) => (slice * Grid.Rows + row) * Grid.Columns + column;

    public (int Column, int Row, int Slice) Position(int index) =>
        (index % Grid.Columns, index / Grid.Columns % Grid.Rows, index / (Grid.Columns * Grid.Rows));

    /// <summary>Centre of voxel <paramref name="index"/> in patient coordinates (mm).</summary>
    public double[] VoxelCentre(int index)
    {
        var (c, r, s) = Position(index);
        var normal = SliceDirection;
        var p = new double[3];
        for (int k = 0; k < 3; k++)
        {
            p[k] = FirstVoxelCentreMm[k] + c * VoxelSpacingMm[0] * RowDirection[k] + r * VoxelSpacingMm[1] * ColumnDirection[k] + s * VoxelSpacingMm[2] * normal[k];
        }
        return p;
    }

    /// <summary>Whether voxel <paramref name="index"/>'s centre lies inside <see cref="Volume"/> (every voxel when no volume is known).</summary>
    public bool InsideVolume(int index) => Volume is null || Volume.Contains(VoxelCentre(index));
}

/// <summary>A box in patient coordinates: centre, edge lengths along its own row, column and normal directions.</summary>
public sealed record VolumeOfInterest(double[] CentreMm, double[] SizeMm, double[] RowDirection, double[] ColumnDirection)
{
    public bool Contains(double[] pointMm)
    {
        double[] normal =
        [
            RowDirection[1] * ColumnDirection[2] - RowDirection[2] * ColumnDirection[1],
            RowDirection[2] * ColumnDirection[0] - RowDirection[0] * ColumnDirection[2],
            RowDirection[0] * ColumnDirection[1] - RowDirection[1] * ColumnDirection[0],
        ];
        double[][] axes = [RowDirection, ColumnDirection, normal];
        for (int a = 0; a < 3; a++)
        {
            double d = 0;
            for (int k = 0; k < 3; k++)
            {
                d += (pointMm[k] - CentreMm[k]) * axes[a][k];
            }
            if (Math.Abs(d) > SizeMm[a] / 2 + 1e-6)
            {
                return false;
            }
        }
        return true;
    }
}
