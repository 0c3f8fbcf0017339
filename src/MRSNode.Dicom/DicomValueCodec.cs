using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace MRSNode.Dicom;

/// <summary>Turns value bytes into typed values and back (PS3.5 §6.2). Bytes are little-endian.</summary>
public static class DicomValueCodec
{
    /// <summary>The whole text value with trailing padding (space, NUL) removed; leading spaces kept as stored.</summary>
    public static string DecodeText(DicomVR vr, ReadOnlySpan<byte> bytes, DicomCharacterSet charset)
    {
        ArgumentNullException.ThrowIfNull(vr);
        ArgumentNullException.ThrowIfNull(charset);
        var encoding = vr.IsCharsetDependent ? charset.Encoding : Encoding.Latin1;
        var end = bytes.Length;
        while (end > 0 && (bytes[end - 1] == (byte)' ' || bytes[end - 1] == 0))
        {
            end--;
        }
        return encoding.GetString(bytes[..end]);
    }

    /// <summary>The values of a text element: split at backslash for multi-valued VRs, each value trimmed as PS3.5 allows.</summary>
    public static string[] DecodeStrings(DicomVR vr, ReadOnlySpan<byte> bytes, DicomCharacterSet charset)
    {
        var text = DecodeText(vr, bytes, charset);
        if (text.Length == 0)
        {
            return [];
        }
        if (vr.Kind != DicomVRKind.MultiText)
        {
            return [text];
        }
        var parts = text.Split('\\');
        // Leading spaces are not significant in these VRs (PS3.5 Table 6.2-1; UC keeps them); trailing ones are padding in all.
        bool trimLeading = vr == DicomVR.AE || vr == DicomVR.CS || vr == DicomVR.DS || vr == DicomVR.IS
            || vr == DicomVR.DA || vr == DicomVR.DT || vr == DicomVR.TM || vr == DicomVR.SH || vr == DicomVR.LO;
        for (int i = 0; i < parts.Length; i++)
        {
            parts[i] = trimLeading ? parts[i].Trim(' ', '\0') : parts[i].TrimEnd(' ', '\0');
        }
        return parts;
    }

    /// <summary>Encodes text values (joined by backslash) and pads to even length with the VR's padding byte.</summary>
    public static byte[] EncodeStrings(DicomVR vr, IReadOnlyList<string> values, DicomCharacterSet charset)
    {
        ArgumentNullException.ThrowIfNull(vr);
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(charset);
        var text = string.Join('\\', values);
        var encoding = vr.IsCharsetDependent ? charset.Encoding : Encoding.ASCII;
        var count = encoding.GetByteCount(text);
        var bytes = new byte[count + (count & 1)];
        encoding.GetBytes(text, bytes);
        if ((count & 1) == 1)
        {
            bytes[^1] = vr.PaddingByte;
        }
        return bytes;
    }

    /// <summary>Binary values (US, SL, FL, FD, OF, OD, OL, OV, SV, UV, OW ...) as an array of T.</summary>
    public static T[] DecodeBinary<T>(ReadOnlySpan<byte> bytes) where T : unmanaged
    {
        int size = Marshal.SizeOf<T>();
        int usable = bytes.Length - bytes.Length % size;
        return MemoryMarshal.Cast<byte, T>(bytes[..usable]).ToArray();
    }

    public static byte[] EncodeBinary<T>(ReadOnlySpan<T> values) where T : unmanaged =>
        MemoryMarshal.AsBytes(values).ToArray();

    /// <summary>AT values: pairs of 16-bit group and element numbers.</summary>
    public static DicomTag[] DecodeTags(ReadOnlySpan<byte> bytes)
    {
        var tags = new DicomTag[bytes.Length / 4];
        for (int i = 0; i < tags.Length; i++)
        {
            tags[i] = new DicomTag(BinaryPrimitives.ReadUInt16LittleEndian(bytes[(4 * i)..]), BinaryPrimitives.ReadUInt16LittleEndian(bytes[(4 * i + 2)..]));
        }
        return tags;
    }

    public static byte[] EncodeTags(ReadOnlySpan<DicomTag> tags)
    {
        var bytes = new byte[tags.Length * 4];
        for (int i = 0; i < tags.Length; i++)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(4 * i), tags[i].Group);
            BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(4 * i + 2), tags[i].Element);
        }
        return bytes;
    }

    /// <summary>Reverses every unit of a binary value in place (for big-endian transfer syntaxes).</summary>
    public static void SwapBytes(Span<byte> bytes, int unit)
    {
        if (unit <= 1)
        {
            return;
        }
        int usable = bytes.Length - bytes.Length % unit;
        for (int i = 0; i < usable; i += unit)
        {
            bytes.Slice(i, unit).Reverse();
        }
    }

    /// <summary>Number of values as dcmtk counts them: O* VRs and UN always hold one (possibly empty) value.</summary>
    public static int CountValues(DicomVR vr, ReadOnlySpan<byte> bytes, DicomCharacterSet charset)
    {
        ArgumentNullException.ThrowIfNull(vr);
        if (vr.Kind == DicomVRKind.Bytes || (vr.Kind == DicomVRKind.Binary && vr.Code[0] == 'O'))
        {
            return 1;
        }
        if (bytes.IsEmpty)
        {
            return 0;
        }
        return vr.Kind switch
        {
            DicomVRKind.MultiText => DecodeText(vr, bytes, charset) is { Length: > 0 } t ? t.Count(c => c == '\\') + 1 : 0,
            DicomVRKind.SingleText => DecodeText(vr, bytes, charset).Length > 0 ? 1 : 0,
            DicomVRKind.Binary => bytes.Length / vr.UnitSize,
            _ => 1,
        };
    }

    internal static double ParseDecimal(string s, DicomTag tag) =>
        double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v)
            ? v
            : throw new FormatException($"{tag} DS value '{s}' is not a decimal number.");

    internal static long ParseInteger(string s, DicomTag tag) =>
        long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v)
            ? v
            : throw new FormatException($"{tag} IS value '{s}' is not an integer.");
}
