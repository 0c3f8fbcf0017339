using MRSNode.Reporting.Confidence;
using MRSNode.Spectroscopy.Readers;
using MRSNode.TestSupport;

namespace MRSNode.Pipeline.Tests;

/// <summary>The repository's config/ folder, as the node ships it: paths in it and a pipeline checked by its ranges.</summary>
internal static class ShippedConfig
{
    public static string Path(string file) => System.IO.Path.Combine(TestData.Root, "..", "..", "config", file);

    public static QuantificationPipeline Pipeline(IReadOnlyList<IQuantificationMethod> methods) =>
        new(methods, new ConfidenceChecker(ReferenceRanges.Load(Path("reference-ranges.json")), ConfidenceThresholds.Load(Path("confidence-checks.json"))), MrsFormats.Default);
}
