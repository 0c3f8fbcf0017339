using MRSNode.Quantification.Results;

namespace MRSNode.Pipeline;

/// <summary>The "input" part of results.json, the same for a quantified study and one the node could not quantify.</summary>
public static class InputSummaries
{
    /// <summary>What the request's files say about the acquisition, as far as they could be read (null: nothing is invented).</summary>
    public static InputSummary From(QuantificationRequest request, SelectedInputs? inputs, string basisSet)
    {
        ArgumentNullException.ThrowIfNull(request);
        var metabolite = inputs?.Metabolite;
        return new InputSummary
        {
            MetaboliteFile = string.Join(", ", request.MetaboliteFiles.Select(Path.GetFileName)),
            WaterFile = request.WaterFiles.Count > 0
                ? string.Join(", ", request.WaterFiles.Select(Path.GetFileName))
                : inputs?.Water is null ? null : "(in the metabolite object)",
            BasisSet = basisSet,
            Format = inputs?.Format,
            FrequencyMHz = metabolite?.TransmitterFrequencyMHz ?? 0,
            EchoTimeMs = metabolite?.EchoTimeMs,
            Points = metabolite?.Points ?? 0,
            SpectralWidthHz = metabolite?.SpectralWidthHz ?? 0,
            Averages = metabolite is null ? null : metabolite.AcquiredAverages ?? metabolite.Averages,
            RepetitionTimeMs = metabolite?.RepetitionTimeMs,
            SequenceName = Clean(metabolite?.Provenance.SequenceName),
            ProtocolName = Clean(metabolite?.Provenance.ProtocolName),
            SeriesDescription = Clean(metabolite?.Provenance.SeriesDescription),
            Localization = metabolite?.Localization.Technique,
            VoxelSizeMm = metabolite?.Localization.VoxelSizeMm,
            VoxelPositionMm = metabolite?.Localization.PositionMm,
        };
    }

    /// <summary>Header text as the report shows it: no control characters (a crafted name must not reach a terminal or the SR).</summary>
    private static string? Clean(string? headerText) => headerText is null ? null : Reporting.Dicom.CopiedValueNormaliser.RemoveControls(headerText);
}
