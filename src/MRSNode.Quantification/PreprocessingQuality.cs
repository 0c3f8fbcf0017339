using MRSNode.Quantification.Results;
using MRSNode.Spectroscopy.Processing;

namespace MRSNode.Quantification;

/// <summary>
/// The QC that only the preprocessing saw: transients acquired and rejected and the frequency drift (the spectral
/// registration), and the residual water before its removal. Read from the metabolite's step reports (not the water's).
/// </summary>
public static class PreprocessingQuality
{
    /// <summary><paramref name="qc"/> with what the step reports measured; fields no step measured are left as they are.</summary>
    public static QualityResult AddTo(QualityResult qc, IReadOnlyList<StepReport> steps)
    {
        ArgumentNullException.ThrowIfNull(qc);
        ArgumentNullException.ThrowIfNull(steps);
        var metabolite = steps.Where(s => !s.Step.StartsWith("water: ", StringComparison.Ordinal)).ToList();
        var registration = metabolite.LastOrDefault(s => s.Values.ContainsKey("Excluded") && s.Values.ContainsKey("Averages"));
        var water = metabolite.LastOrDefault(s => s.Values.ContainsKey("ResidualWaterToNaa"));
        if (registration is not null)
        {
            qc = qc with
            {
                Transients = (int)registration["Averages"],
                TransientsRejected = (int)registration["Excluded"],
                FrequencyDriftHz = registration.Series.TryGetValue("FrequencyHz", out var f) && f.Length > 0 ? f.Max() - f.Min() : null,
            };
        }
        if (water is not null && double.IsFinite(water["ResidualWaterToNaa"]))
        {
            qc = qc with { ResidualWaterToNaa = water["ResidualWaterToNaa"] };
        }
        return qc;
    }
}
