namespace MRSNode.Reporting.Rendering.Raster;

/// <summary>
/// 8-bit RGB pixels, interleaved, top row first, white to begin with. Colour is laid on by coverage:
/// a linear blend in sRGB values (what FreeType-rendered text on white looks like, and what PDF viewers do).
/// </summary>
internal sealed class RgbPixelBuffer
{
    public RgbPixelBuffer(int width, int height)
    {
        Width = width;
        Height = height;
        Bytes = new byte[checked(width * height * 3)];
        Bytes.AsSpan().Fill(255);
    }

    public int Width { get; }

    public int Height { get; }

    public byte[] Bytes { get; }

    public ReportColor this[int x, int y]
    {
        get
        {
            int i = (y * Width + x) * 3;
            return new ReportColor(Bytes[i], Bytes[i + 1], Bytes[i + 2]);
        }
    }

    /// <summary>Blends the colour into row <paramref name="y"/> from column <paramref name="x"/>, pixel i covered by coverage[i] × <paramref name="factor"/>.</summary>
    public void Blend(int x, int y, ReadOnlySpan<float> coverage, ReportColor color, float factor = 1)
    {
        var px = Bytes;
        int p = (y * Width + x) * 3;
        for (int i = 0; i < coverage.Length; i++, p += 3)
        {
            float alpha = coverage[i] * factor;
            if (alpha >= 1)
            {
                (px[p], px[p + 1], px[p + 2]) = (color.R, color.G, color.B);
            }
            else if (alpha > 0)
            {
                px[p] = Mix(px[p], color.R, alpha);
                px[p + 1] = Mix(px[p + 1], color.G, alpha);
                px[p + 2] = Mix(px[p + 2], color.B, alpha);
            }
        }
    }

    /// <summary>Paints <paramref name="count"/> pixels of row <paramref name="y"/> from column <paramref name="x"/> solid.</summary>
    public void Fill(int x, int y, int count, ReportColor color)
    {
        if (count <= 0)
        {
            return;
        }
        var run = Bytes.AsSpan((y * Width + x) * 3, count * 3);
        (run[0], run[1], run[2]) = (color.R, color.G, color.B);
        // Doubling copies: a handful of memcpy calls instead of a loop over every pixel.
        for (int filled = 3; filled < run.Length; filled *= 2)
        {
            run[..Math.Min(filled, run.Length - filled)].CopyTo(run[filled..]);
        }
    }

    private static byte Mix(byte under, byte over, float alpha) => (byte)(under + (over - under) * alpha + 0.5f);
}
