using MRSNode.Dicom;
using MRSNode.Quantification.Results;
using static MRSNode.Reporting.Dicom.SrContentItems;

namespace MRSNode.Reporting.Dicom;

/// <summary>The metabolite and ratio NUMs of the measurement group, each with its CRLB and, on the item its flag was computed for, its assessment.</summary>
internal static class MetaboliteMeasurements
{
    public const string TotalCreatine = "tCr";

    /// <summary>
    /// A metabolite's NUMs: its ratio to tCr and its water-scaled value, each with the CRLB; the normality, reference
    /// range and flag go on the item the flag was computed from (a ratio range on the ratio, a concentration range on the
    /// concentration), so a reader never sees a ratio called "abnormally low" for a range in other units.
    /// </summary>
    public static List<DicomDataset> Measurements(DicomDataset root, MetaboliteResult m, CodedConcept concentrationUnit)
    {
        DicomDataset? ratioItem = m.RatioToTCr is { } ratio && double.IsFinite(ratio) && !string.Equals(m.Name, TotalCreatine, StringComparison.OrdinalIgnoreCase)
            ? RatioNum(root, m.Name, TotalCreatine, ratio) : null;
        DicomDataset? concentrationItem = m.Concentration is { } c && double.IsFinite(c)
            ? Num(root, "CONTAINS", ReportCodes.Metabolite(m.Name), c, concentrationUnit) : null;
        var flagged = IsRatioRange(m.ReferenceRangeUnit) ? ratioItem ?? concentrationItem : concentrationItem ?? ratioItem;
        var items = new List<DicomDataset>();
        foreach (var item in new[] { ratioItem, concentrationItem }.OfType<DicomDataset>())
        {
            var properties = ModifiersOf(item);
            if (m.CrlbPercent is { } crlb && double.IsFinite(crlb))
            {
                properties.Add(Num(root, "HAS PROPERTIES", ReportCodes.Crlb, Math.Round(Math.Min(crlb, 999)), ReportCodes.Percent));
            }
            if (item == flagged)
            {
                properties.AddRange(Assessment(root, m.Flag, m.FlagReason, m.ReferenceRange, m.ReferenceRangeUnit, m.ReferenceRangeSource));
            }
            item.AddOrUpdate(DicomTags.ContentSequence, [.. properties]);
            items.Add(item);
        }
        return items;
    }

    /// <summary>A clinical ratio (Cho/NAA, NAA/Cho…) as its own NUM with its assessment.</summary>
    public static DicomDataset RatioMeasurement(DicomDataset root, RatioResult r, double value)
    {
        ArgumentNullException.ThrowIfNull(r);
        var item = RatioNum(root, r.Numerator, r.Denominator, value);
        return item.AddOrUpdate(DicomTags.ContentSequence, [.. ModifiersOf(item), .. Assessment(root, r.Flag, r.FlagReason, r.ReferenceRange, "ratio", r.ReferenceRangeSource)]);
    }

    /// <summary>A range in a ratio unit ("ratio to tCr", "/tCr"), or none given: the ratio is the default basis for flags.</summary>
    private static bool IsRatioRange(string? unit) =>
        unit is null || unit.Contains("ratio", StringComparison.OrdinalIgnoreCase) || unit.Contains('/', StringComparison.Ordinal);

    /// <summary>
    /// A ratio NUM: the standard ratio code where CID 4033 has one (Cho/Cr, NAA/Cr, NAA/Cho), else the numerator's
    /// code with a "ratio to" modifier naming the denominator.
    /// </summary>
    private static DicomDataset RatioNum(DicomDataset root, string numerator, string denominator, double value)
    {
        if (ReportCodes.RatioOf(numerator, denominator) is { } code)
        {
            return Num(root, "CONTAINS", code, value, ReportCodes.Ratio);
        }
        return Num(root, "CONTAINS", ReportCodes.Metabolite(numerator), value, ReportCodes.Ratio)
            .AddOrUpdate(DicomTags.ContentSequence, CodeItem(root, "HAS CONCEPT MOD", ReportCodes.RatioTo, ReportCodes.Metabolite(denominator)));
    }

    /// <summary>The items already under a NUM (its concept modifier), to which its properties are added.</summary>
    private static List<DicomDataset> ModifiersOf(DicomDataset item) => [.. item.GetSequence(DicomTags.ContentSequence)?.Items ?? []];

    /// <summary>Normality (for normal/low/high), the reference range it was judged against, and the flag with its reason in words.</summary>
    private static List<DicomDataset> Assessment(DicomDataset root, MetaboliteFlag flag, string? reason, double[]? range, string? rangeUnit, string? rangeSource)
    {
        var items = new List<DicomDataset>();
        var normality = flag switch
        {
            MetaboliteFlag.Normal => ReportCodes.Normal,
            MetaboliteFlag.High => ReportCodes.AbnormallyHigh,
            MetaboliteFlag.Low => ReportCodes.AbnormallyLow,
            _ => null,
        };
        if (normality is not null)
        {
            items.Add(CodeItem(root, "HAS PROPERTIES", ReportCodes.Normality, normality));
        }
        if (range is [var low, var high])
        {
            var text = string.Create(Invariant, $"{SignificantFigures.Round(low)}–{SignificantFigures.Round(high)} ({rangeUnit ?? "ratio"})");
            items.Add(Text(root, "HAS PROPERTIES", ReportCodes.ReferenceRange, rangeSource is null ? text : $"{text}; {rangeSource}"));
        }
        items.Add(Text(root, "HAS PROPERTIES", ReportCodes.Flag, reason is null ? flag.Text() : $"{flag.Text()}: {reason}"));
        return items;
    }


    private static readonly System.Globalization.CultureInfo Invariant = System.Globalization.CultureInfo.InvariantCulture;
}
