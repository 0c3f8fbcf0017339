namespace MRSNode.Reporting.Rendering.Raster;

/// <summary>
/// The report canvas for the Secondary Capture: an 8-bit RGB pixel buffer (interleaved, top row first,
/// white to begin with) drawn with anti-aliasing by exact area coverage, blended linearly in sRGB.
/// Units are pixels (a layout made in points goes through <see cref="ScaledCanvas"/>). Pixel (i, j)
/// covers [i, i+1) × [j, j+1), so a 1-pixel line is crisp when drawn at a half-pixel coordinate.
/// Not thread-safe; the fonts it shares are.
/// </summary>
public sealed class RasterCanvas : IReportCanvas
{
    public const int MaxPixels = 16384;

    private readonly RgbPixelBuffer _pixels;
    private readonly Stack<PixelRect> _clips = new();
    private readonly EdgeList _path = new();
    private readonly CoverageRasterizer _rasterizer = new();
    private float[] _coverage = [];
    private readonly bool _kerning;
    private PixelRect _clip;

    /// <param name="pixelWidth">Columns, 1–16384.</param>
    /// <param name="pixelHeight">Rows, 1–16384.</param>
    /// <param name="kerning">Apply the font's pair kerning (off: glyphs placed by advance alone, as a PDF Tj string places them).</param>
    public RasterCanvas(int pixelWidth, int pixelHeight, bool kerning = true)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pixelWidth);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pixelHeight);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pixelWidth, MaxPixels);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pixelHeight, MaxPixels);
        PixelWidth = pixelWidth;
        PixelHeight = pixelHeight;
        _kerning = kerning;
        _pixels = new RgbPixelBuffer(pixelWidth, pixelHeight);
        _clip = new PixelRect(0, 0, pixelWidth, pixelHeight);
    }

    public int PixelWidth { get; }

    public int PixelHeight { get; }

    public double Width => PixelWidth;

    public double Height => PixelHeight;

    /// <summary>RGB bytes, row by row from the top (what DICOM's Pixel Data holds for RGB, planar configuration 0).</summary>
    public ReadOnlySpan<byte> Pixels => _pixels.Bytes;

    public ReportColor GetPixel(int x, int y)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)x, (uint)PixelWidth, nameof(x));
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)y, (uint)PixelHeight, nameof(y));
        return _pixels[x, y];
    }

    /// <summary>The image as a PNG file (for people and tools to look at).</summary>
    public byte[] ToPng() => PngEncoder.Encode(_pixels.Bytes, PixelWidth, PixelHeight);

    public void FillRectangle(double x, double y, double width, double height, ReportColor color)
    {
        double x0 = x, y0 = y, x1 = x + width, y1 = y + height;
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
        var columns = Scratch(area.Width);
        for (int i = 0; i < columns.Length; i++)
        {
            int px = area.X0 + i;
            columns[i] = (float)(Math.Min(x1, px + 1) - Math.Max(x0, px));
        }
        // Inside whole rows the fully covered columns are painted solid; only the edge columns blend.
        int solidFrom = Math.Max(0, columns.IndexOf(1f)), solidTo = columns.LastIndexOf(1f) + 1;
        for (int py = area.Y0; py < area.Y1; py++)
        {
            float rowCoverage = (float)(Math.Min(y1, py + 1) - Math.Max(y0, py));
            if (rowCoverage >= 1)
            {
                _pixels.Blend(area.X0, py, columns[..solidFrom], color);
                _pixels.Fill(area.X0 + solidFrom, py, solidTo - solidFrom, color);
                _pixels.Blend(area.X0 + solidTo, py, columns[solidTo..], color);
            }
            else
            {
                _pixels.Blend(area.X0, py, columns, color, rowCoverage);
            }
        }
    }

    public void StrokeRectangle(double x, double y, double width, double height, ReportColor color, double lineWidth)
    {
        _path.Clear();
        StrokeGeometry.AddRectangleOutline(_path, Math.Min(x, x + width), Math.Min(y, y + height), Math.Max(x, x + width), Math.Max(y, y + height), HalfWidth(lineWidth));
        Fill(color);
    }

    public void DrawLine(double x1, double y1, double x2, double y2, ReportColor color, double lineWidth)
    {
        _path.Clear();
        StrokeGeometry.AddSegment(_path, x1, y1, x2, y2, HalfWidth(lineWidth));
        Fill(color);
    }

    public void DrawPolyline(ReadOnlySpan<double> x, ReadOnlySpan<double> y, ReportColor color, double lineWidth)
    {
        if (x.Length != y.Length)
        {
            throw new ArgumentException($"{x.Length} x values but {y.Length} y values", nameof(y));
        }
        _path.Clear();
        StrokeGeometry.AddPolyline(_path, x, y, HalfWidth(lineWidth));
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
        TextPath.Append(_path, font, text, size, start, Math.Round(baselineY), _kerning);
        Fill(color);
    }

    public double MeasureText(string text, double size, bool bold = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        var font = ReportTypefaces.Get(bold);
        return font.MeasureUnits(text, _kerning) * size / font.UnitsPerEm;
    }

    public void PushClip(double x, double y, double width, double height)
    {
        _clips.Push(_clip);
        // Clip edges snap to the nearest pixel boundary: a plot frame clips whole pixels.
        _clip = _clip.Intersect(Math.Round(Math.Min(x, x + width)), Math.Round(Math.Min(y, y + height)), Math.Round(Math.Max(x, x + width)), Math.Round(Math.Max(y, y + height)));
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
    private static double HalfWidth(double lineWidth) => (lineWidth > 0 && double.IsFinite(lineWidth) ? lineWidth : 1) / 2;

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
        var coverage = Scratch(area.Width);
        for (int row = 0; row < area.Height; row++)
        {
            var (start, end) = _rasterizer.TakeRow(row, coverage);
            _pixels.Blend(area.X0 + start, area.Y0 + row, coverage[start..end], color);
        }
    }

    /// <summary>A reused coverage row of the given length.</summary>
    private Span<float> Scratch(int length)
    {
        if (_coverage.Length < length)
        {
            _coverage = new float[PixelWidth];
        }
        return _coverage.AsSpan(0, length);
    }

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
