using MRSNode.Spectroscopy;

namespace MRSNode.Pipeline.Mrsi;

/// <summary>One voxel of an MRSI acquisition as a single-voxel acquisition: its averages and coils, every parameter kept.</summary>
public static class MrsiVoxels
{
    public static MrsAcquisition Voxel(MrsAcquisition mrsi, int index)
    {
        ArgumentNullException.ThrowIfNull(mrsi);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, mrsi.Voxels);
        int length = mrsi.Averages * mrsi.Coils * mrsi.Points;
        var data = mrsi.Data.AsSpan(index * length, length).ToArray();
        var geometry = mrsi.Localization.Geometry;
        var voxel = mrsi.Copy(data, mrsi.Points, mrsi.Averages, mrsi.Coils, 1, mrsi.Role, mrsi.AcquiredAverages, mrsi.Provenance);
        // The voxel's own centre and size, so its report states where it lies; no grid: a single voxel.
        var localization = mrsi.Localization with
        {
            Grid = MrsiGrid.SingleVoxel,
            Geometry = null,
            PositionMm = geometry?.VoxelCentre(index) ?? mrsi.Localization.PositionMm,
            VoxelSizeMm = geometry is null ? mrsi.Localization.VoxelSizeMm : geometry.VoxelSizeMm ?? geometry.VoxelSpacingMm,
        };
        return new MrsAcquisition(voxel.Data, voxel.Points, voxel.Averages, voxel.Coils, 1)
        {
            SpectralWidthHz = voxel.SpectralWidthHz,
            TransmitterFrequencyMHz = voxel.TransmitterFrequencyMHz,
            Nucleus = voxel.Nucleus,
            ReferencePpm = voxel.ReferencePpm,
            EchoTimeMs = voxel.EchoTimeMs,
            RepetitionTimeMs = voxel.RepetitionTimeMs,
            AcquiredAverages = voxel.AcquiredAverages,
            Role = voxel.Role,
            Localization = localization,
            Provenance = voxel.Provenance,
            Design = voxel.Design,
        };
    }
}
