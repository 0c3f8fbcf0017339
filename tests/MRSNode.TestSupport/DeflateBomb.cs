using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace MRSNode.TestSupport;

/// <summary>
/// A deflate bomb in Deflated Explicit VR Little Endian (issue 25, finding 1): an MR Spectroscopy header and one private
/// OB value of <c>zeroBytes</c> zeros, about 1 KiB deflated per MiB. Built in milliseconds: the deflated form of one MiB
/// of zeros after a window of zeros is a byte-aligned unit (a sync flush) that stays valid when repeated.
/// </summary>
public static class DeflateBomb
{
    public const string MRSpectroscopyStorage = "1.2.840.10008.5.1.4.1.1.4.2";
    public const string DeflatedExplicitVRLittleEndian = "1.2.840.10008.1.2.1.99";
    private const int MiB = 1 << 20;

    /// <summary>The deflated data set, as a C-STORE carries it.</summary>
    /// <param name="zeroBytes">Length of the OB value: a whole number of MiB, at least 2, below 4 GiB.</param>
    public static byte[] DataSet(long zeroBytes, string sopInstanceUid)
    {
        if (zeroBytes % MiB != 0 || zeroBytes < 2 * MiB || zeroBytes >= uint.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(zeroBytes), "a whole number of MiB, at least 2, below 4 GiB");
        }
        var header = Header(zeroBytes, sopInstanceUid);
        var output = new MemoryStream();
        using (var deflate = new DeflateStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            var mib = new byte[MiB];
            deflate.Write(header);
            deflate.Write(mib);
            deflate.Flush();
            long unitStart = output.Length;
            deflate.Write(mib);
            deflate.Flush();
            var unit = output.ToArray()[(int)unitStart..];
            for (long i = 2; i < zeroBytes / MiB; i++)
            {
                output.Write(unit); // the deflater's window is zeros either way, so it goes on as if it had written these
            }
        }
        return output.ToArray();
    }

    /// <summary>
    /// The data set up to its bomb: an MR Spectroscopy header, then the element header of a private OB of
    /// <paramref name="valueBytes"/> bytes in (0029,1010), where a header-only read still reaches it.
    /// </summary>
    public static byte[] Header(long valueBytes, string sopInstanceUid)
    {
        var header = new MemoryStream();
        Element(header, 0x0008, 0x0016, "UI", Uid(MRSpectroscopyStorage));
        Element(header, 0x0008, 0x0018, "UI", Uid(sopInstanceUid));
        Element(header, 0x0020, 0x000D, "UI", Uid(sopInstanceUid + ".1"));
        Element(header, 0x0020, 0x000E, "UI", Uid(sopInstanceUid + ".2"));
        // After the UIDs, so a reader that stops at them never meets it; in a group a header-only read still reaches.
        Element(header, 0x0029, 0x0010, "LO", Encoding.ASCII.GetBytes("MRSNODE BOMB"));
        Tag(header, 0x0029, 0x1010);
        header.Write("OB\0\0"u8);
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(length, (uint)valueBytes);
        header.Write(length);
        return header.ToArray();
    }

    /// <summary>The same as a Part 10 file (preamble, meta group naming the deflated syntax).</summary>
    public static byte[] Part10(long zeroBytes, string sopInstanceUid)
    {
        var body = new MemoryStream();
        Element(body, 0x0002, 0x0001, "OB", [0, 1]);
        Element(body, 0x0002, 0x0002, "UI", Uid(MRSpectroscopyStorage));
        Element(body, 0x0002, 0x0003, "UI", Uid(sopInstanceUid));
        Element(body, 0x0002, 0x0010, "UI", Uid(DeflatedExplicitVRLittleEndian));
        var meta = new MemoryStream();
        var groupLength = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(groupLength, (uint)body.Length);
        Element(meta, 0x0002, 0x0000, "UL", groupLength);
        return [.. new byte[128], .. "DICM"u8, .. meta.ToArray(), .. body.ToArray(), .. DataSet(zeroBytes, sopInstanceUid)];
    }

    private static byte[] Uid(string uid) => Encoding.ASCII.GetBytes(uid.Length % 2 == 1 ? uid + "\0" : uid);

    private static void Tag(Stream s, ushort group, ushort element)
    {
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteUInt16LittleEndian(b, group);
        BinaryPrimitives.WriteUInt16LittleEndian(b[2..], element);
        s.Write(b);
    }

    private static void Element(Stream s, ushort group, ushort element, string vr, byte[] value)
    {
        if (value.Length % 2 == 1)
        {
            value = [.. value, (byte)' '];
        }
        Tag(s, group, element);
        s.Write(Encoding.ASCII.GetBytes(vr));
        Span<byte> b = stackalloc byte[4];
        if (vr is "OB" or "SQ" or "UN")
        {
            s.Write([0, 0]);
            BinaryPrimitives.WriteUInt32LittleEndian(b, (uint)value.Length);
            s.Write(b);
        }
        else
        {
            BinaryPrimitives.WriteUInt16LittleEndian(b, (ushort)value.Length);
            s.Write(b[..2]);
        }
        s.Write(value);
    }
}
