using MRSNode.Quantification;
using MRSNode.Quantification.Results;
using MRSNode.Reporting.Dicom;

namespace MRSNode.Reporting.Rendering;

/// <summary>Everything the human-readable report shows: the results, whose they are, and the fitted spectra to plot.</summary>
public sealed record ReportDocument(QuantificationReport Report, SourceIdentity Source, FitSpectra? Spectra)
{
    /// <summary>Which method drew the plotted fit (named in the plot title).</summary>
    public string FitMethod { get; init; } = "LCM";

    /// <summary>Set when the node could not quantify the study: what to tell the radiologist and the physicist instead of values.</summary>
    public NotProcessedNotice? NotProcessed { get; init; }

    /// <summary>Page 1 (<see cref="ReportPage"/>) and, when there are values, page 2 (<see cref="ReportDetailsPage"/>).</summary>
    public int PageCount => NotProcessed is null ? 2 : 1;
}

/// <summary>Why a study has no values, said twice: to the radiologist (what the node could not do) and to the MR physicist (what to do about it).</summary>
public sealed record NotProcessedNotice(string ForTheRadiologist, string ForThePhysicist);
