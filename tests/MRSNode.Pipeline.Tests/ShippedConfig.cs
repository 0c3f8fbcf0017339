using MRSNode.Pipeline.Composition;
using MRSNode.Spectroscopy.Readers;
using MRSNode.TestSupport;

namespace MRSNode.Pipeline.Tests;

/// <summary>The repository's config/ folder, as the node ships it: paths in it and a pipeline checked by its ranges.</summary>
internal static class ShippedConfig
{
    public static string ConfigDirectory { get; } = System.IO.Path.Combine(TestData.Root, "..", "..", "config");

    public static string Path(string file) => System.IO.Path.Combine(ConfigDirectory, file);

    /// <summary>These methods (a test's own) with the checks the composer gives the shipped config.</summary>
    public static QuantificationPipeline Pipeline(IReadOnlyList<IQuantificationMethod> methods, SpinSimulation.Caching.SimulatedBasisCache? basisCache = null) =>
        new(methods, PipelineComposer.Checker(ConfigDirectory), MrsFormats.Default, basisCache);
}
