using MRSNode.Quantification.Metabolites;
using MRSNode.Quantification.Results;

namespace MRSNode.Reporting.Dicom;

/// <summary>A coded concept (code value, coding scheme designator, code meaning).</summary>
public sealed record CodedConcept(string Value, string Scheme, string Meaning)
{
    /// <summary>MRSNode's private coding scheme for concepts DICOM and SNOMED CT do not cover (documented in docs/conformance-statement.md, SR section).</summary>
    public const string PrivateScheme = "99MRSNODE";

    /// <summary>Private codes are at most 16 characters (Code Value is SH); longer names are cut.</summary>
    public static CodedConcept Private(string value, string meaning)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new(value.Length > 16 ? value[..16] : value, PrivateScheme, meaning);
    }
}

/// <summary>
/// The codes the measurement report uses: PS3.16 (DCM, SCT, UCUM) wherever the standard has the concept, MRSNode's
/// private scheme (declared in the SR's Coding Scheme Identification Sequence) for the rest.
/// </summary>
public static class ReportCodes
{
    public static readonly CodedConcept ImagingMeasurementReport = new("126000", "DCM", "Imaging Measurement Report");
    public static readonly CodedConcept Language = new("121049", "DCM", "Language of Content Item and Descendants");
    public static readonly CodedConcept EnglishUs = new("en-US", "RFC5646", "English (United States)");
    public static readonly CodedConcept ObserverType = new("121005", "DCM", "Observer Type");
    public static readonly CodedConcept Device = new("121007", "DCM", "Device");
    public static readonly CodedConcept DeviceObserverUid = new("121012", "DCM", "Device Observer UID");
    public static readonly CodedConcept DeviceObserverName = new("121013", "DCM", "Device Observer Name");
    public static readonly CodedConcept DeviceObserverManufacturer = new("121014", "DCM", "Device Observer Manufacturer");
    public static readonly CodedConcept DeviceObserverModelName = new("121015", "DCM", "Device Observer Model Name");
    public static readonly CodedConcept ProcedureReported = new("121058", "DCM", "Procedure reported");
    public static readonly CodedConcept MriUnspecified = new("25056-3", "LN", "MRI unspecified body region");
    public static readonly CodedConcept ImagingMeasurements = new("126010", "DCM", "Imaging Measurements");
    public static readonly CodedConcept MeasurementGroup = new("125007", "DCM", "Measurement Group");
    public static readonly CodedConcept TrackingIdentifier = new("112039", "DCM", "Tracking Identifier");
    public static readonly CodedConcept TrackingUid = new("112040", "DCM", "Tracking Unique Identifier");
    public static readonly CodedConcept FindingSite = new("363698007", "SCT", "Finding Site");
    public static readonly CodedConcept Brain = new("12738006", "SCT", "Brain");
    public static readonly CodedConcept Normality = new("121402", "DCM", "Normality");
    public static readonly CodedConcept Normal = new("17621005", "SCT", "Normal");
    public static readonly CodedConcept AbnormallyHigh = new("371879000", "SCT", "Abnormally high");
    public static readonly CodedConcept AbnormallyLow = new("371880002", "SCT", "Abnormally low");
    public static readonly CodedConcept Finding = new("121071", "DCM", "Finding");

    // Private: the standard has no code for these.
    public static readonly CodedConcept Crlb = CodedConcept.Private("CRLB", "Cramer-Rao lower bound");
    public static readonly CodedConcept Flag = CodedConcept.Private("FLAG", "MRSNode flag");
    public static readonly CodedConcept ReferenceRange = CodedConcept.Private("REFRANGE", "Reference range");
    /// <summary>Concept modifier of a ratio NUM the standard has no code for: its value is the denominator's code.</summary>
    public static readonly CodedConcept RatioTo = CodedConcept.Private("RATIO_TO", "Ratio to");
    public static readonly CodedConcept Snr = CodedConcept.Private("SNR", "Signal-to-noise ratio (MRSNode: NAA peak height / noise SD)");
    public static readonly CodedConcept SnrLcModel = CodedConcept.Private("SNR_LCM", "Signal-to-noise ratio (LCModel definition)");
    public static readonly CodedConcept Linewidth = CodedConcept.Private("FWHM", "Linewidth (FWHM of the NAA peak)");
    public static readonly CodedConcept LineshapeLinewidth = CodedConcept.Private("FWHM_LCM", "Linewidth (LCModel definition: FWHM of the fitted lineshape)");
    public static readonly CodedConcept FitResidual = CodedConcept.Private("RESIDUAL", "Fit residual (relative)");
    public static readonly CodedConcept FrequencyOffset = CodedConcept.Private("FREQ_OFFSET", "Frequency offset");
    public static readonly CodedConcept ZeroOrderPhase = CodedConcept.Private("PHASE0", "Zero-order phase");
    public static readonly CodedConcept LipidToTCr = CodedConcept.Private("LIPID_TCR", "Lipid to total creatine (lipid contamination)");
    public static readonly CodedConcept ResidualWaterToNaa = CodedConcept.Private("WATER_NAA", "Residual water to NAA (water suppression)");
    public static readonly CodedConcept Transients = CodedConcept.Private("TRANSIENTS", "Transients acquired");
    public static readonly CodedConcept TransientsRejected = CodedConcept.Private("TRANS_REJECTED", "Transients rejected (motion, spikes)");
    public static readonly CodedConcept FrequencyDrift = CodedConcept.Private("FREQ_DRIFT", "Frequency drift during the acquisition");
    public static readonly CodedConcept BasisSet = CodedConcept.Private("BASIS", "Basis set");
    public static readonly CodedConcept Preprocessing = CodedConcept.Private("PREPROC", "Preprocessing step");
    public static readonly CodedConcept ConcentrationUnit = CodedConcept.Private("CONC_UNIT", "Concentration unit");
    public static readonly CodedConcept Scaling = CodedConcept.Private("SCALING", "Concentration scaling");
    public static readonly CodedConcept ScalingParameter = CodedConcept.Private("SCALING_PARAM", "Concentration scaling parameter");
    public static readonly CodedConcept CrlbCalibration = CodedConcept.Private("CRLB_CALIB", "CRLB calibration");
    public static readonly CodedConcept NeuralAdvisory = CodedConcept.Private("NEURAL", "Neural second opinion");
    public static readonly CodedConcept Verdict = CodedConcept.Private("VERDICT", "Reliability verdict");
    public static readonly CodedConcept Reason = CodedConcept.Private("REASON", "Reason");

