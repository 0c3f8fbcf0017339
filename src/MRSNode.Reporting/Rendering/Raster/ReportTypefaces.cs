using MRSNode.Reporting.Fonts;

namespace MRSNode.Reporting.Rendering.Raster;

/// <summary>The embedded report fonts, parsed once per process and shared (their glyph caches are thread-safe).</summary>
internal static class ReportTypefaces
{
    private static readonly Lazy<TrueTypeFont> RegularFont = new(() => TrueTypeFont.Parse(ReportFonts.Regular));
    private static readonly Lazy<TrueTypeFont> BoldFont = new(() => TrueTypeFont.Parse(ReportFonts.Bold));

    public static TrueTypeFont Regular => RegularFont.Value;

    public static TrueTypeFont Bold => BoldFont.Value;

    public static TrueTypeFont Get(bool bold) => bold ? Bold : Regular;
}
