using System.Globalization;
using MRSNode.Quantification.Results;

namespace MRSNode.Reporting.Rendering;

/// <summary>
/// The head of every report page: who (patient), which study and series, and how the spectrum was acquired
/// (protocol, sequence, field, TE/TR, voxel size and position): what a radiologist checks before reading values.
/// </summary>
public static class ReportHeader
{
    private const double FieldSize = 8;
    private const double LineStep = 10.5;
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Draws the header from the top margin; returns the y of its closing rule.</summary>
    public static double Draw(IReportCanvas canvas, ReportDocument document, string pageLabel)
    {
        ArgumentNullException.ThrowIfNull(canvas);
        ArgumentNullException.ThrowIfNull(document);
        var s = document.Source;
        var report = document.Report;
        var i = report.Input;
        const double left = ReportPage.Margin;
        const double right = ReportPage.Width - ReportPage.Margin;
        var y = ReportPage.Margin;
        canvas.DrawText("MR spectroscopy report", left, y + 14, 15, ReportStyle.Ink, bold: true);
        canvas.DrawText(report.Software + " · " + pageLabel, right, y + 6, 7, ReportStyle.Muted, align: TextAlign.Right);
        canvas.DrawText("created " + report.CreatedUtc.ToString("yyyy-MM-dd HH:mm", Inv) + " UTC", right, y + 15, 7, ReportStyle.Muted, align: TextAlign.Right);
        y += 29;
        Fields(canvas, y, [("Patient", PersonName(s.PatientName)), ("ID", s.PatientId), ("Born", Date(s.PatientBirthDate)), ("Sex", s.PatientSex)]);
        y += LineStep;
        Fields(canvas, y, [("Study", (Date(s.StudyDate) + " " + Time(s.StudyTime)).Trim()), ("Accession", s.AccessionNumber), ("Description", s.StudyDescription)]);
        y += LineStep;
        Fields(canvas, y, [("Series", i.SeriesDescription), ("Protocol", i.ProtocolName)]);
        y += LineStep;
        Fields(canvas, y, [("Sequence", Sequence(i)), ("Field", Field(i)), ("TE", Ms(i.EchoTimeMs)), ("TR", Ms(i.RepetitionTimeMs)), ("Averages", i.Averages?.ToString(Inv))]);
        y += LineStep;
        Fields(canvas, y, [("Voxel", VoxelSize(i.VoxelSizeMm)), ("Centre (LPS)", VoxelPosition(i.VoxelPositionMm))]);
        y += 5;
        canvas.DrawLine(left, y, right, y, ReportStyle.Rule, 0.6);
        return y;
    }

    /// <summary>Sequence name and localisation ("svs_se (PRESS)"); either alone when only one is known.</summary>
    public static string? Sequence(InputSummary input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return (input.SequenceName, input.Localization) switch
        {
            ({ Length: > 0 } name, { Length: > 0 } loc) when !name.Contains(loc, StringComparison.OrdinalIgnoreCase) => $"{name} ({loc})",
            ({ Length: > 0 } name, _) => name,
            (_, { Length: > 0 } loc) => loc,
            _ => null,
        };
    }

    /// <summary>Field strength from the spectrometer frequency ("2.89 T, 123.25 MHz"), null when not read.</summary>
    public static string? Field(InputSummary input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input.FrequencyMHz > 0 ? string.Create(Inv, $"{input.FrequencyMHz / 42.577:0.0} T ({input.FrequencyMHz:0.00} MHz)") : null;
    }

    public static string? Ms(double? value) => value is { } v && double.IsFinite(v) ? v.ToString("0.#", Inv) + " ms" : null;

    /// <summary>"20 × 20 × 20 mm (8.0 mL)".</summary>
    public static string? VoxelSize(double[]? size) => size is [var a, var b, var c]
        ? string.Create(Inv, $"{a:0.#} × {b:0.#} × {c:0.#} mm ({a * b * c / 1000:0.0} mL)")
        : null;

    /// <summary>"x 1.2, y −20.5, z 10.0 mm" in DICOM patient coordinates (L, P, S positive).</summary>
    public static string? VoxelPosition(double[]? position) => position is [var x, var y, var z]
        ? string.Create(Inv, $"x {x:0.0}, y {y:0.0}, z {z:0.0} mm")
        : null;

    /// <summary>A line of "Label value" pairs; empty values show as "—" (a blank could be mistaken for a rendering fault).</summary>
    private static void Fields(IReportCanvas canvas, double baseline, (string Label, string? Value)[] fields)
    {
        var x = ReportPage.Margin;
        const double right = ReportPage.Width - ReportPage.Margin;
        foreach (var (label, value) in fields)
        {
            canvas.DrawText(label, x, baseline, FieldSize, ReportStyle.Muted);
            x += canvas.MeasureText(label, FieldSize) + 4;
            var text = TextLayout.Fit(canvas, string.IsNullOrWhiteSpace(value) ? "—" : value.Trim(), FieldSize, Math.Max(8, right - x), bold: true);
            canvas.DrawText(text, x, baseline, FieldSize, ReportStyle.Ink, bold: true);
            x += canvas.MeasureText(text, FieldSize, bold: true) + 14;
            if (x >= right - 20)
            {
                return;
            }
        }
    }

    private static string? PersonName(string? dicomName) =>
        dicomName is null ? null : string.Join(", ", dicomName.Split('=')[0].Split('^', 2).Select(p => p.Replace('^', ' ').Trim()).Where(p => p.Length > 0));

    private static string Date(string? da) =>
        da is { Length: 8 } ? $"{da[..4]}-{da[4..6]}-{da[6..]}" : da ?? "";

    private static string Time(string? tm) =>
        tm is { Length: >= 4 } ? $"{tm[..2]}:{tm[2..4]}" : "";
}
