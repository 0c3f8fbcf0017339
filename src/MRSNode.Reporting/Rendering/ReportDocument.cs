using MRSNode.Quantification;
using MRSNode.Quantification.Results;
using MRSNode.Reporting.Dicom;

namespace MRSNode.Reporting.Rendering;

/// <summary>Everything the human-readable report shows: the results, whose they are, and the fitted spectra to plot.</summary>
public sealed record ReportDocument(QuantificationReport Report, SourceIdentity Source, FitSpectra? Spectra)
{
    /// <summary>Which method drew the plotted fit (named in the plot title).</summary>
    public string FitMethod { get; init; } = "LCM";
}
