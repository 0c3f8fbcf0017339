using System.Globalization;
using MRSNode.Dicom;

namespace MRSNode.Spectroscopy.Readers;

/// <summary>
/// Acquisition facts that an ORIGINAL MR Spectroscopy object must carry but <see cref="MrsAcquisition"/>
/// does not: acquisition time, flip angle, SAR and IEC operating modes, coils, patient position. They
/// come from the source object (<see cref="FromDicom"/>: MR Spectroscopy Storage or Siemens CSA
/// Non-Image) and are never invented: what is unknown stays null and is left out of the written object.
/// </summary>
public sealed record MrsAcquisitionDetails
{
    public DateTime? AcquisitionDateTime { get; init; }
    public double? AcquisitionDurationSeconds { get; init; }
    public double? FlipAngleDegrees { get; init; }
    public int? EchoTrainLength { get; init; }
    public int? RFEchoTrainLength { get; init; }
    public int? GradientEchoTrainLength { get; init; }
    /// <summary>(Definition, W/kg) pairs, e.g. ("IEC_WHOLE_BODY", 0.026).</summary>
    public IReadOnlyList<(string Definition, double Value)> SpecificAbsorptionRates { get; init; } = [];
    /// <summary>(Type, Mode) pairs, e.g. ("RF", "IEC_NORMAL").</summary>
    public IReadOnlyList<(string Type, string Mode)> OperatingModes { get; init; } = [];
    /// <summary>IEC, FDA or MHW (Applicable Safety Standard Agency (0018,9174)).</summary>
    public string? SafetyStandardAgency { get; init; }
    public string? ReceiveCoilName { get; init; }
    /// <summary>BODY, VOLUME, SURFACE or MULTICOIL.</summary>
    public string? ReceiveCoilType { get; init; }
    /// <summary>The elements of a MULTICOIL receive coil that were used.</summary>
    public IReadOnlyList<string> ReceiveCoilElements { get; init; } = [];
    public string? TransmitCoilName { get; init; }
    /// <summary>BODY, VOLUME or SURFACE.</summary>
    public string? TransmitCoilType { get; init; }
    /// <summary>HFS, FFS, ... (Patient Position (0018,5100)).</summary>
    public string? PatientPosition { get; init; }
    public string? DeviceSerialNumber { get; init; }
    /// <summary>PRODUCT, RESEARCH or SERVICE (Content Qualification (0018,9004)); the writer assumes PRODUCT when unknown.</summary>
    public string? ContentQualification { get; init; }

    /// <summary>The acquisition facts of a source object: MR Spectroscopy Storage or Siemens CSA Non-Image; empty for anything else.</summary>
    public static MrsAcquisitionDetails FromDicom(DicomDataset source)
    {
        ArgumentNullException.ThrowIfNull(source);
        try
        {
            return source.GetString(DicomTags.SOPClassUID)?.Trim('\0', ' ') switch
            {
                DicomUids.MRSpectroscopyStorage => FromEnhanced(source),
                SiemensCsaReader.SopClassUid => FromCsa(source),
                _ => new MrsAcquisitionDetails(),
            };
        }
        catch (Exception ex) when (ex is FormatException or OverflowException or InvalidOperationException or MrsReadException)
        {
            return new MrsAcquisitionDetails { PatientPosition = Text(source, DicomTags.PatientPosition) };
        }
    }

    private static MrsAcquisitionDetails FromEnhanced(DicomDataset ds)
    {
        var timing = FunctionalGroups.Macro(ds, DicomTags.MRTimingAndRelatedParametersSequence);
        var receive = FunctionalGroups.Macro(ds, DicomTags.MRReceiveCoilSequence);
        var transmit = FunctionalGroups.Macro(ds, DicomTags.MRTransmitCoilSequence);
        return new MrsAcquisitionDetails
        {
            AcquisitionDateTime = ParseDateTime(Text(ds, DicomTags.AcquisitionDateTime)),
            AcquisitionDurationSeconds = Number(ds, DicomTags.AcquisitionDuration),
            FlipAngleDegrees = timing is null ? null : Number(timing, DicomTags.FlipAngle),
            EchoTrainLength = timing is null ? null : Integer(timing, DicomTags.EchoTrainLength),
            RFEchoTrainLength = timing is null ? null : Integer(timing, DicomTags.RFEchoTrainLength),
            GradientEchoTrainLength = timing is null ? null : Integer(timing, DicomTags.GradientEchoTrainLength),
            SpecificAbsorptionRates = timing?.GetSequence(DicomTags.SpecificAbsorptionRateSequence)?.Items
                .Where(i => Text(i, DicomTags.SpecificAbsorptionRateDefinition) is not null && Number(i, DicomTags.SpecificAbsorptionRateValue) is not null)
                .Select(i => (Text(i, DicomTags.SpecificAbsorptionRateDefinition)!, Number(i, DicomTags.SpecificAbsorptionRateValue)!.Value))
                .ToList() ?? [],
            OperatingModes = timing?.GetSequence(DicomTags.OperatingModeSequence)?.Items
                .Where(i => Text(i, DicomTags.OperatingModeType) is not null && Text(i, DicomTags.OperatingMode) is not null)
                .Select(i => (Text(i, DicomTags.OperatingModeType)!, Text(i, DicomTags.OperatingMode)!))
                .Distinct()
                .ToList() ?? [],
            SafetyStandardAgency = Text(ds, DicomTags.ApplicableSafetyStandardAgency),
            ReceiveCoilName = receive is null ? null : Text(receive, DicomTags.ReceiveCoilName),
            ReceiveCoilType = receive is null ? null : Text(receive, DicomTags.ReceiveCoilType),
            ReceiveCoilElements = receive?.GetSequence(DicomTags.MultiCoilDefinitionSequence)?.Items
                .Where(i => Text(i, DicomTags.MultiCoilElementUsed) != "NO" && Text(i, DicomTags.MultiCoilElementName) is not null)
                .Select(i => Text(i, DicomTags.MultiCoilElementName)!)
                .ToList() ?? [],
            TransmitCoilName = transmit is null ? null : Text(transmit, DicomTags.TransmitCoilName),
            TransmitCoilType = transmit is null ? null : Text(transmit, DicomTags.TransmitCoilType),
            PatientPosition = Text(ds, DicomTags.PatientPosition),
            DeviceSerialNumber = Text(ds, DicomTags.DeviceSerialNumber),
            ContentQualification = Text(ds, DicomTags.ContentQualification),
        };
    }

