using MRSNode.Dicom;
using MRSNode.Quantification.Results;

namespace MRSNode.Reporting.Dicom;

/// <summary>
/// The UIDs of one output object: its SOP instance, its series and (for the SR) its measurement group's tracking UID.
/// Derived from the source instances, the kind of output and the software version, so a resend of the same inputs
/// yields the same objects (a PACS keeps one copy, not a look-alike second set) and different inputs never collide;
/// a different result of the same inputs (<see cref="SourceIdentity.ResultKey"/>) gets new ones.
/// </summary>
public sealed record OutputUids(string SopInstanceUid, string SeriesInstanceUid, string TrackingUid)
{
    /// <param name="source">The inputs; without source instances (a non-DICOM file) there is nothing stable to derive from, so the UIDs are new.</param>
    /// <param name="outputKind">Which output ("sr", "pdf", "sc"): each gets its own UIDs.</param>
    /// <param name="software">The software and version: a new version's results are a new object.</param>
    /// <param name="fresh">A generator for new (random) UIDs instead of derived ones, or null to derive them.</param>
    public static OutputUids For(SourceIdentity source, string outputKind, string software, DicomUidGenerator? fresh = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(outputKind);
        ArgumentNullException.ThrowIfNull(software);
        if (fresh is not null || source.SourceInstances.Count == 0)
        {
            var generator = fresh ?? DicomUidGenerator.Default;
            return new OutputUids(generator.Generate(), generator.Generate(), generator.Generate());
        }
        // Sorted: the order the objects arrived in does not make a different output.
        string[] inputs = [.. source.SourceInstances.Select(s => s.SopInstanceUid).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        string Derive(string role) => DicomUidGenerator.FromParts([.. inputs, outputKind, role, software, source.ResultKey ?? ""]);
        return new OutputUids(Derive("instance"), Derive("series"), Derive("tracking"));
    }

    /// <summary>
    /// The parts of a report that make it a different result of the same inputs: whether it was quantified, the basis
    /// set, the methods' versions, the reference ranges and the unit. Not the values themselves, so a rerun that differs
    /// only in the last bits of a number (a GPU's reduction order) is still the same object.
    /// </summary>
    public static string ResultKey(QuantificationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return string.Join('|', report.Metabolites.Count > 0 ? "quantified" : "not quantified", report.Input.BasisSet,
            report.Lcm?.Version ?? "", report.Neural?.Version ?? "", report.ReferenceRanges ?? "", report.Scaling?.Unit ?? "");
    }
}
