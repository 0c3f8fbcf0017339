using System.Globalization;

namespace MRSNode.Dicom;

/// <summary>A DICOM attribute tag (group, element). Ordered as on the wire: by group, then element.</summary>
public readonly record struct DicomTag(ushort Group, ushort Element) : IComparable<DicomTag>
{
    public DicomTag(uint value) : this((ushort)(value >> 16), (ushort)value) { }

    /// <summary>The tag as one 32-bit number, group in the high half.</summary>
    public uint Value => ((uint)Group << 16) | Element;

    /// <summary>Odd groups (other than 0001, 0003, 0005, 0007, FFFF) are private.</summary>
    public bool IsPrivate => (Group & 1) == 1 && Group > 0x0008 && Group != 0xFFFF;

    /// <summary>A private creator element (gggg,0010)–(gggg,00FF) reserves block xx for its creator.</summary>
    public bool IsPrivateCreator => IsPrivate && Element is >= 0x0010 and <= 0x00FF;

    /// <summary>For a private data element (gggg,xxyy) the block byte xx; 0 otherwise.</summary>
    public byte PrivateBlock => IsPrivate && Element >= 0x1000 ? (byte)(Element >> 8) : (byte)0;

    /// <summary>The creator element that reserves this private element's block.</summary>
    public DicomTag PrivateCreatorTag => new(Group, PrivateBlock);

    public bool IsGroupLength => Element == 0x0000;

    public int CompareTo(DicomTag other) => Value.CompareTo(other.Value);

    public static bool operator <(DicomTag left, DicomTag right) => left.Value < right.Value;
    public static bool operator >(DicomTag left, DicomTag right) => left.Value > right.Value;
    public static bool operator <=(DicomTag left, DicomTag right) => left.Value <= right.Value;
    public static bool operator >=(DicomTag left, DicomTag right) => left.Value >= right.Value;

    /// <summary>"(gggg,eeee)" in lower-case hex, as dcmdump prints it.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"({Group:x4},{Element:x4})");

    /// <summary>Parses "(gggg,eeee)", "gggg,eeee" or "ggggeeee".</summary>
    public static DicomTag Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var s = text.Trim();
        if (s.Length == 11 && s[0] == '(' && s[^1] == ')')
        {
            s = s[1..^1];
        }
        if (s.Length == 9 && s[4] == ',')
        {
            s = string.Concat(s.AsSpan(0, 4), s.AsSpan(5));
        }
        // Exactly eight hex digits: no stray commas, parentheses or inner spaces that HexNumber would skip.
        if (s.Length != 8 || !s.All(char.IsAsciiHexDigit) || !uint.TryParse(s, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var v))
        {
            throw new FormatException($"'{text}' is not a DICOM tag; expected (gggg,eeee).");
        }
        return new DicomTag(v);
    }

    // Delimitation tags of PS3.5 §7.5: they carry no VR, even in explicit VR transfer syntaxes.
    public static readonly DicomTag Item = new(0xFFFE, 0xE000);
    public static readonly DicomTag ItemDelimitationItem = new(0xFFFE, 0xE00D);
    public static readonly DicomTag SequenceDelimitationItem = new(0xFFFE, 0xE0DD);
}
