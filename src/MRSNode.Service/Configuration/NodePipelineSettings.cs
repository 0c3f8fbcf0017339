using MRSNode.Neural.Backend;
using MRSNode.Pipeline;
using MRSNode.Pipeline.Composition;
using MRSNode.Quantification;
using MRSNode.Quantification.Relaxation;

namespace MRSNode.Service.Configuration;

/// <summary>The node's one mapping from its Processing options (validated by <see cref="NodeOptionsValidator"/>) to the pipeline's settings.</summary>
public static class NodePipelineSettings
{
    public static PipelineSettings From(NodeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var p = options.Processing;
        return new PipelineSettings
        {
            ConfigDirectory = NodePaths.ConfigDirectory(options),
            Method = MethodSelections.Parse(p.Method),
            Fit = FitOptions.Default with { Freedom = FitOptions.ParseFreedom(p.Lineshape), ShiftSdHz = p.ShiftSdHz, DampingSdHz = p.DampingSdHz },
            CrlbCovariance = CrlbCovariances.Parse(p.Crlb),
            RatioPriors = RatioPriorSets.Parse(p.RatioPriors),
            WaterScaling = new WaterScalingSettings(p.WaterConcentrationMm, p.WaterAttenuation, p.MetaboliteAttenuation)
            {
                Tissue = p.TissueFractions.Length == 0 ? null : TissueFractions.Parse(p.TissueFractions),
                TissueSource = p.TissueFractions.Length == 0 ? null : "node configuration Processing:TissueFractions",
            },
            SiteReferenceRanges = p.SiteReferenceRanges.Length == 0 ? null : p.SiteReferenceRanges,
            Device = ComputeDevices.Parse(p.Device),
            BasisCacheDirectory = !p.SimulateBasisSets ? null
                : p.BasisCacheDirectory.Length > 0 ? Path.GetFullPath(p.BasisCacheDirectory)
                : Path.Combine(NodePaths.DataDirectory(options), "basis-cache"),
        };
    }
}
