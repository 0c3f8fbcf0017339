using MRSNode.Dicom;

namespace MRSNode.Spectroscopy.Readers;

/// <summary>
/// Finds an attribute of an enhanced (multi-frame) object wherever a vendor put it: in the frame's
/// Per-frame Functional Groups item, in the Shared Functional Groups, or at the top level (Philips
/// puts some macro attributes there, which is not standard but common).
/// </summary>
internal static class FunctionalGroups
{
    /// <summary>
    /// The data set that holds <paramref name="attribute"/> with a value: inside functional group macro
    /// <paramref name="macro"/> of frame <paramref name="frame"/>, then of the shared groups, then in a
    /// top-level <paramref name="macro"/> item, then the top level itself. Null when nowhere.
    /// </summary>
    public static DicomDataset? Owner(DicomDataset dataset, DicomTag macro, DicomTag attribute, int frame = 0)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        foreach (var candidate in Candidates(dataset, macro, frame))
        {
            if (candidate.GetElement(attribute) is { Length: > 0 })
            {
                return candidate;
            }
        }
        return null;
    }

    /// <summary>A numeric attribute (DS, IS, FD, ...) as double, or null when absent or empty.</summary>
    public static double? Number(DicomDataset dataset, DicomTag macro, DicomTag attribute, int frame = 0) =>
        Owner(dataset, macro, attribute, frame) is { } owner && owner.GetValues<double>(attribute) is { Length: > 0 } values
            ? values[0]
            : null;

    /// <summary>Numeric values, or an empty array.</summary>
    public static double[] Numbers(DicomDataset dataset, DicomTag macro, DicomTag attribute, int frame = 0) =>
        Owner(dataset, macro, attribute, frame)?.GetValues<double>(attribute) ?? [];

    /// <summary>The first item of a functional group macro for a frame (per-frame first, then shared), or null.</summary>
    public static DicomDataset? Macro(DicomDataset dataset, DicomTag macro, int frame = 0)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        if (PerFrame(dataset, frame)?.GetSequence(macro) is { Items.Count: > 0 } perFrame)
        {
            return perFrame.Items[0];
        }
        if (Shared(dataset)?.GetSequence(macro) is { Items.Count: > 0 } shared)
        {
            return shared.Items[0];
        }
        return dataset.GetSequence(macro) is { Items.Count: > 0 } top ? top.Items[0] : null;
    }

    public static DicomDataset? Shared(DicomDataset dataset) =>
        dataset.GetSequence(DicomTags.SharedFunctionalGroupsSequence) is { Items.Count: > 0 } s ? s.Items[0] : null;

    public static DicomDataset? PerFrame(DicomDataset dataset, int frame) =>
        dataset.GetSequence(DicomTags.PerFrameFunctionalGroupsSequence) is { } s && frame >= 0 && frame < s.Items.Count ? s.Items[frame] : null;

    private static IEnumerable<DicomDataset> Candidates(DicomDataset dataset, DicomTag macro, int frame)
    {
        if (PerFrame(dataset, frame)?.GetSequence(macro) is { Items.Count: > 0 } perFrame)
        {
            yield return perFrame.Items[0];
        }
        if (Shared(dataset)?.GetSequence(macro) is { Items.Count: > 0 } shared)
        {
            yield return shared.Items[0];
        }
        if (dataset.GetSequence(macro) is { Items.Count: > 0 } top)
        {
            yield return top.Items[0];
        }
        yield return dataset;
    }
}
