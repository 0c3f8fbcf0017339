using MRSNode.Spectroscopy.Simulation;
using MRSNode.Spectroscopy.Tests.Simulation;

namespace MRSNode.Spectroscopy.Tests.Processing.Mrsi;

/// <summary>
/// The default 16×16 phantom with its lipids and the same phantom (same noise) without them, both without residual water (removed before the lipid step in preprocessing) and the
/// macromolecule entry: MM's broad 0.9/1.3 ppm lines look like lipid, so the lipid filter takes part of them too, and the
/// lipid tests measure what is left of the lipid as the difference from the lipid-free data.
/// </summary>
internal static class MrsiPhantomFixture
{
    private static readonly Lazy<(MrsiPhantomScan With, MrsiPhantomScan Without, MrsiPhantomScan NoiseFree)> _pair = new(() =>
    {
        var defaults = new MrsiPhantomParameters();
        var parameters = defaults with { ResidualWater = 0, NormalAmplitudes = defaults.NormalAmplitudes.Where(kv => kv.Key != "Mac").ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.OrdinalIgnoreCase) };
        return (new MrsiPhantom(MrsiPhantomTests.Basis.Value, parameters).Simulate(), new MrsiPhantom(MrsiPhantomTests.Basis.Value, parameters with { Lipids = false }).Simulate(),
            new MrsiPhantom(MrsiPhantomTests.Basis.Value, parameters with { Lipids = false, Snr = 1e12 }).Simulate());
    });

    public static MrsiPhantomScan WithLipids => _pair.Value.With;

    public static MrsiPhantomScan WithoutLipids => _pair.Value.Without;

    /// <summary>Lipid-free and (practically) noise-free: what a filter does to the metabolites alone.</summary>
    public static MrsiPhantomScan NoiseFreeWithoutLipids => _pair.Value.NoiseFree;
}
