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
