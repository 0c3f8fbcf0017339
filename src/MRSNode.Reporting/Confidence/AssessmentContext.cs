namespace MRSNode.Reporting.Confidence;

/// <summary>
/// What the reference ranges are chosen by and what the values mean: field, echo time, region and age where known, and
/// whether absolute values are corrected mM (only then are they compared with ranges in mM).
/// </summary>
public sealed record AssessmentContext
{
    public double? FieldTesla { get; init; }
    public double? EchoTimeMs { get; init; }
    /// <summary>e.g. "parietal", as a site's range file names it; null: not known (ranges for any region apply).</summary>
    public string? Region { get; init; }
    public double? AgeYears { get; init; }
    public bool ConcentrationsCorrected { get; init; }

    /// <summary>Nothing known: only the pooled ranges and the site's apply; absolute values are not compared.</summary>
    public static AssessmentContext Unknown { get; } = new();
}
