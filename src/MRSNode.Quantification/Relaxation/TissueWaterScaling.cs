using System.Globalization;
using MRSNode.Quantification.Results;

namespace MRSNode.Quantification.Relaxation;

/// <summary>
/// The scaling of water-referenced amplitudes, stated as what it is. Without tissue fractions: LCModel's WCONC, ATTH2O and
/// ATTMET as given, in institutional units ("i.u."), never compared with ranges in mM. With them: the formalism of
/// Gasparovic et al. (MRM 2006;55:1219), as FSL-MRS and Osprey apply it, giving mmol per kg of tissue water (molal):
/// <c>[M] = (S_M/S_W)·(2/n_M)·[H2O]·Σᵢ fᵢ·R_W,i / ((1 − f_CSF)·R_M)</c>, where fᵢ are the water fractions
/// (volume fraction × MR-visible water density, normalised), R = exp(−TE/T2)·(1 − exp(−TR/T1)) per compartment, and
/// [H2O] = 55 510 mmol/kg. It maps onto LCModel's equation as WCONC = [H2O]·Σᵢ fᵢ·R_W,i, ATTH2O = 1, ATTMET = (1 − f_CSF)·R_M.
/// </summary>
public static class TissueWaterScaling
{
    /// <summary>Molality of pure water, mmol/kg.</summary>
    public const double WaterMolalityMm = 55510;

    /// <summary>MR-visible water density of GM, WM and CSF relative to pure water (Ernst et al. 1993, as Gasparovic 2006).</summary>
    public const double GreyWaterDensity = 0.78, WhiteWaterDensity = 0.65, CsfWaterDensity = 0.97;

    public const string InstitutionalUnit = "i.u.";
    public const string CorrectedUnit = "mM (corrected, molal)";

    private static readonly CultureInfo _inv = CultureInfo.InvariantCulture;

    /// <summary>Uncorrected: the parameters as given, the unit institutional.</summary>
    public static (WaterScalingParameters Parameters, ConcentrationScaling Scaling) Uncorrected(WaterScalingParameters given, double? echoTimeMs, double? repetitionTimeMs, string? whyNotCorrected = null)
    {
        ArgumentNullException.ThrowIfNull(given);
        var p = new Dictionary<string, double>
        {
            ["WCONC"] = given.WaterConcentrationMm,
            ["ATTH2O"] = given.WaterAttenuation,
            ["ATTMET"] = given.MetaboliteAttenuation,
        };
        AddTiming(p, echoTimeMs, repetitionTimeMs);
        string description = string.Create(_inv,
            $"water-scaled (LCModel equation: WCONC {given.WaterConcentrationMm:0.#} mM, ATTH2O {given.WaterAttenuation:0.###}, ATTMET {given.MetaboliteAttenuation:0.###}) without tissue or relaxation correction: institutional units, comparable between studies of the same protocol, not with literature mM")
            + (whyNotCorrected is null ? "" : $"; not corrected: {whyNotCorrected}");
        return (given, new ConcentrationScaling { Unit = InstitutionalUnit, Corrected = false, Description = description, Parameters = p });
    }

    /// <summary>Corrected for partial volume and relaxation; null (with the reason) when the field has no relaxation table entry or TE/TR are unknown.</summary>
    public static (WaterScalingParameters Parameters, ConcentrationScaling Scaling)? Corrected(TissueFractions tissue, double fieldTesla, double? echoTimeMs, double? repetitionTimeMs, string tissueSource, out string? whyNot)
    {
        ArgumentNullException.ThrowIfNull(tissue);
        whyNot = null;
        var table = RelaxationTable.For(fieldTesla);
        if (table is null)
        {
            whyNot = string.Create(_inv, $"no relaxation times for {fieldTesla:0.##} T (the table holds 1.5, 3 and 7 T)");
            return null;
        }
        if (echoTimeMs is not { } te || repetitionTimeMs is not { } tr || !(te > 0) || !(tr > 0))
        {
            whyNot = "the echo or repetition time is not known";
            return null;
        }
        double gw = tissue.Grey * GreyWaterDensity, ww = tissue.White * WhiteWaterDensity, cw = tissue.Csf * CsfWaterDensity;
        double water = gw + ww + cw;
        double fGm = gw / water, fWm = ww / water, fCsf = cw / water;
        double rGm = table.Grey.Attenuation(te, tr), rWm = table.White.Attenuation(te, tr), rCsf = table.Csf.Attenuation(te, tr);
        double rMet = table.Metabolite.Attenuation(te, tr);
        double wconc = WaterMolalityMm * (fGm * rGm + fWm * rWm + fCsf * rCsf);
        double attMet = (1 - fCsf) * rMet;
        var parameters = new WaterScalingParameters(wconc, 1.0, attMet);
        var p = new Dictionary<string, double>
        {
            ["WCONC"] = wconc,
            ["ATTH2O"] = 1.0,
            ["ATTMET"] = attMet,
            ["fGM"] = tissue.Grey,
            ["fWM"] = tissue.White,
            ["fCSF"] = tissue.Csf,
            ["waterFractionGM"] = fGm,
            ["waterFractionWM"] = fWm,
            ["waterFractionCSF"] = fCsf,
            ["fieldT"] = table.FieldTesla,
            ["T1waterGMms"] = table.Grey.T1Ms,
            ["T2waterGMms"] = table.Grey.T2Ms,
            ["T1waterWMms"] = table.White.T1Ms,
            ["T2waterWMms"] = table.White.T2Ms,
            ["T1waterCSFms"] = table.Csf.T1Ms,
            ["T2waterCSFms"] = table.Csf.T2Ms,
            ["T1metabolitems"] = table.Metabolite.T1Ms,
            ["T2metabolitems"] = table.Metabolite.T2Ms,
            ["waterMolalitymM"] = WaterMolalityMm,
        };
        AddTiming(p, te, tr);
        string description = string.Create(_inv,
            $"water-scaled with partial-volume and relaxation correction (Gasparovic et al. MRM 2006): tissue {tissue} ({tissueSource}); relaxation at {table.FieldTesla:0.#} T: {table.Source}; mmol per kg of tissue water (molal)");
        return (parameters, new ConcentrationScaling { Unit = CorrectedUnit, Corrected = true, Description = description, Parameters = p });
    }

    private static void AddTiming(Dictionary<string, double> p, double? te, double? tr)
    {
        if (te is { } e)
        {
            p["TEms"] = e;
        }
        if (tr is { } r)
        {
            p["TRms"] = r;
        }
    }
}
