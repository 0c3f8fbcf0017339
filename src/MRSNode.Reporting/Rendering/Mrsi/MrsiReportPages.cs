using System.Globalization;
using MRSNode.Quantification.Mrsi;
using MRSNode.Reporting.Dicom;
using MRSNode.Reporting.Mrsi;

namespace MRSNode.Reporting.Rendering.Mrsi;

/// <summary>
/// The MRSI report's two A4 pages, drawn on either canvas. Page 1: whose study, the maps as small multiples with
/// their colour bars, the regions table (each map's value with the voxel's CRLB) and the notes. Page 2: the spectrum
/// grid, data and fit of the 3 × 3 voxels around each region (the neighbourhood a reader checks a hot spot against).
/// </summary>
public static class MrsiReportPages
{
    public const double Width = ReportPage.Width;
    public const double Height = ReportPage.Height;
    public const double Margin = ReportPage.Margin;
    public const string Title = "MR spectroscopic imaging report";

    private const double Content = Width - 2 * Margin;
    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    public static void DrawMaps(IReportCanvas canvas, MrsiQuantification result, SourceIdentity source)
    {
        ArgumentNullException.ThrowIfNull(canvas);
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(source);
        double y = Header(canvas, source, "page 1 of 2");
        int slice = MapGridPanel.SliceOfInterest(result);
        var g = result.Geometry;
        canvas.DrawText(F($"Maps, slice {slice + 1} of {g.Grid.Slices} ({g.Grid.Columns} × {g.Grid.Rows} voxels, {g.VoxelSpacingMm[0]:0.#} × {g.VoxelSpacingMm[1]:0.#} × {g.VoxelSpacingMm[2]:0.#} mm)"),
            Margin, y, 10, ReportStyle.Ink, bold: true);
        y += 8;
        const int perRow = 4;
        double cell = Content / perRow, mapSize = cell - 34;
        for (int k = 0; k < result.Maps.Count; k++)
        {
            var map = result.Maps[k];
            double x = Margin + k % perRow * cell, top = y + k / perRow * (mapSize + 34);
            canvas.DrawText(map.Name, x, top + 10, 8, ReportStyle.Ink, bold: true);
            canvas.DrawText(map.Unit, x + canvas.MeasureText(map.Name, 8, bold: true) + 4, top + 10, 6.5, ReportStyle.Muted);
            var scale = MapColourScale.For(map);
            MapGridPanel.Draw(canvas, result, map, scale, slice, x, top + 14, mapSize - 6, mapSize - 6, ReportStyle.Ink, MapGridPanel.OnPaper);
            ColourBar.Draw(canvas, x + mapSize - 2, top + 14, 5, mapSize - 20, scale, "", 5.5, ReportStyle.Ink);
        }
        y += (result.Maps.Count + perRow - 1) / perRow * (mapSize + 34) + 4;
        canvas.DrawText("Light grey: not fitted (outside the excited volume); dark grey: fitted but no value (rejected, or that metabolite not reliable there). Outlined: the regions below.",
            Margin, y, 6.5, ReportStyle.Muted);
        y = Regions(canvas, result, y + 20);
        Notes(canvas, result, y + 14);
        Footer(canvas);
    }

    public static void DrawSpectra(IReportCanvas canvas, MrsiQuantification result, SourceIdentity source)
    {
        ArgumentNullException.ThrowIfNull(canvas);
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(source);
        double y = Header(canvas, source, "page 2 of 2");
        canvas.DrawText("Spectra around each region: 3 × 3 voxels, the region framed", Margin, y, 10, ReportStyle.Ink, bold: true);
        canvas.DrawText("Data black, fit red, 4.0 to 0.5 ppm; each plot scaled to its own range. (column, row) as in the regions table.", Margin, y + 12, 7, ReportStyle.Muted);
        y += 20;
        var g = result.Geometry;
        double block = (Height - y - 60) / Math.Max(1, result.Regions.Count);
        foreach (var region in result.Regions)
        {
            canvas.DrawText(region.Label, Margin, y + 10, 9, ReportStyle.Ink, bold: true);
            var (c0, r0, s) = g.Position(region.VoxelIndex);
            double size = Math.Min(Content / 3, (block - 24) / 3);
            double left = Margin + (Content - 3 * size) / 2;
            for (int dr = -1; dr <= 1; dr++)
            {
                for (int dc = -1; dc <= 1; dc++)
                {
                    int c = c0 + dc, r = r0 + dr;
                    double x = left + (dc + 1) * size, top = y + 16 + (dr + 1) * size;
                    if (c < 0 || r < 0 || c >= g.Grid.Columns || r >= g.Grid.Rows)
                    {
                        continue;
                    }
                    MiniSpectrum(canvas, result.Voxels[g.Index(c, r, s)], x + 2, top + 2, size - 4, size - 4, c, r, dc == 0 && dr == 0);
                }
            }
            y += block;
        }
        Footer(canvas);
    }

    private static double Header(IReportCanvas canvas, SourceIdentity source, string page)
    {
        canvas.DrawText(Title, Margin, Margin + 12, 15, ReportStyle.Ink, bold: true);
        canvas.DrawText(page, Width - Margin, Margin + 12, 8, ReportStyle.Muted, align: TextAlign.Right);
        string who = string.Join("   ", new[]
        {
            source.PatientName is { Length: > 0 } n ? n.Replace('^', ' ').Trim() : null,
            source.PatientId is { Length: > 0 } id ? "ID " + id : null,
            source.StudyDate is { Length: 8 } d ? $"Study {d[..4]}-{d[4..6]}-{d[6..]}" : null,
        }.OfType<string>());
        canvas.DrawText(who, Margin, Margin + 28, 9, ReportStyle.Ink);
        canvas.DrawLine(Margin, Margin + 36, Width - Margin, Margin + 36, ReportStyle.Rule, 0.5);
        return Margin + 54;
    }

