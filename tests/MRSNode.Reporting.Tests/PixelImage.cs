using System.Text;

namespace MRSNode.Reporting.Tests;

/// <summary>A binary PPM (P6) as written by pdftoppm: enough to look at a rendered page in a test.</summary>
internal sealed class PixelImage
{
    private readonly byte[] _rgb;

    private PixelImage(int width, int height, byte[] rgb) => (Width, Height, _rgb) = (width, height, rgb);

    public int Width { get; }

    public int Height { get; }

    public (byte R, byte G, byte B) this[int x, int y] => (_rgb[3 * (y * Width + x)], _rgb[3 * (y * Width + x) + 1], _rgb[3 * (y * Width + x) + 2]);

    public static PixelImage ReadPpm(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var fields = new List<string>();
        var p = 0;
        while (fields.Count < 4)
        {
            while (char.IsWhiteSpace((char)bytes[p]))
            {
                p++;
            }
            var start = p;
            while (!char.IsWhiteSpace((char)bytes[p]))
            {
                p++;
            }
            fields.Add(Encoding.ASCII.GetString(bytes, start, p - start));
        }
        if (fields[0] != "P6" || fields[3] != "255")
        {
            throw new InvalidDataException("not an 8-bit P6 PPM");
        }
        var (w, h) = (int.Parse(fields[1]), int.Parse(fields[2]));
        return new PixelImage(w, h, bytes[(p + 1)..(p + 1 + 3 * w * h)]);
    }

    /// <summary>Pixels in the rectangle matching the predicate.</summary>
    public int Count(int x0, int y0, int x1, int y1, Func<(byte R, byte G, byte B), bool> predicate)
    {
        var count = 0;
        for (var y = Math.Max(0, y0); y < Math.Min(Height, y1); y++)
        {
            for (var x = Math.Max(0, x0); x < Math.Min(Width, x1); x++)
            {
                count += predicate(this[x, y]) ? 1 : 0;
            }
        }
        return count;
    }

    public static bool Ink((byte R, byte G, byte B) c) => c.R < 200 || c.G < 200 || c.B < 200;

    public static bool Reddish((byte R, byte G, byte B) c) => c.R > 150 && c.G < 100 && c.B < 100;
}
