using MRSNode.Quantification.Metabolites;

namespace MRSNode.Reporting.Dicom;

/// <summary>A coded concept (code value, coding scheme designator, code meaning).</summary>
public sealed record CodedConcept(string Value, string Scheme, string Meaning)
{
    /// <summary>MRSNode's private coding scheme for concepts DICOM and SNOMED CT do not cover (documented in docs/conformance-statement.md, SR section).</summary>
    public const string PrivateScheme = "99MRSNODE";

    public static CodedConcept Private(string value, string meaning) => new(value, PrivateScheme, meaning);
}

/// <summary>The codes the measurement report uses (PS3.16; metabolite codes from CID 4032/4033).</summary>
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
    public static readonly CodedConcept Crlb = CodedConcept.Private("CRLB", "Cramer-Rao lower bound");
    public static readonly CodedConcept Flag = CodedConcept.Private("FLAG", "MRSNode flag");
    public static readonly CodedConcept RatioToTCr = CodedConcept.Private("RATIO_TCR", "Ratio to total creatine");
    public static readonly CodedConcept TotalCreatine = CodedConcept.Private("TCR", "Total creatine (creatine + phosphocreatine)");
    public static readonly CodedConcept Snr = CodedConcept.Private("SNR", "Signal-to-noise ratio (NAA peak / noise SD)");
    public static readonly CodedConcept Linewidth = CodedConcept.Private("FWHM", "Linewidth (FWHM)");
    public static readonly CodedConcept Verdict = CodedConcept.Private("VERDICT", "Reliability verdict");
    public static readonly CodedConcept Reason = CodedConcept.Private("REASON", "Reason");

    // UCUM units (CID 7181 where it has them).
    public static readonly CodedConcept Ratio = new("{ratio}", "UCUM", "ratio");
    public static readonly CodedConcept MilliMolar = new("mmol/L", "UCUM", "millimole per liter");
    public static readonly CodedConcept Percent = new("%", "UCUM", "percent");
    public static readonly CodedConcept Ppm = new("ppm", "UCUM", "parts per million");
    public static readonly CodedConcept NoUnit = new("1", "UCUM", "no units");

    /// <summary>
    /// The metabolite's code: its standard one from the catalog (SNOMED CT/DICOM, PS3.16 CID 4033), tCr's private one,
    /// or a private code named after it.
    /// </summary>
    public static CodedConcept Metabolite(string name) =>
        MetaboliteCatalog.Standard.CodeOf(name) is { } code ? new CodedConcept(code.Value, code.Scheme, code.Meaning)
        : string.Equals(name, MetaboliteCatalog.Standard.TotalCreatine.Name, StringComparison.OrdinalIgnoreCase) ? TotalCreatine // one code, one meaning: the pool is the ratio's denominator
        : CodedConcept.Private(name.ToUpperInvariant(), name);
}
