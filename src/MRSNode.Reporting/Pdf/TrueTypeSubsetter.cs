using System.Buffers.Binary;
using System.Text;

namespace MRSNode.Reporting.Pdf;

/// <summary>
/// Cuts a TrueType font down to the glyphs a document uses (and the components of composite ones), keeping
/// glyph numbers unchanged so the PDF can map CIDs to glyphs one to one. Unused glyphs become empty;
/// only the tables a PDF renderer reads are kept. A 750 KB DejaVu Sans shrinks to a few KB.
/// </summary>
public static class TrueTypeSubsetter
{
    private static readonly string[] KeptTables = ["cvt ", "fpgm", "glyf", "head", "hhea", "hmtx", "loca", "maxp", "prep"];

    public static byte[] Subset(TrueTypeFile font, IEnumerable<ushort> glyphs)
    {
        ArgumentNullException.ThrowIfNull(font);
        ArgumentNullException.ThrowIfNull(glyphs);
        var used = Closure(font, glyphs);

        // glyf and loca (long offsets), each glyph 4-byte aligned.
        using var glyf = new MemoryStream();
        var loca = new byte[4 * (font.GlyphCount + 1)];
        for (ushort g = 0; g < font.GlyphCount; g++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(loca.AsSpan(4 * g), (uint)glyf.Length);
            if (used.Contains(g))
            {
                var (offset, length) = font.GlyphRange(g);
                glyf.Write(font.Data, offset, length);
                while (glyf.Length % 4 != 0)
                {
                    glyf.WriteByte(0);
                }
            }
        }
        BinaryPrimitives.WriteUInt32BigEndian(loca.AsSpan(4 * font.GlyphCount), (uint)glyf.Length);

        var tables = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var tag in KeptTables.Where(font.HasTable))
        {
            var (offset, length) = font.TableRange(tag);
            tables[tag] = font.Data.AsSpan(offset, length).ToArray();
        }
        tables["glyf"] = glyf.ToArray();
        tables["loca"] = loca;
        var head = tables["head"];
        BinaryPrimitives.WriteInt16BigEndian(head.AsSpan(50), 1); // indexToLocFormat: long
        BinaryPrimitives.WriteUInt32BigEndian(head.AsSpan(8), 0); // checkSumAdjustment, set below
        return Assemble(tables);
    }

    private static HashSet<ushort> Closure(TrueTypeFile font, IEnumerable<ushort> glyphs)
    {
        var used = new HashSet<ushort> { 0 }; // .notdef is always kept
        var pending = new Stack<ushort>(glyphs);
        while (pending.Count > 0)
        {
            var g = pending.Pop();
            if (g < font.GlyphCount && used.Add(g))
            {
                foreach (var c in font.Components(g))
                {
                    pending.Push(c);
                }
            }
        }
        foreach (var g in used.ToList())
        {
            foreach (var c in font.Components(g))
            {
                used.Add(c);
            }
        }
        return used;
    }

    private static byte[] Assemble(SortedDictionary<string, byte[]> tables)
    {
        var count = tables.Count;
        var power = 1;
        var log2 = 0;
        while (power * 2 <= count)
        {
            power *= 2;
            log2++;
        }
        var headerLength = 12 + 16 * count;
        var total = headerLength + tables.Values.Sum(t => (t.Length + 3) & ~3);
        var file = new byte[total];
        var span = file.AsSpan();
        BinaryPrimitives.WriteUInt32BigEndian(span, 0x00010000);
        BinaryPrimitives.WriteUInt16BigEndian(span[4..], (ushort)count);
        BinaryPrimitives.WriteUInt16BigEndian(span[6..], (ushort)(power * 16));
        BinaryPrimitives.WriteUInt16BigEndian(span[8..], (ushort)log2);
        BinaryPrimitives.WriteUInt16BigEndian(span[10..], (ushort)(count * 16 - power * 16));
        var offset = headerLength;
        var entry = 12;
        var headOffset = 0;
        foreach (var (tag, data) in tables)
        {
            Encoding.ASCII.GetBytes(tag, span[entry..]);
            BinaryPrimitives.WriteUInt32BigEndian(span[(entry + 4)..], Checksum(data));
            BinaryPrimitives.WriteUInt32BigEndian(span[(entry + 8)..], (uint)offset);
            BinaryPrimitives.WriteUInt32BigEndian(span[(entry + 12)..], (uint)data.Length);
            data.CopyTo(span[offset..]);
            if (tag == "head")
            {
                headOffset = offset;
            }
            offset += (data.Length + 3) & ~3;
            entry += 16;
        }
        BinaryPrimitives.WriteUInt32BigEndian(span[(headOffset + 8)..], unchecked(0xB1B0AFBA - Checksum(file)));
        return file;
    }

    private static uint Checksum(ReadOnlySpan<byte> data)
    {
        uint sum = 0;
        for (var i = 0; i < data.Length; i += 4)
        {
            uint word = 0;
            for (var k = 0; k < 4; k++)
            {
                word = (word << 8) | (i + k < data.Length ? data[i + k] : 0u);
            }
            sum = unchecked(sum + word);
        }
        return sum;
    }
}
