namespace MRSNode.Dicom;

/// <summary>How a VR's value bytes are interpreted.</summary>
public enum DicomVRKind
{
    /// <summary>Text whose values are separated by backslash (AE, CS, LO, PN, ...).</summary>
    MultiText,
    /// <summary>Text that is one value; backslash is an ordinary character (LT, ST, UT, UR).</summary>
    SingleText,
    /// <summary>Fixed-size binary numbers (US, FL, OF, AT, ...).</summary>
    Binary,
    /// <summary>Opaque bytes (OB, UN).</summary>
    Bytes,
    Sequence,
}

/// <summary>A value representation of PS3.5 §6.2. One shared instance per VR; compare by reference.</summary>
public sealed class DicomVR
{
    private DicomVR(string code, DicomVRKind kind, int unitSize, bool longLength, int maxLength, bool charsetDependent, string name)
    {
        Code = code;
        Kind = kind;
        UnitSize = unitSize;
        UsesLongLength = longLength;
        MaxLength = maxLength;
        IsCharsetDependent = charsetDependent;
        Name = name;
    }

    /// <summary>The two-letter code, e.g. "PN".</summary>
    public string Code { get; }
    public DicomVRKind Kind { get; }
    public string Name { get; }

    /// <summary>Size in bytes of one binary unit, for byte swapping and VM counting (AT: 4, swapped as two 2-byte halves).</summary>
    public int UnitSize { get; }

    /// <summary>Explicit VR encoding uses 2 reserved bytes and a 32-bit length (PS3.5 Table 7.1-1).</summary>
    public bool UsesLongLength { get; }

    /// <summary>Maximum length of one value in characters (text) or 0 when unbounded or fixed.</summary>
    public int MaxLength { get; }

    /// <summary>Text affected by Specific Character Set (0008,0005); other text VRs are ASCII only.</summary>
    public bool IsCharsetDependent { get; }

    public bool IsText => Kind is DicomVRKind.MultiText or DicomVRKind.SingleText;

    /// <summary>UI and binary values are padded with NUL, text with space (PS3.5 §6.2).</summary>
    public byte PaddingByte => Kind == DicomVRKind.Binary || Kind == DicomVRKind.Bytes || this == UI ? (byte)0 : (byte)' ';

    /// <summary>Swap unit for big-endian conversion; AT is a pair of 16-bit numbers.</summary>
    public int SwapUnit => this == AT ? 2 : UnitSize;

    public override string ToString() => Code;

