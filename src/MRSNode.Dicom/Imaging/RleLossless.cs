using System.Buffers.Binary;

namespace MRSNode.Dicom.Imaging;

/// <summary>
/// RLE Lossless (PS3.5 Annex G) for 8-bit frames: one segment per sample (R, G, B for colour), each row
/// PackBits-coded on its own, behind a 64-byte header of segment offsets. Every PACS decodes it, and a
/// report page (large flat areas) shrinks to a few percent of its raw size.
/// </summary>
public static class RleLossless
{
    private const int HeaderLength = 64;
    private const int MaxSegments = 15;
    private const int MaxRun = 128;

    /// <summary>Encodes one frame of 8-bit samples given colour-by-pixel (R1 G1 B1 R2 …), as DICOM's native RGB holds them.</summary>
    public static byte[] EncodeFrame(ReadOnlySpan<byte> interleaved, int rows, int columns, int samplesPerPixel)
    {
        CheckGeometry(interleaved.Length, rows, columns, samplesPerPixel);
        using var output = new MemoryStream();
        output.Write(new byte[HeaderLength]);
        var header = new byte[HeaderLength];
        BinaryPrimitives.WriteUInt32LittleEndian(header, (uint)samplesPerPixel);
        var row = new byte[columns];
        for (var s = 0; s < samplesPerPixel; s++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(4 + 4 * s), (uint)output.Position);
            for (var r = 0; r < rows; r++)
            {
                var rowStart = r * columns * samplesPerPixel;
                for (var c = 0; c < columns; c++)
                {
                    row[c] = interleaved[rowStart + c * samplesPerPixel + s];
                }
                EncodeRow(row, output);
            }
            if (output.Position % 2 == 1)
            {
                output.WriteByte(0x80); // no-op: segments start at even offsets and the fragment has even length
            }
        }
        var bytes = output.ToArray();
        header.CopyTo(bytes, 0);
        return bytes;
    }

    /// <summary>Decodes one frame back to colour-by-pixel samples.</summary>
    /// <exception cref="DicomFormatException">The fragment is not a valid RLE frame of this geometry.</exception>
    public static byte[] DecodeFrame(ReadOnlySpan<byte> fragment, int rows, int columns, int samplesPerPixel, int bytesPerSample = 1)
    {
        if (bytesPerSample is not (1 or 2 or 4))
        {
            throw new DicomFormatException($"RLE of {8 * bytesPerSample}-bit samples is not defined (PS3.5 G.2: 8, 16 or 32)", 0);
        }
        CheckGeometry(rows * columns * samplesPerPixel, rows, columns, samplesPerPixel);
        if (fragment.Length < HeaderLength)
        {
            throw new DicomFormatException($"RLE fragment of {fragment.Length} bytes is shorter than its 64-byte header", 0);
        }
        var segments = (int)BinaryPrimitives.ReadUInt32LittleEndian(fragment);
        if (segments != samplesPerPixel * bytesPerSample)
        {
            throw new DicomFormatException($"RLE frame has {segments} segments; {samplesPerPixel} samples of {8 * bytesPerSample} bits need {samplesPerPixel * bytesPerSample}", 0);
        }
        var pixels = rows * columns;
        var frame = new byte[pixels * samplesPerPixel * bytesPerSample];
        var plane = new byte[pixels];
        for (var s = 0; s < segments; s++)
        {
            var start = (int)BinaryPrimitives.ReadUInt32LittleEndian(fragment[(4 + 4 * s)..]);
            var end = s + 1 < segments ? (int)BinaryPrimitives.ReadUInt32LittleEndian(fragment[(8 + 4 * s)..]) : fragment.Length;
            if (start < HeaderLength || end > fragment.Length || start > end)
            {
                throw new DicomFormatException($"RLE segment {s + 1} offsets {start}–{end} lie outside the {fragment.Length}-byte fragment", 4 + 4 * s);
            }
            DecodeSegment(fragment[start..end], plane);
            // Segments run most significant byte first per sample (PS3.5 G.2); native samples are little endian.
            var sample = s / bytesPerSample;
            var significance = bytesPerSample - 1 - s % bytesPerSample;
            for (var p = 0; p < pixels; p++)
            {
                frame[(p * samplesPerPixel + sample) * bytesPerSample + significance] = plane[p];
            }
        }
        return frame;
    }

    /// <summary>PackBits: a run of 2+ equal bytes becomes (1 − n, byte); anything else literal (n − 1, bytes…), never crossing the row.</summary>
    private static void EncodeRow(ReadOnlySpan<byte> row, Stream output)
    {
        var i = 0;
        while (i < row.Length)
        {
            var run = 1;
            while (i + run < row.Length && run < MaxRun && row[i + run] == row[i])
            {
                run++;
            }
            if (run >= 2)
            {
                output.WriteByte((byte)(sbyte)(1 - run));
                output.WriteByte(row[i]);
                i += run;
                continue;
            }
            // Literal: up to the next pair of equal bytes (a pair costs as much replicated as literal, so it starts a run).
            var literal = 1;
            while (i + literal < row.Length && literal < MaxRun
                && !(i + literal + 1 < row.Length && row[i + literal] == row[i + literal + 1]))
            {
                literal++;
            }
            output.WriteByte((byte)(literal - 1));
            output.Write(row.Slice(i, literal));
            i += literal;
        }
    }

    private static void DecodeSegment(ReadOnlySpan<byte> segment, Span<byte> plane)
    {
        int i = 0, o = 0;
        while (o < plane.Length)
        {
            if (i >= segment.Length)
            {
                throw new DicomFormatException($"RLE segment ends after {o} of {plane.Length} bytes", i);
            }
            var n = (sbyte)segment[i++];
            if (n >= 0)
            {
                var count = n + 1;
                if (i + count > segment.Length || o + count > plane.Length)
                {
                    throw new DicomFormatException("RLE literal run overruns its segment or the frame", i);
                }
                segment.Slice(i, count).CopyTo(plane[o..]);
                i += count;
                o += count;
            }
            else if (n != -128)
            {
                var count = 1 - n;
                if (i >= segment.Length || o + count > plane.Length)
                {
                    throw new DicomFormatException("RLE replicate run overruns its segment or the frame", i);
                }
                plane.Slice(o, count).Fill(segment[i++]);
                o += count;
            }
        }
    }

    private static void CheckGeometry(int length, int rows, int columns, int samplesPerPixel)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rows);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(columns);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(samplesPerPixel);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(samplesPerPixel, MaxSegments);
        if (length != rows * columns * samplesPerPixel)
        {
            throw new ArgumentException($"{length} bytes are not {rows} × {columns} × {samplesPerPixel} samples of 8 bits", nameof(length));
        }
    }
}