    // UCUM units (CID 7181 where it has them).
    public static readonly CodedConcept Ratio = new("{ratio}", "UCUM", "ratio");
    public static readonly CodedConcept MilliMolar = new("mmol/L", "UCUM", "millimole per liter");
    public static readonly CodedConcept MilliMolal = new("mmol/kg", "UCUM", "millimole per kilogram");
    /// <summary>Institutional units: water-scaled without tissue or relaxation correction, so no SI unit applies.</summary>
    public static readonly CodedConcept ArbitraryUnit = new("[arb'U]", "UCUM", "arbitrary unit");
    public static readonly CodedConcept Percent = new("%", "UCUM", "percent");
    public static readonly CodedConcept Ppm = new("ppm", "UCUM", "parts per million");
    public static readonly CodedConcept Hertz = new("Hz", "UCUM", "Hertz");
    public static readonly CodedConcept Degree = new("deg", "UCUM", "degree");
    public static readonly CodedConcept NoUnit = new("1", "UCUM", "no units");

    /// <summary>The unit of the absolute values: mmol/kg or mmol/L only when corrected, else arbitrary (institutional) units.</summary>
    public static CodedConcept ConcentrationUnitOf(ConcentrationScaling? scaling) =>
        scaling is not { Corrected: true } ? ArbitraryUnit
        : scaling.Unit.Contains("molal", StringComparison.OrdinalIgnoreCase) ? MilliMolal
        : MilliMolar;

    /// <summary>
    /// A metabolite's code. The CID 4033 peaks (N-acetylaspartate, Creatine, Choline) are the pools that make them
    /// (tNAA, tCr = Cr + PCr, tCho = GPC + PCho), so the pools carry the standard codes and a single component (free Cr,
    /// NAA without NAAG) gets a private code of its own: one code, one meaning. Glx, Ins, Lac, Gln and Tau use the
    /// catalog's standard codes; lipid totals the Lipid code; anything else a private code named after it.
    /// </summary>
    public static CodedConcept Metabolite(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var catalog = MetaboliteCatalog.Standard;
        if (PoolCodes.TryGetValue(name, out var pool))
        {
            return From(pool);
        }
        if (catalog.CodeOf(name) is { } code)
        {
            return PoolCodes.ContainsValue(code) ? CodedConcept.Private(name.ToUpperInvariant(), $"{code.Meaning} ({name} alone)") : From(code);
        }
        return LipidTotals.Contains(name) ? From(MrProtonSpectroscopyCodes.Lipid) : CodedConcept.Private(name.ToUpperInvariant(), name);
    }

    /// <summary>The standard code of a ratio (CID 4033: Cho/Cr, NAA/Cr, NAA/Cho as the pools tCho, tNAA over tCr, tCho), or null.</summary>
    public static CodedConcept? RatioOf(string numerator, string denominator) =>
        MetaboliteCatalog.Standard.RatioCodes.FirstOrDefault(r =>
            string.Equals(r.Numerator, numerator, StringComparison.OrdinalIgnoreCase) && string.Equals(r.Denominator, denominator, StringComparison.OrdinalIgnoreCase))
        is { } ratio ? From(ratio.Code) : null;

    private static readonly Dictionary<string, CodedTerm> PoolCodes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["tNAA"] = MrProtonSpectroscopyCodes.NAcetylaspartate,
        ["tCr"] = MrProtonSpectroscopyCodes.Creatine,
        ["tCho"] = MrProtonSpectroscopyCodes.Choline,
    };

    /// <summary>Names a lipid total may carry (the single components, Lip09, Lip13a…, stay private).</summary>
    private static readonly HashSet<string> LipidTotals = new(StringComparer.OrdinalIgnoreCase) { "Lip", "tLip", "Lipids", "Lip13", "TotLip" };

    private static CodedConcept From(CodedTerm t) => new(t.Value, t.Scheme, t.Meaning);
}