    public static readonly DicomVR AE = new("AE", DicomVRKind.MultiText, 1, false, 16, false, "Application Entity");
    public static readonly DicomVR AS = new("AS", DicomVRKind.MultiText, 1, false, 4, false, "Age String");
    public static readonly DicomVR AT = new("AT", DicomVRKind.Binary, 4, false, 0, false, "Attribute Tag");
    public static readonly DicomVR CS = new("CS", DicomVRKind.MultiText, 1, false, 16, false, "Code String");
    public static readonly DicomVR DA = new("DA", DicomVRKind.MultiText, 1, false, 8, false, "Date");
    public static readonly DicomVR DS = new("DS", DicomVRKind.MultiText, 1, false, 16, false, "Decimal String");
    public static readonly DicomVR DT = new("DT", DicomVRKind.MultiText, 1, false, 26, false, "Date Time");
    public static readonly DicomVR FD = new("FD", DicomVRKind.Binary, 8, false, 0, false, "Floating Point Double");
    public static readonly DicomVR FL = new("FL", DicomVRKind.Binary, 4, false, 0, false, "Floating Point Single");
    public static readonly DicomVR IS = new("IS", DicomVRKind.MultiText, 1, false, 12, false, "Integer String");
    public static readonly DicomVR LO = new("LO", DicomVRKind.MultiText, 1, false, 64, true, "Long String");
    public static readonly DicomVR LT = new("LT", DicomVRKind.SingleText, 1, false, 10240, true, "Long Text");
    public static readonly DicomVR OB = new("OB", DicomVRKind.Bytes, 1, true, 0, false, "Other Byte");
    public static readonly DicomVR OD = new("OD", DicomVRKind.Binary, 8, true, 0, false, "Other Double");
    public static readonly DicomVR OF = new("OF", DicomVRKind.Binary, 4, true, 0, false, "Other Float");
    public static readonly DicomVR OL = new("OL", DicomVRKind.Binary, 4, true, 0, false, "Other Long");
    public static readonly DicomVR OV = new("OV", DicomVRKind.Binary, 8, true, 0, false, "Other 64-bit Very Long");
    public static readonly DicomVR OW = new("OW", DicomVRKind.Binary, 2, true, 0, false, "Other Word");
    public static readonly DicomVR PN = new("PN", DicomVRKind.MultiText, 1, false, 64, true, "Person Name");
    public static readonly DicomVR SH = new("SH", DicomVRKind.MultiText, 1, false, 16, true, "Short String");
    public static readonly DicomVR SL = new("SL", DicomVRKind.Binary, 4, false, 0, false, "Signed Long");
    public static readonly DicomVR SQ = new("SQ", DicomVRKind.Sequence, 1, true, 0, false, "Sequence of Items");
    public static readonly DicomVR SS = new("SS", DicomVRKind.Binary, 2, false, 0, false, "Signed Short");
    public static readonly DicomVR ST = new("ST", DicomVRKind.SingleText, 1, false, 1024, true, "Short Text");
    public static readonly DicomVR SV = new("SV", DicomVRKind.Binary, 8, true, 0, false, "Signed 64-bit Very Long");
    public static readonly DicomVR TM = new("TM", DicomVRKind.MultiText, 1, false, 14, false, "Time");
    public static readonly DicomVR UC = new("UC", DicomVRKind.MultiText, 1, true, 0, true, "Unlimited Characters");
    public static readonly DicomVR UI = new("UI", DicomVRKind.MultiText, 1, false, 64, false, "Unique Identifier");
    public static readonly DicomVR UL = new("UL", DicomVRKind.Binary, 4, false, 0, false, "Unsigned Long");
    public static readonly DicomVR UN = new("UN", DicomVRKind.Bytes, 1, true, 0, false, "Unknown");
    public static readonly DicomVR UR = new("UR", DicomVRKind.SingleText, 1, true, 0, false, "Universal Resource Identifier");
    public static readonly DicomVR US = new("US", DicomVRKind.Binary, 2, false, 0, false, "Unsigned Short");
    public static readonly DicomVR UT = new("UT", DicomVRKind.SingleText, 1, true, 0, true, "Unlimited Text");
    public static readonly DicomVR UV = new("UV", DicomVRKind.Binary, 8, true, 0, false, "Unsigned 64-bit Very Long");

    /// <summary>Every VR of PS3.5 Table 6.2-1.</summary>
    public static IReadOnlyList<DicomVR> All { get; } =
    [
        AE, AS, AT, CS, DA, DS, DT, FD, FL, IS, LO, LT, OB, OD, OF, OL, OV, OW,
        PN, SH, SL, SQ, SS, ST, SV, TM, UC, UI, UL, UN, UR, US, UT, UV,
    ];

    private static readonly Dictionary<ushort, DicomVR> _byCode = All.ToDictionary(v => (ushort)((v.Code[0] << 8) | v.Code[1]));

    /// <summary>Looks up a VR by its two ASCII bytes as read from an explicit VR header.</summary>
    public static bool TryGet(byte first, byte second, out DicomVR vr) =>
        _byCode.TryGetValue((ushort)((first << 8) | second), out vr!);

    public static bool TryParse(string code, out DicomVR vr)
    {
        vr = null!;
        return code is { Length: 2 } && TryGet((byte)code[0], (byte)code[1], out vr);
    }

    public static DicomVR Parse(string code) =>
        TryParse(code, out var vr) ? vr : throw new FormatException($"'{code}' is not a DICOM VR.");
}
