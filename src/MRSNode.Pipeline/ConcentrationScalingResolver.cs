using MRSNode.Quantification;
using MRSNode.Quantification.Relaxation;
using MRSNode.Quantification.Results;
using MRSNode.Spectroscopy;

namespace MRSNode.Pipeline;

/// <summary>
/// Decides, per job, how water-referenced amplitudes are scaled and in what unit: corrected mM where tissue fractions
/// were given and the field and timing allow the correction, else institutional units with the reason.
/// </summary>
public static class ConcentrationScalingResolver
{
    public static (WaterScalingSettings Settings, ConcentrationScaling Scaling) Resolve(WaterScalingSettings requested, MrsAcquisition metabolite)
    {
        ArgumentNullException.ThrowIfNull(requested);
        ArgumentNullException.ThrowIfNull(metabolite);
        string? whyNot = null;
        if (requested.Tissue is { } tissue)
        {
            var corrected = TissueWaterScaling.Corrected(tissue, metabolite.FieldStrengthTesla, metabolite.EchoTimeMs, metabolite.RepetitionTimeMs,
                requested.TissueSource ?? "given", out whyNot);
            if (corrected is { } c)
            {
                return (requested with { WaterConcentrationMm = c.Parameters.WaterConcentrationMm, WaterAttenuation = c.Parameters.WaterAttenuation, MetaboliteAttenuation = c.Parameters.MetaboliteAttenuation }, c.Scaling);
            }
        }
        var given = new WaterScalingParameters(requested.WaterConcentrationMm, requested.WaterAttenuation, requested.MetaboliteAttenuation);
        var (_, scaling) = TissueWaterScaling.Uncorrected(given, metabolite.EchoTimeMs, metabolite.RepetitionTimeMs,
            whyNot ?? "no tissue fractions (GM/WM/CSF) were given");
        return (requested, scaling);
    }
}
