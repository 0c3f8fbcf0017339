namespace MRSNode.Dicom;

/// <summary>
/// UIDs of the SOP classes and transfer syntaxes MRSNode reads, writes or negotiates
/// (PS3.6 Annex A; Siemens and Philips private SOP classes from their conformance statements).
/// </summary>
public static class DicomUids
{
    // Transfer syntaxes
    public const string ImplicitVRLittleEndian = "1.2.840.10008.1.2";
    public const string ExplicitVRLittleEndian = "1.2.840.10008.1.2.1";
    public const string DeflatedExplicitVRLittleEndian = "1.2.840.10008.1.2.1.99";
    public const string ExplicitVRBigEndian = "1.2.840.10008.1.2.2";
    public const string JpegBaseline = "1.2.840.10008.1.2.4.50";
    public const string JpegLossless = "1.2.840.10008.1.2.4.70";
    public const string Jpeg2000Lossless = "1.2.840.10008.1.2.4.90";
    public const string Jpeg2000 = "1.2.840.10008.1.2.4.91";
    public const string RleLossless = "1.2.840.10008.1.2.5";

    // Application context and services
    public const string ApplicationContext = "1.2.840.10008.3.1.1.1";
    public const string Verification = "1.2.840.10008.1.1";

    // Storage SOP classes
    public const string MRImageStorage = "1.2.840.10008.5.1.4.1.1.4";
    public const string EnhancedMRImageStorage = "1.2.840.10008.5.1.4.1.1.4.1";
    public const string MRSpectroscopyStorage = "1.2.840.10008.5.1.4.1.1.4.2";
    public const string SecondaryCaptureImageStorage = "1.2.840.10008.5.1.4.1.1.7";
    public const string MultiFrameTrueColorSecondaryCaptureImageStorage = "1.2.840.10008.5.1.4.1.1.7.4";
    public const string EncapsulatedPdfStorage = "1.2.840.10008.5.1.4.1.1.104.1";
    public const string ParametricMapStorage = "1.2.840.10008.5.1.4.1.1.30";
    public const string BasicTextSRStorage = "1.2.840.10008.5.1.4.1.1.88.11";
    public const string EnhancedSRStorage = "1.2.840.10008.5.1.4.1.1.88.22";
    public const string ComprehensiveSRStorage = "1.2.840.10008.5.1.4.1.1.88.33";
    public const string RawDataStorage = "1.2.840.10008.5.1.4.1.1.66";
    public const string SiemensCsaNonImageStorage = "1.3.12.2.1107.5.9.1";
    public const string PhilipsPrivateMRSpectrumStorage = "1.3.46.670589.11.0.0.12.1";

    // Other
    public const string ModalityPerformedProcedureStep = "1.2.840.10008.3.1.2.3.3";

    private static readonly Dictionary<string, string> _names = new(StringComparer.Ordinal)
    {
        [ImplicitVRLittleEndian] = "Implicit VR Little Endian",
        [ExplicitVRLittleEndian] = "Explicit VR Little Endian",
        [DeflatedExplicitVRLittleEndian] = "Deflated Explicit VR Little Endian",
        [ExplicitVRBigEndian] = "Explicit VR Big Endian (retired)",
        [JpegBaseline] = "JPEG Baseline (Process 1)",
        [JpegLossless] = "JPEG Lossless, SV1",
        [Jpeg2000Lossless] = "JPEG 2000 Lossless",
        [Jpeg2000] = "JPEG 2000",
        [RleLossless] = "RLE Lossless",
        [ApplicationContext] = "DICOM Application Context",
        [Verification] = "Verification SOP Class",
        [MRImageStorage] = "MR Image Storage",
        [EnhancedMRImageStorage] = "Enhanced MR Image Storage",
        [MRSpectroscopyStorage] = "MR Spectroscopy Storage",
        [SecondaryCaptureImageStorage] = "Secondary Capture Image Storage",
        [MultiFrameTrueColorSecondaryCaptureImageStorage] = "Multi-frame True Color Secondary Capture Image Storage",
        [EncapsulatedPdfStorage] = "Encapsulated PDF Storage",
        [ParametricMapStorage] = "Parametric Map Storage",
        [BasicTextSRStorage] = "Basic Text SR Storage",
        [EnhancedSRStorage] = "Enhanced SR Storage",
        [ComprehensiveSRStorage] = "Comprehensive SR Storage",
        [RawDataStorage] = "Raw Data Storage",
        [SiemensCsaNonImageStorage] = "Siemens CSA Non-Image Storage",
        [PhilipsPrivateMRSpectrumStorage] = "Philips Private MR Spectrum Storage",
        [ModalityPerformedProcedureStep] = "Modality Performed Procedure Step SOP Class",
    };

    /// <summary>A readable name for a known UID, or null.</summary>
    public static string? NameOf(string uid) => _names.GetValueOrDefault(uid);
}
