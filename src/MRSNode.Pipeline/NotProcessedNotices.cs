using MRSNode.Reporting.Rendering;

namespace MRSNode.Pipeline;

/// <summary>
/// The words of a not-processed report: to the radiologist, what the node could not do and what that means for
/// reading the study; to the MR physicist, the technical cause and what to change. (The CLI's own hints, such as
/// its options, have no place here: nobody at a PACS can pass them.)
/// </summary>
public static class NotProcessedNotices
{
    private const string NoBasisSet = "no basis set matches this acquisition";

    public static NotProcessedNotice For(string reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        var cause = reason.TrimEnd('.', ' ');
        var brief = cause.Split("; ", 2)[0];
        if (brief.StartsWith(NoBasisSet, StringComparison.Ordinal))
        {
            brief = "the node has no model spectra (basis set) for this kind of acquisition" + brief[NoBasisSet.Length..];
        }
        var radiologist = $"MRSNode could not measure metabolites in this spectroscopy acquisition: {brief}. " +
                          "This report therefore holds no values, flags or fitted spectrum. Read the images without MRS results, " +
                          "or ask the MR physicist to have the study reprocessed.";
        var physicist = cause.StartsWith(NoBasisSet, StringComparison.Ordinal)
            ? $"Cause: {cause}. To do: add a basis set simulated for this field strength, echo time and sequence to the node's basis-set manifest (config/basis-sets/manifest.json), then resend the study to the node."
            : $"Cause: {cause}. To do: check the files the scanner sent and the node's log, correct the cause, then resend the study to the node.";
        return new NotProcessedNotice(radiologist, physicist);
    }
}
