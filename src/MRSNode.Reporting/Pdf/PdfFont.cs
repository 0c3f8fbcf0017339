using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace MRSNode.Reporting.Pdf;

/// <summary>
/// One embedded TrueType font as a composite (Type0, Identity-H) PDF font: text is written as glyph
/// numbers, the font file is subset to the glyphs used, and a ToUnicode map keeps the text searchable
/// and extractable (pdftotext, screen readers).
/// </summary>
internal sealed class PdfFont(TrueTypeFile font, string postScriptName, string resourceName)
{
    private readonly SortedDictionary<ushort, string> _used = [];

    public string ResourceName => resourceName;

    /// <summary>Advance width of the text at a size, in points (no kerning: the PDF places glyphs by advance).</summary>
    public double Measure(string text, double size)
    {
        var units = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            units += font.Advance(font.GlyphOf(rune.Value));
        }
        return units * size / font.UnitsPerEm;
    }

    /// <summary>The text as a hex string of glyph numbers, noting each glyph's Unicode text for ToUnicode.</summary>
    public string Encode(string text)
    {
        var sb = new StringBuilder("<");
        foreach (var rune in text.EnumerateRunes())
        {
            var glyph = font.GlyphOf(rune.Value);
            _used.TryAdd(glyph, rune.ToString());
            sb.Append(glyph.ToString("X4", CultureInfo.InvariantCulture));
        }
        return sb.Append('>').ToString();
    }

    /// <summary>Writes the font's objects and returns the Type0 font's object number.</summary>
    public int Write(PdfObjectWriter pdf)
    {
        var (type0, cid, descriptor, file, toUnicode) = (pdf.Reserve(), pdf.Reserve(), pdf.Reserve(), pdf.Reserve(), pdf.Reserve());
        var name = SubsetTag() + "+" + postScriptName;
        double Scale(int units) => Math.Round(units * 1000.0 / font.UnitsPerEm);
        var bbox = font.BoundingBox;
        pdf.WriteObject(type0, $"<< /Type /Font /Subtype /Type0 /BaseFont /{name} /Encoding /Identity-H /DescendantFonts [{cid} 0 R] /ToUnicode {toUnicode} 0 R >>");
        var widths = string.Join(" ", _used.Keys.Select(g => string.Create(CultureInfo.InvariantCulture, $"{g} [{Scale(font.Advance(g))}]")));
        pdf.WriteObject(cid, $"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /{name} /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor {descriptor} 0 R /DW 1000 /W [{widths}] /CIDToGIDMap /Identity >>");
        pdf.WriteObject(descriptor, string.Create(CultureInfo.InvariantCulture,
            $"<< /Type /FontDescriptor /FontName /{name} /Flags 32 /FontBBox [{Scale(bbox.XMin)} {Scale(bbox.YMin)} {Scale(bbox.XMax)} {Scale(bbox.YMax)}] /ItalicAngle 0 /Ascent {Scale(font.Ascender)} /Descent {Scale(font.Descender)} /CapHeight {Scale(font.Ascender)} /StemV 80 /FontFile2 {file} 0 R >>"));
        pdf.WriteStream(file, "", TrueTypeSubsetter.Subset(font, _used.Keys));
        pdf.WriteStream(toUnicode, "", Encoding.ASCII.GetBytes(ToUnicodeCMap()));
        return type0;
    }

    private string ToUnicodeCMap()
    {
        var sb = new StringBuilder();
        sb.Append("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n")
          .Append("/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n")
          .Append("1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
        foreach (var chunk in _used.Where(u => u.Key != 0).Chunk(100))
        {
            sb.Append(CultureInfo.InvariantCulture, $"{chunk.Length} beginbfchar\n");
            foreach (var (glyph, text) in chunk)
            {
                sb.Append(CultureInfo.InvariantCulture, $"<{glyph:X4}> <{Convert.ToHexString(Encoding.BigEndianUnicode.GetBytes(text))}>\n");
            }
            sb.Append("endbfchar\n");
        }
        return sb.Append("endcmap\nCMapName currentdict /defineresource pop\nend\nend\n").ToString();
    }

    /// <summary>Six capital letters derived from the glyph set, as PDF requires for subset fonts (§9.6.4).</summary>
    private string SubsetTag()
    {
        var hash = SHA256.HashData(Encoding.ASCII.GetBytes(string.Join(",", _used.Keys)));
        return new string(hash.Take(6).Select(b => (char)('A' + b % 26)).ToArray());
    }
}
