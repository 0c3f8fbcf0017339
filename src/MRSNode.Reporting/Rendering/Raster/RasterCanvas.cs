namespace MRSNode.Reporting.Rendering.Raster;

/// <summary>
/// The report canvas for the Secondary Capture: an 8-bit RGB pixel buffer (interleaved, top row first,
/// white to begin with) drawn with anti-aliasing by exact area coverage, blended linearly in sRGB.
/// Canvas units are pixels × <see cref="Scale"/>⁻¹: with scale 2 a layout made in points for the
/// PDF lands on twice as many pixels. Pixel (i, j) covers [i, i+1) × [j, j+1), so a 1-pixel line is
/// crisp when drawn at a half-pixel coordinate. Not thread-safe; the fonts it shares are.
/// </summary>
public sealed class RasterCanvas : IReportCanvas
{
    public const int MaxPixels = 16384;

    private readonly byte[] _pixels;
    private readonly double _scale;
    private readonly Stack<PixelRect> _clips = new();
    private readonly EdgeList _path = new();
    private readonly CoverageRasterizer _rasterizer = new();
    private float[] _coverage = [];
    private PixelRect _clip;

    /// <param name="pixelWidth">Columns, 1–16384.</param>
    /// <param name="pixelHeight">Rows, 1–16384.</param>
    /// <param name="scale">Pixels per canvas unit.</param>
    public RasterCanvas(int pixelWidth, int pixelHeight, double scale = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pixelWidth);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pixelHeight);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pixelWidth, MaxPixels);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pixelHeight, MaxPixels);
        if (!(scale > 0) || !double.IsFinite(scale))
        {
            throw new ArgumentOutOfRangeException(nameof(scale), scale, "the scale must be a positive number");
        }
        PixelWidth = pixelWidth;
        PixelHeight = pixelHeight;
        _scale = scale;
        _pixels = new byte[pixelWidth * pixelHeight * 3];
        _pixels.AsSpan().Fill(255);
        _clip = new PixelRect(0, 0, pixelWidth, pixelHeight);
    }

    public int PixelWidth { get; }

    public int PixelHeight { get; }

    /// <summary>Pixels per canvas unit.</summary>
    public double Scale => _scale;

    public double Width => PixelWidth / _scale;

    public double Height => PixelHeight / _scale;

    /// <summary>RGB bytes, row by row from the top (what DICOM's Pixel Data holds for RGB, planar configuration 0).</summary>
    public ReadOnlySpan<byte> Pixels => _pixels;

    public ReportColor GetPixel(int x, int y)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)x, (uint)PixelWidth, nameof(x));
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)y, (uint)PixelHeight, nameof(y));
        int i = (y * PixelWidth + x) * 3;
        return new ReportColor(_pixels[i], _pixels[i + 1], _pixels[i + 2]);
    }

    /// <summary>The image as a PNG file (for people and tools to look at).</summary>
    public byte[] ToPng() => PngEncoder.Encode(_pixels, PixelWidth, PixelHeight);

    public void FillRectangle(double x, double y, double width, double height, ReportColor color)
    {
        double x0 = x * _scale, y0 = y * _scale, x1 = (x + width) * _scale, y1 = (y + height) * _scale;
        if (!double.IsFinite(x0 + y0 + x1 + y1))
        {
            return;
        }
        // Axis-aligned: coverage is the product of the column's and the row's overlap (exactly what the general fill gives, faster).
        var area = _clip.Intersect(Math.Min(x0, x1), Math.Min(y0, y1), Math.Max(x0, x1), Math.Max(y0, y1));
        if (area.IsEmpty)
        {
            return;
        }
        (x0, x1) = (Math.Min(x0, x1), Math.Max(x0, x1));
        (y0, y1) = (Math.Min(y0, y1), Math.Max(y0, y1));
        var columns = area.Width <= _coverage.Length ? _coverage : (_coverage = new float[PixelWidth]);
        for (int i = 0; i < area.Width; i++)
        {
            int px = area.X0 + i;
            columns[i] = (float)(Math.Min(x1, px + 1) - Math.Max(x0, px));
        }
        // Fully covered rows are the colour across the fully covered columns: paint that run once, copy it after.
        int solidFrom = 0, solidTo = area.Width;
        while (solidFrom < solidTo && columns[solidFrom] < 1)
        {
            solidFrom++;
        }
        while (solidTo > solidFrom && columns[solidTo - 1] < 1)
        {
            solidTo--;
        }
        int solidRow = -1;
        for (int py = area.Y0; py < area.Y1; py++)
        {
            float rowCoverage = (float)(Math.Min(y1, py + 1) - Math.Max(y0, py));
            int p = (py * PixelWidth + area.X0) * 3;
            for (int i = 0; i < area.Width; i++, p += 3)
            {
                if (rowCoverage >= 1 && i == solidFrom && solidRow >= 0 && solidTo > solidFrom)
                {
                    int run = (solidTo - solidFrom) * 3;
                    _pixels.AsSpan((solidRow * PixelWidth + area.X0 + solidFrom) * 3, run).CopyTo(_pixels.AsSpan(p, run));
                    i = solidTo - 1;
                    p += run - 3;
                    continue;
                }
                Blend(p, color, rowCoverage * columns[i]);
            }
            if (rowCoverage >= 1)
            {
                solidRow = py;
            }
        }
    }

    public void StrokeRectangle(double x, double y, double width, double height, ReportColor color, double lineWidth)
    {
        double x0 = x * _scale, y0 = y * _scale, x1 = (x + width) * _scale, y1 = (y + height) * _scale;
        _path.Clear();
        StrokeGeometry.AddRectangleOutline(_path, Math.Min(x0, x1), Math.Min(y0, y1), Math.Max(x0, x1), Math.Max(y0, y1), HalfWidth(lineWidth));
        Fill(color);
    }

    public void DrawLine(double x1, double y1, double x2, double y2, ReportColor color, double lineWidth)
    {
        _path.Clear();
        StrokeGeometry.AddSegment(_path, x1 * _scale, y1 * _scale, x2 * _scale, y2 * _scale, HalfWidth(lineWidth));
        Fill(color);
    }

    public void DrawPolyline(ReadOnlySpan<double> x, ReadOnlySpan<double> y, ReportColor color, double lineWidth)
    {
        if (x.Length != y.Length)
        {
            throw new ArgumentException($"{x.Length} x values but {y.Length} y values", nameof(y));
        }
        var px = new double[x.Length];
        var py = new double[y.Length];
        for (int i = 0; i < x.Length; i++)
        {
            (px[i], py[i]) = (x[i] * _scale, y[i] * _scale);
        }
        _path.Clear();
        StrokeGeometry.AddPolyline(_path, px, py, HalfWidth(lineWidth));
        Fill(color);
    }

    public void DrawText(string text, double x, double baselineY, double size, ReportColor color, bool bold = false, TextAlign align = TextAlign.Left)
    {
        ArgumentNullException.ThrowIfNull(text);
        var font = ReportTypefaces.Get(bold);
        double width = MeasureText(text, size, bold);
        double start = align switch
        {
            TextAlign.Center => x - width / 2,
            TextAlign.Right => x - width,
            _ => x,
        };
        _path.Clear();
        // The baseline on a pixel boundary keeps baseline and x-height edges sharp; x stays exact so alignment holds.
        TextPath.Append(_path, font, text, size * _scale, start * _scale, Math.Round(baselineY * _scale));
        Fill(color);
    }

    public double MeasureText(string text, double size, bool bold = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        var font = ReportTypefaces.Get(bold);
        return font.MeasureUnits(text) * size / font.UnitsPerEm;
    }

    public void PushClip(double x, double y, double width, double height)
    {
        double x0 = x * _scale, y0 = y * _scale, x1 = (x + width) * _scale, y1 = (y + height) * _scale;
        _clips.Push(_clip);
        // Clip edges snap to the nearest pixel boundary: a plot frame clips whole pixels.
        _clip = _clip.Intersect(Math.Round(Math.Min(x0, x1)), Math.Round(Math.Min(y0, y1)), Math.Round(Math.Max(x0, x1)), Math.Round(Math.Max(y0, y1)));
    }

    public void PopClip()
    {
        if (!_clips.TryPop(out var previous))
        {
            throw new InvalidOperationException("PopClip without a matching PushClip");
        }
        _clip = previous;
    }

    /// <summary>Half the stroke width in pixels; like PDF, a width of 0 is the thinnest line (one pixel).</summary>
    private double HalfWidth(double lineWidth)
    {
        double w = lineWidth * _scale;
        return (w > 0 && double.IsFinite(w) ? w : 1) / 2;
    }

    /// <summary>Fills the current path with the colour, anti-aliased, inside the clip.</summary>
    private void Fill(ReportColor color)
    {
        _path.Close();
        if (_path.IsEmpty)
        {
            return;
        }
        var area = _clip.Intersect(Math.Floor(_path.MinX), Math.Floor(_path.MinY), Math.Ceiling(_path.MaxX), Math.Ceiling(_path.MaxY));
        if (area.IsEmpty)
        {
            return;
        }
        _rasterizer.Reset(area.Width, area.Height);
        _rasterizer.AddEdges(_path, area.X0, area.Y0);
        if (_coverage.Length < area.Width)
        {
            _coverage = new float[PixelWidth];
        }
        for (int row = 0; row < area.Height; row++)
        {
            var (start, end) = _rasterizer.TakeRow(row, _coverage);
            int p = ((area.Y0 + row) * PixelWidth + area.X0 + start) * 3;
            for (int i = start; i < end; i++, p += 3)
            {
                Blend(p, color, _coverage[i]);
            }
        }
    }

    private void Blend(int p, ReportColor color, float coverage)
    {
        var px = _pixels;
        if (coverage >= 1)
        {
            (px[p], px[p + 1], px[p + 2]) = (color.R, color.G, color.B);
        }
        else if (coverage > 0)
        {
            px[p] = Mix(px[p], color.R, coverage);
            px[p + 1] = Mix(px[p + 1], color.G, coverage);
            px[p + 2] = Mix(px[p + 2], color.B, coverage);
        }
    }

    private static byte Mix(byte under, byte over, float alpha) => (byte)(under + (over - under) * alpha + 0.5f);

    /// <summary>A pixel-aligned rectangle [X0, X1) × [Y0, Y1).</summary>
    private readonly record struct PixelRect(int X0, int Y0, int X1, int Y1)
    {
        public int Width => X1 - X0;

        public int Height => Y1 - Y0;

        public bool IsEmpty => X1 <= X0 || Y1 <= Y0;

        /// <summary>This rectangle cut to the given bounds (in pixels, possibly fractional or huge: they are clamped first).</summary>
        public PixelRect Intersect(double x0, double y0, double x1, double y1) => new(
            (int)Math.Clamp(Math.Floor(x0), X0, X1), (int)Math.Clamp(Math.Floor(y0), Y0, Y1),
            (int)Math.Clamp(Math.Ceiling(x1), X0, X1), (int)Math.Clamp(Math.Ceiling(y1), Y0, Y1));
    }
}
