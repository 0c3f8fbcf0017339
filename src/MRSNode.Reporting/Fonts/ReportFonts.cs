using System.Reflection;

namespace MRSNode.Reporting.Fonts;

/// <summary>
/// The fonts every report is drawn with (DejaVu Sans, regular and bold; Bitstream Vera licence in
/// LICENSE-DejaVu.txt), embedded in this assembly so the PDF and the capture look the same on a
/// server with no fonts installed.
/// </summary>
public static class ReportFonts
{
    public const string FamilyName = "DejaVu Sans";

    private static readonly Lazy<byte[]> RegularBytes = new(() => Load("DejaVuSans.ttf"));
    private static readonly Lazy<byte[]> BoldBytes = new(() => Load("DejaVuSans-Bold.ttf"));

    /// <summary>DejaVuSans.ttf.</summary>
    public static byte[] Regular => RegularBytes.Value;

    /// <summary>DejaVuSans-Bold.ttf.</summary>
    public static byte[] Bold => BoldBytes.Value;

    private static byte[] Load(string file)
    {
        var name = "MRSNode.Reporting.Fonts." + file;
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"embedded font {name} is missing from the build");
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }
}
