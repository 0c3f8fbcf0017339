using System.Buffers;
using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace MRSNode.Reporting.Pdf;

/// <summary>
/// The PDF file syntax (ISO 32000-1 §7): numbered indirect objects, Flate-compressed streams, the
/// cross-reference table and trailer. Knows nothing about pages or fonts.
/// </summary>
internal sealed class PdfObjectWriter
{
    private readonly ArrayBufferWriter<byte> _out = new(64 * 1024);
    private readonly List<long> _offsets = [0];

    public PdfObjectWriter()
    {
        Write("%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n"); // binary marker line: tells transfer tools the file is binary
    }

    /// <summary>Allocates an object number to refer to before the object is written.</summary>
    public int Reserve()
    {
        _offsets.Add(-1);
        return _offsets.Count - 1;
    }

    public void WriteObject(int number, string body)
    {
        Begin(number);
        Write(body);
        Write("\nendobj\n");
    }

    /// <summary>A stream object; <paramref name="dictionary"/> holds the entries besides /Length and /Filter.</summary>
    public void WriteStream(int number, string dictionary, ReadOnlySpan<byte> data, bool compress = true)
    {
        var bytes = compress ? Deflate(data) : data.ToArray();
        Begin(number);
        Write($"<< {dictionary}{(compress ? " /Filter /FlateDecode" : "")} /Length {bytes.Length} >>\nstream\n");
        _out.Write<byte>(bytes);
        Write("\nendstream\nendobj\n");
    }

    public byte[] Finish(int catalog, int info)
    {
        var missing = _offsets.FindIndex(1, o => o < 0);
        if (missing > 0)
        {
            throw new InvalidOperationException($"PDF object {missing} was reserved but never written");
        }
        var xref = _out.WrittenCount;
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"xref\n0 {_offsets.Count}\n0000000000 65535 f \n");
        foreach (var offset in _offsets.Skip(1))
        {
            sb.Append(CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n");
        }
        sb.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {_offsets.Count} /Root {catalog} 0 R /Info {info} 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        Write(sb.ToString());
        return _out.WrittenSpan.ToArray();
    }

    /// <summary>A text string: literal when printable ASCII, else UTF-16BE with a byte-order mark (§7.9.2.2).</summary>
    public static string TextString(string text)
    {
        if (text.All(c => c is >= ' ' and <= '~'))
        {
            return "(" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("(", "\\(", StringComparison.Ordinal).Replace(")", "\\)", StringComparison.Ordinal) + ")";
        }
        return "<FEFF" + Convert.ToHexString(Encoding.BigEndianUnicode.GetBytes(text)) + ">";
    }

    private void Begin(int number)
    {
        if (number <= 0 || number >= _offsets.Count || _offsets[number] >= 0)
        {
            throw new InvalidOperationException($"PDF object {number} was not reserved or is written twice");
        }
        _offsets[number] = _out.WrittenCount;
        Write(string.Create(CultureInfo.InvariantCulture, $"{number} 0 obj\n"));
    }

    private void Write(string text) => _out.Write<byte>(Encoding.Latin1.GetBytes(text));

    private static byte[] Deflate(ReadOnlySpan<byte> data)
    {
        using var buffer = new MemoryStream();
        using (var z = new ZLibStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            z.Write(data);
        }
        return buffer.ToArray();
    }
}