    /// <summary>Siemens CSA: the image header (FlipAngle, SAR, TransmittingCoil, ImaCoilString) and series header (SafetyStandard, echo train lengths, Operation_mode_flag).</summary>
    private static MrsAcquisitionDetails FromCsa(DicomDataset ds)
    {
        CsaHeader? Header(byte offset) =>
            ds.FindPrivateTag(0x0029, "SIEMENS CSA HEADER", offset) is { } tag && ds.GetBytes(tag).Length > 0 ? CsaHeader.Parse(ds.GetBytes(tag).Span) : null;
        var image = Header(0x10);
        var series = Header(0x20);
        DateTime? start = ParseDateTime(Text(ds, DicomTags.AcquisitionDate) + Text(ds, DicomTags.AcquisitionTime));
        var coil = image?.GetString("ImaCoilString") ?? series?.GetString("CoilString");
        var transmit = image?.GetString("TransmittingCoil");
        // Siemens Operation_mode_flag: 0 normal, 1 first level, 2 second level (RF supervision mode).
        string? rfMode = series?.GetInt("Operation_mode_flag") switch { 0 => "IEC_NORMAL", 1 => "IEC_FIRST_LEVEL", 2 => "IEC_SECOND_LEVEL", _ => null };
        return new MrsAcquisitionDetails
        {
            AcquisitionDateTime = start,
            AcquisitionDurationSeconds = image?.GetDouble("SliceMeasurementDuration") is { } ms ? ms / 1000.0 : null,
            FlipAngleDegrees = image?.GetDouble("FlipAngle"),
            EchoTrainLength = series?.GetInt("EchoTrainLength"),
            RFEchoTrainLength = series?.GetInt("RFEchoTrainLength"),
            GradientEchoTrainLength = series?.GetInt("GradientEchoTrainLength"),
            SpecificAbsorptionRates = image?.GetDouble("SAR") is { } sar ? [("IEC_WHOLE_BODY", sar)] : [],
            OperatingModes = rfMode is null ? [] : [("RF", rfMode)],
            SafetyStandardAgency = series?.GetString("SafetyStandard"),
            ReceiveCoilName = coil,
            ReceiveCoilType = coil is null ? null : coil.Contains(';', StringComparison.Ordinal) ? "MULTICOIL" : null,
            ReceiveCoilElements = coil is null ? [] : coil.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            TransmitCoilName = transmit,
            TransmitCoilType = string.Equals(transmit, "Body", StringComparison.OrdinalIgnoreCase) ? "BODY" : null,
            PatientPosition = Text(ds, DicomTags.PatientPosition),
            DeviceSerialNumber = Text(ds, DicomTags.DeviceSerialNumber),
        };
    }

    /// <summary>A DICOM DT (or DA + TM) value without its time zone, or null.</summary>
    internal static DateTime? ParseDateTime(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        var s = value.Trim();
        int zone = s.IndexOfAny(['+', '-'], 8);
        if (zone > 0)
        {
            s = s[..zone];
        }
        string[] formats = ["yyyyMMddHHmmss.FFFFFF", "yyyyMMddHHmmss", "yyyyMMddHHmm", "yyyyMMddHH", "yyyyMMdd"];
        return DateTime.TryParseExact(s, formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? t : null;
    }

    private static string? Text(DicomDataset ds, DicomTag tag) =>
        ds.GetString(tag)?.Trim('\0', ' ') is { Length: > 0 } s ? s : null;

    private static double? Number(DicomDataset ds, DicomTag tag) =>
        ds.GetValues<double>(tag) is { Length: > 0 } v && double.IsFinite(v[0]) ? v[0] : null;

    private static int? Integer(DicomDataset ds, DicomTag tag) =>
        Number(ds, tag) is { } d && d >= 0 && d <= int.MaxValue ? (int)d : null;
}
