using System.Buffers.Binary;
using System.Text;
using Xunit;

namespace MRSNode.Dicom.Network.Tests.Dimse;

/// <summary>
/// Command sets written and read by hand in Implicit VR Little Endian (PS3.5 §7.1.3: tag, 32-bit
/// length, value; no VR), independently of the data set serializer under test.
/// </summary>
internal static class CommandBytes
{
    public sealed record Element(ushort Group, ushort Number, byte[] Value);

    public static byte[] US(ushort v)
    {
        var b = new byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(b, v);
        return b;
    }

    public static byte[] UL(uint v)
    {
        var b = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(b, v);
        return b;
    }

    /// <summary>A UI value, NUL padded to even length.</summary>
    public static byte[] UI(string uid) => Encoding.ASCII.GetBytes(uid.Length % 2 == 1 ? uid + "\0" : uid);

    /// <summary>An AE/LO value, space padded to even length.</summary>
    public static byte[] Text(string s) => Encoding.ASCII.GetBytes(s.Length % 2 == 1 ? s + " " : s);

    public static byte[] Encode(ushort group, ushort element, byte[] value)
    {
        var b = new byte[8 + value.Length];
        BinaryPrimitives.WriteUInt16LittleEndian(b, group);
        BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(2), element);
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(4), (uint)value.Length);
        value.CopyTo(b, 8);
        return b;
    }

    /// <summary>A command set: (0000,0000) with the computed group length, then the elements as given.</summary>
    public static byte[] Command(params (ushort Element, byte[] Value)[] elements)
    {
        var body = elements.SelectMany(e => Encode(0x0000, e.Element, e.Value)).ToArray();
        return [.. Encode(0x0000, 0x0000, UL((uint)body.Length)), .. body];
    }

    /// <summary>Walks implicit VR LE elements; fails if a header or value runs past the end.</summary>
    public static List<Element> Parse(byte[] bytes)
    {
        var list = new List<Element>();
        int pos = 0;
        while (pos < bytes.Length)
        {
            Assert.True(bytes.Length - pos >= 8, $"element header at {pos} is truncated");
            ushort group = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(pos));
            ushort number = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(pos + 2));
            int length = checked((int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(pos + 4)));
            Assert.True(bytes.Length - pos - 8 >= length, $"element ({group:X4},{number:X4}) value of {length} bytes is truncated");
            list.Add(new Element(group, number, bytes[(pos + 8)..(pos + 8 + length)]));
            pos += 8 + length;
        }
        return list;
    }

    public static byte[] Value(List<Element> elements, ushort number) => Assert.Single(elements, e => e.Number == number).Value;

    public static ushort UsValue(List<Element> elements, ushort number) => BinaryPrimitives.ReadUInt16LittleEndian(Value(elements, number));
}
