namespace MRSNode.Dicom;

/// <summary>How a data set is encoded: VR explicit or implicit, byte order, deflate, encapsulated pixels.</summary>
public sealed class DicomTransferSyntax
{
    private DicomTransferSyntax(string uid, bool explicitVR, bool bigEndian, bool deflated, bool encapsulated)
    {
        Uid = uid;
        IsExplicitVR = explicitVR;
        IsBigEndian = bigEndian;
        IsDeflated = deflated;
        IsEncapsulated = encapsulated;
    }

    public string Uid { get; }
    public bool IsExplicitVR { get; }
    public bool IsBigEndian { get; }
    public bool IsDeflated { get; }
    /// <summary>Pixel data is a sequence of compressed fragments (JPEG, RLE, ...).</summary>
    public bool IsEncapsulated { get; }

    public string Name => DicomUids.NameOf(Uid) ?? Uid;

    /// <summary>Uncompressed syntaxes can be converted into each other without touching pixel data.</summary>
    public bool IsUncompressed => !IsEncapsulated;

    public override string ToString() => Name;

    public static readonly DicomTransferSyntax ImplicitVRLittleEndian = new(DicomUids.ImplicitVRLittleEndian, false, false, false, false);
    public static readonly DicomTransferSyntax ExplicitVRLittleEndian = new(DicomUids.ExplicitVRLittleEndian, true, false, false, false);
    public static readonly DicomTransferSyntax DeflatedExplicitVRLittleEndian = new(DicomUids.DeflatedExplicitVRLittleEndian, true, false, true, false);
    public static readonly DicomTransferSyntax ExplicitVRBigEndian = new(DicomUids.ExplicitVRBigEndian, true, true, false, false);

    /// <summary>RLE Lossless (PS3.5 Annex G): the compressed syntax the node writes (see Imaging.RlePixelData) and every PACS reads.</summary>
    public static readonly DicomTransferSyntax RleLossless = new(DicomUids.RleLossless, true, false, false, true);

    private static readonly Dictionary<string, DicomTransferSyntax> _known = new(StringComparer.Ordinal)
    {
        [ImplicitVRLittleEndian.Uid] = ImplicitVRLittleEndian,
        [ExplicitVRLittleEndian.Uid] = ExplicitVRLittleEndian,
        [DeflatedExplicitVRLittleEndian.Uid] = DeflatedExplicitVRLittleEndian,
        [ExplicitVRBigEndian.Uid] = ExplicitVRBigEndian,
    };

    /// <summary>
    /// The encapsulated (compressed) syntaxes of PS3.5 Table A-1 that the node accepts and stores as received (never
    /// decoding them): the JPEG family, JPEG-LS, JPEG 2000 (parts 1 and 2), HTJ2K, JPEG XL, MPEG-2, H.264, HEVC and RLE.
    /// Not listed, hence refused: JPIP (pixel data by reference), the retired JPEG processes and the retired MIME and
    /// XML encodings (1.2.840.10008.1.2.6.x), and any UID that merely shares a prefix with these.
    /// </summary>
    public static IReadOnlyList<string> StandardEncapsulatedUids { get; } =
    [
        "1.2.840.10008.1.2.4.50", "1.2.840.10008.1.2.4.51", "1.2.840.10008.1.2.4.57", "1.2.840.10008.1.2.4.70",
        "1.2.840.10008.1.2.4.80", "1.2.840.10008.1.2.4.81",
        "1.2.840.10008.1.2.4.90", "1.2.840.10008.1.2.4.91", "1.2.840.10008.1.2.4.92", "1.2.840.10008.1.2.4.93",
        "1.2.840.10008.1.2.4.100", "1.2.840.10008.1.2.4.101", "1.2.840.10008.1.2.4.102", "1.2.840.10008.1.2.4.103",
        "1.2.840.10008.1.2.4.104", "1.2.840.10008.1.2.4.105", "1.2.840.10008.1.2.4.106", "1.2.840.10008.1.2.4.107",
        "1.2.840.10008.1.2.4.108",
        "1.2.840.10008.1.2.4.110", "1.2.840.10008.1.2.4.111", "1.2.840.10008.1.2.4.112",
        "1.2.840.10008.1.2.4.201", "1.2.840.10008.1.2.4.202", "1.2.840.10008.1.2.4.203",
        DicomUids.RleLossless,
    ];

    private static readonly HashSet<string> _standardEncapsulated = new(StandardEncapsulatedUids, StringComparer.Ordinal);

    /// <summary>Whether <paramref name="uid"/> is one of <see cref="StandardEncapsulatedUids"/> (exactly; padding ignored).</summary>
    public static bool IsStandardEncapsulated(string uid) => _standardEncapsulated.Contains(uid.TrimEnd('\0', ' '));

    /// <summary>All uncompressed syntaxes this toolkit reads and writes.</summary>
    public static IReadOnlyCollection<DicomTransferSyntax> Uncompressed => _known.Values;

    /// <summary>
    /// The syntax for a UID. Unknown UIDs are assumed to be encapsulated explicit VR little endian,
    /// which PS3.5 §A.4 requires of every compressed syntax; the data set itself stays readable.
    /// </summary>
    public static DicomTransferSyntax Lookup(string uid)
    {
        ArgumentNullException.ThrowIfNull(uid);
        var trimmed = uid.TrimEnd('\0', ' ');
        if (trimmed == RleLossless.Uid)
        {
            return RleLossless;
        }
        return _known.TryGetValue(trimmed, out var ts) ? ts : new DicomTransferSyntax(trimmed, true, false, false, true);
    }

    public static bool IsKnownUncompressed(string uid) => _known.ContainsKey(uid.TrimEnd('\0', ' '));
}
