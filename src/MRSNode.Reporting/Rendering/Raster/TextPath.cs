namespace MRSNode.Reporting.Rendering.Raster;

/// <summary>Lays a line of text out with a font (advances plus pair kerning, no shaping) and appends its glyph outlines to a path.</summary>
internal static class TextPath
{
    /// <summary>Appends the text at <paramref name="sizePixels"/> pixels per em, its origin at (<paramref name="x"/>, <paramref name="baseline"/>).</summary>
    public static void Append(EdgeList path, TrueTypeFont font, string text, double sizePixels, double x, double baseline, bool kerning)
    {
        double scale = sizePixels / font.UnitsPerEm;
        double pen = x;
        int previous = -1;
        foreach (var rune in text.EnumerateRunes())
        {
            int glyph = font.GlyphIndex(rune.Value);
            if (kerning && previous >= 0)
            {
                pen += font.Kerning(previous, glyph) * scale;
            }
            font.Outline(glyph).AppendTo(path, scale, pen, baseline);
            pen += font.AdvanceWidth(glyph) * scale;
            previous = glyph;
        }
    }
}
