namespace MRSNode.Spectroscopy.Readers;

/// <summary>Copies of an acquisition with one thing changed (the model's properties are init-only).</summary>
internal static class AcquisitionCopy
{
    /// <summary>The same data and parameters with another role.</summary>
    public static MrsAcquisition WithRole(this MrsAcquisition source, AcquisitionRole role) =>
        new(source.Data, source.Points, source.Averages, source.Coils, source.Voxels)
        {
            SpectralWidthHz = source.SpectralWidthHz,
            TransmitterFrequencyMHz = source.TransmitterFrequencyMHz,
            Nucleus = source.Nucleus,
            ReferencePpm = source.ReferencePpm,
            EchoTimeMs = source.EchoTimeMs,
            RepetitionTimeMs = source.RepetitionTimeMs,
            AcquiredAverages = source.AcquiredAverages,
            Role = role,
            Localization = source.Localization,
            Provenance = source.Provenance,
        };
}