    private static double Regions(IReportCanvas canvas, MrsiQuantification result, double y)
    {
        canvas.DrawText("Regions", Margin, y, 10, ReportStyle.Ink, bold: true);
        y += 14;
        if (result.Regions.Count == 0)
        {
            canvas.DrawText("No voxel has a Cho/NAA to report.", Margin, y, 8, ReportStyle.Ink);
            return y + 6;
        }
        double first = 112, column = (Content - first) / result.Maps.Count;
        canvas.DrawText("Region (voxel)", Margin, y, 7, ReportStyle.Muted, bold: true);
        for (int k = 0; k < result.Maps.Count; k++)
        {
            canvas.DrawText(result.Maps[k].Name, Margin + first + (k + 1) * column - 2, y, 7, ReportStyle.Muted, bold: true, TextAlign.Right);
        }
        y += 4;
        foreach (var region in result.Regions)
        {
            canvas.DrawLine(Margin, y, Width - Margin, y, ReportStyle.Rule, 0.5);
            y += 11;
            var (c, r, s) = result.Geometry.Position(region.VoxelIndex);
            canvas.DrawText(region.Label, Margin, y, 7.5, ReportStyle.Ink, bold: true);
            canvas.DrawText(F($"column {c + 1}, row {r + 1}, slice {s + 1}"), Margin, y + 10, 6.5, ReportStyle.Muted);
            var fit = result.Voxels[region.VoxelIndex].Fit;
            for (int k = 0; k < result.Maps.Count; k++)
            {
                var map = result.Maps[k];
                double right = Margin + first + (k + 1) * column - 2;
                string value = region.Values.TryGetValue(map.Name, out var v) ? v.ToString("0.00", CultureInfo.InvariantCulture) : "–";
                canvas.DrawText(value, right, y, 7.5, ReportStyle.Ink, align: TextAlign.Right);
                if (fit is not null && MrsiMapNames.Metabolites.Any(m => m.Map == map.Name) && MrsiMapNames.Estimate(fit, map.Name) is { } e)
                {
                    canvas.DrawText(F($"CRLB {Math.Min(e.CrlbPercent, 999):0} %"), right, y + 10, 6, ReportStyle.Muted, align: TextAlign.Right);
                }
            }
            y += 14;
        }
        canvas.DrawLine(Margin, y, Width - Margin, y, ReportStyle.Rule, 0.5);
        return y;
    }

    private static void Notes(IReportCanvas canvas, MrsiQuantification result, double y)
    {
        canvas.DrawText("Notes", Margin, y, 10, ReportStyle.Ink, bold: true);
        y += 13;
        foreach (var note in result.Notes)
        {
            foreach (var line in TextLayout.Wrap(canvas, "• " + note, 8, Content))
            {
                if (y > Height - Margin - 24)
                {
                    return; // the SR carries every note; the page shows what fits
                }
                canvas.DrawText(line, Margin, y, 8, ReportStyle.Ink);
                y += 10.5;
            }
        }
    }

    private static void Footer(IReportCanvas canvas) =>
        canvas.DrawText("MRSNode: decision support for qualified readers; the maps do not replace reading the spectra.", Margin, Height - Margin + 6, 7, ReportStyle.Muted);

    private static void MiniSpectrum(IReportCanvas canvas, MrsiVoxelResult voxel, double x, double y, double w, double h, int column, int row, bool centre)
    {
        canvas.StrokeRectangle(x, y, w, h, centre ? ReportStyle.Ink : ReportStyle.Rule, centre ? 1 : 0.5);
        canvas.DrawText(F($"({column + 1}, {row + 1})"), x + 2, y + 8, 6, ReportStyle.Muted);
        if (voxel.Fit?.Spectra is not { } spectra)
        {
            canvas.DrawText(voxel.Reason ?? voxel.State.ToString(), x + w / 2, y + h / 2, 6, ReportStyle.Muted, align: TextAlign.Center);
            return;
        }
        const double high = 4.0, low = 0.5;
        var indices = Enumerable.Range(0, spectra.Ppm.Length).Where(i => spectra.Ppm[i] <= high && spectra.Ppm[i] >= low).ToArray();
        if (indices.Length < 2)
        {
            return;
        }
        double top = indices.Max(i => Math.Max(spectra.Data[i], spectra.Fit[i])), bottom = indices.Min(i => Math.Min(spectra.Data[i], spectra.Fit[i]));
        double span = top > bottom ? top - bottom : 1;
        double[] px = [.. indices.Select(i => x + (high - spectra.Ppm[i]) / (high - low) * w)];
        double Y(double value) => y + 10 + (top - value) / span * (h - 14);
        canvas.PushClip(x, y, w, h);
        canvas.DrawPolyline(px, [.. indices.Select(i => Y(spectra.Data[i]))], ReportStyle.Data, 0.4);
        canvas.DrawPolyline(px, [.. indices.Select(i => Y(spectra.Fit[i]))], ReportStyle.Fit, 0.6);
        canvas.PopClip();
        if (voxel.State != VoxelState.Reported)
        {
            canvas.DrawText(voxel.Reason ?? "", x + w - 2, y + 8, 5.5, ReportStyle.Flag(Quantification.Results.MetaboliteFlag.Unreliable), align: TextAlign.Right);
        }
    }
}
