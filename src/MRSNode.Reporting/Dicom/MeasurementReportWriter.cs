using MRSNode.Dicom;
using MRSNode.Quantification.Results;

namespace MRSNode.Reporting.Dicom;

/// <summary>
/// The results as a DICOM Comprehensive SR following TID 1500 (Measurement Report): observer context
/// naming MRSNode as the device, one measurement group for the voxel with a NUM per metabolite (ratio
/// to tCr, and the water-scaled value in the unit the scaling gives it) carrying its CRLB, and normality
/// on the item the flag was computed from; the clinical ratios; the QC, preprocessing and scaling; the
/// findings, the verdict and its reasons. PS3.16 codes wherever they exist (<see cref="ReportCodes"/>), the
/// private scheme declared. Placed in the source study as a new series, referencing the source instances;
/// its UIDs derive from the inputs (<see cref="OutputUids"/>), so a resend repeats them.
/// </summary>
public static class MeasurementReportWriter
{
    public const string SeriesDescription = "MRSNode MRS measurement report";

    public static DicomDataset Create(QuantificationReport report, SourceIdentity source, DateTime? now = null, DicomUidGenerator? uids = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(source);
        var ids = OutputUids.For(source, "sr", report.Software, uids);
        var time = now ?? DateTime.Now;
        var ds = new DicomDataset();
        var root = ds;
        OutputModules.AddSopCommon(ds, DicomUids.ComprehensiveSRStorage, ids, time);
        // The private codes' scheme, declared so a reader (and dciodvfy) knows what 99MRSNODE is.
        ds.AddOrUpdate(DicomTags.CodingSchemeIdentificationSequence, root.NewItem()
            .AddOrUpdate(DicomTags.CodingSchemeDesignator, CodedConcept.PrivateScheme)
            .AddOrUpdate(DicomTags.CodingSchemeName, "MRSNode private codes")
            .AddOrUpdate(DicomTags.CodingSchemeResponsibleOrganization, "MRSNode project (docs/conformance-statement.md)"));
        OutputModules.AddPatientAndStudy(ds, source);
        // SR Document Series and General Equipment.
        OutputModules.AddSeries(ds, "SR", 901, SeriesDescription, ids, time);
        ds.AddOrUpdate(new DicomSequence(DicomTags.ReferencedPerformedProcedureStepSequence)); // type 2: present, empty
        OutputModules.AddEquipment(ds, report.Software, time);
        // SR Document General.
        ds.AddOrUpdate(DicomTags.InstanceNumber, "1");
        ds.AddOrUpdate(DicomTags.CompletionFlag, "COMPLETE");
        ds.AddOrUpdate(DicomTags.VerificationFlag, "UNVERIFIED");
        ds.AddOrUpdate(DicomTags.ContentDate, DateOnly.FromDateTime(time));
        ds.AddOrUpdate(DicomTags.ContentTime, TimeOnly.FromDateTime(time));
        ds.AddOrUpdate(new DicomSequence(DicomTags.PerformedProcedureCodeSequence)); // type 2: present, empty
        if (source.SourceInstances.Count > 0)
        {
            ds.AddOrUpdate(DicomTags.CurrentRequestedProcedureEvidenceSequence, Evidence(root, source));
        }
        // SR Document Content: the TID 1500 tree.
        ds.AddOrUpdate(DicomTags.ValueType, "CONTAINER");
        ds.AddOrUpdate(DicomTags.ConceptNameCodeSequence, Code(root, ReportCodes.ImagingMeasurementReport));
        ds.AddOrUpdate(DicomTags.ContinuityOfContent, "SEPARATE");
        ds.AddOrUpdate(DicomTags.ContentTemplateSequence, root.NewItem()
            .AddOrUpdate(DicomTags.MappingResource, "DCMR")
            .AddOrUpdate(DicomTags.TemplateIdentifier, "1500"));
        ds.AddOrUpdate(DicomTags.ContentSequence,
        [
            CodeItem(root, "HAS CONCEPT MOD", ReportCodes.Language, ReportCodes.EnglishUs),
            CodeItem(root, "HAS OBS CONTEXT", ReportCodes.ObserverType, ReportCodes.Device),
            Item(root, "HAS OBS CONTEXT", "UIDREF", ReportCodes.DeviceObserverUid).AddOrUpdate(DicomTags.UID, DicomUidGenerator.ImplementationClassUid),
            Text(root, "HAS OBS CONTEXT", ReportCodes.DeviceObserverName, "MRSNode"),
            Text(root, "HAS OBS CONTEXT", ReportCodes.DeviceObserverManufacturer, "MRSNode"),
            Text(root, "HAS OBS CONTEXT", ReportCodes.DeviceObserverModelName, "MRSNode"),
            CodeItem(root, "HAS CONCEPT MOD", ReportCodes.ProcedureReported, ReportCodes.MriUnspecified),
            Container(root, "CONTAINS", ReportCodes.ImagingMeasurements, [MeasurementGroup(root, report, ids)]),
        ]);
        return ds;
    }

    private static DicomDataset MeasurementGroup(DicomDataset root, QuantificationReport report, OutputUids ids)
    {
        var children = new List<DicomDataset>
        {
            // Only a quantified study is known to be single voxel: a refused one may be MRSI, edited or multi-echo.
            Text(root, "HAS OBS CONTEXT", ReportCodes.TrackingIdentifier, report.Metabolites.Count > 0 ? "MRS single voxel" : "MRS not quantified"),
            Item(root, "HAS OBS CONTEXT", "UIDREF", ReportCodes.TrackingUid).AddOrUpdate(DicomTags.UID, ids.TrackingUid),
            CodeItem(root, "HAS CONCEPT MOD", ReportCodes.FindingSite, ReportCodes.Brain),
        };
        var concentrationUnit = ReportCodes.ConcentrationUnitOf(report.Scaling);
        var ratiosShown = new HashSet<(string, string)>();
        foreach (var m in report.Metabolites)
        {
            children.AddRange(Measurements(root, m, concentrationUnit));
            if (m.RatioToTCr is not null)
            {
                ratiosShown.Add((m.Name.ToUpperInvariant(), TotalCreatine.ToUpperInvariant()));
            }
        }
        foreach (var r in report.Ratios ?? [])
        {
            if (r.Value is { } value && double.IsFinite(value) && ratiosShown.Add((r.Numerator.ToUpperInvariant(), r.Denominator.ToUpperInvariant())))
            {
                var item = RatioNum(root, r.Numerator, r.Denominator, value);
                item.AddOrUpdate(DicomTags.ContentSequence, [.. ModifiersOf(item), .. Assessment(root, r.Flag, r.FlagReason, r.ReferenceRange, "ratio", r.ReferenceRangeSource)]);
                children.Add(item);
            }
        }
        children.AddRange(QualityItems(root, report.Qc));
        children.AddRange(MethodItems(root, report));
        foreach (var finding in report.Findings ?? [])
        {
            children.Add(Text(root, "CONTAINS", ReportCodes.Finding, finding));
        }
        children.Add(Text(root, "CONTAINS", ReportCodes.Verdict, report.Verdict.Text()));
        foreach (var reason in report.Reasons)
        {
            children.Add(Text(root, "CONTAINS", ReportCodes.Reason, reason));
        }
        return Container(root, "CONTAINS", ReportCodes.MeasurementGroup, children);
    }

    private const string TotalCreatine = "tCr";

    /// <summary>
    /// A metabolite's NUMs: its ratio to tCr and its water-scaled value, each with the CRLB; the normality, reference
    /// range and flag go on the item the flag was computed from (a ratio range on the ratio, a concentration range on the
    /// concentration), so a reader never sees a ratio called "abnormally low" for a range in other units.
    /// </summary>
    private static List<DicomDataset> Measurements(DicomDataset root, MetaboliteResult m, CodedConcept concentrationUnit)
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

    /// <summary>The QC values that were measured (absent ones are left out), each under its own named definition.</summary>
    private static IEnumerable<DicomDataset> QualityItems(DicomDataset root, QualityResult qc)
    {
        (CodedConcept Concept, double? Value, CodedConcept Unit, int Digits)[] values =
        [
            (ReportCodes.Snr, qc.Snr, ReportCodes.NoUnit, 3),
            (ReportCodes.SnrLcModel, qc.SnrLcModel, ReportCodes.NoUnit, 3),
            (ReportCodes.Linewidth, qc.FwhmPpm, ReportCodes.Ppm, 3),
            (ReportCodes.Linewidth, qc.FwhmHz, ReportCodes.Hertz, 3),
            (ReportCodes.LineshapeLinewidth, qc.LineshapeFwhmPpm, ReportCodes.Ppm, 3),
            (ReportCodes.LineshapeLinewidth, qc.LineshapeFwhmHz, ReportCodes.Hertz, 3),
            (ReportCodes.FitResidual, qc.FitResidualRelative, ReportCodes.NoUnit, 3),
            (ReportCodes.FrequencyOffset, qc.FrequencyOffsetHz, ReportCodes.Hertz, 3),
            (ReportCodes.ZeroOrderPhase, qc.ZeroOrderPhaseDegrees, ReportCodes.Degree, 3),
            (ReportCodes.LipidToTCr, qc.LipidToTCr, ReportCodes.Ratio, 3),
            (ReportCodes.ResidualWaterToNaa, qc.ResidualWaterToNaa, ReportCodes.Ratio, 3),
            (ReportCodes.Transients, qc.Transients, ReportCodes.NoUnit, 10),
            (ReportCodes.TransientsRejected, qc.TransientsRejected, ReportCodes.NoUnit, 10),
            (ReportCodes.FrequencyDrift, qc.FrequencyDriftHz, ReportCodes.Hertz, 3),
        ];
        return values
            .Where(v => v.Value is { } x && double.IsFinite(x))
            .Select(v => Num(root, "CONTAINS", v.Concept, v.Value!.Value, v.Unit, v.Digits));
    }

    /// <summary>How the values were made: preprocessing steps, the scaling with every parameter, the CRLB calibration and the neural second opinion.</summary>
    private static IEnumerable<DicomDataset> MethodItems(DicomDataset root, QuantificationReport report)
    {
        foreach (var step in report.Input.Preprocessing)
        {
            yield return Text(root, "CONTAINS", ReportCodes.Preprocessing, step);
        }
        if (report.Scaling is { } scaling)
        {
            yield return Text(root, "CONTAINS", ReportCodes.ConcentrationUnit, scaling.Unit);
            yield return Text(root, "CONTAINS", ReportCodes.Scaling, scaling.Description);
            foreach (var (name, value) in scaling.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                yield return Text(root, "CONTAINS", ReportCodes.ScalingParameter, string.Create(Invariant, $"{name} = {SignificantFigures.Round(value, 4)}"));
            }
        }
        if (report.CrlbCalibration is { Length: > 0 } calibration)
        {
            yield return Text(root, "CONTAINS", ReportCodes.CrlbCalibration, calibration);
        }
        if (report.NeuralAdvisory is { } advisory)
        {
            yield return Text(root, "CONTAINS", ReportCodes.NeuralAdvisory, $"{advisory.Status}: {advisory.Explanation}");
        }
    }

    private static readonly System.Globalization.CultureInfo Invariant = System.Globalization.CultureInfo.InvariantCulture;

    /// <summary>Current Requested Procedure Evidence: the source instances grouped by their own series.</summary>
    private static DicomDataset[] Evidence(DicomDataset root, SourceIdentity source)
    {
        // Derived, not random, so a resend repeats the whole object, not only its UIDs.
        var fallbackSeries = source.SourceSeriesInstanceUid ?? DicomUidGenerator.FromParts([source.StudyInstanceUid, "source series"]);
        var series = source.SourceInstances
            .GroupBy(s => source.SeriesOf(s.SopInstanceUid) ?? fallbackSeries, StringComparer.Ordinal)
            .Select(g => root.NewItem()
                .AddOrUpdate(DicomTags.SeriesInstanceUID, g.Key)
                .AddOrUpdate(DicomTags.ReferencedSOPSequence, [.. g.Select(s => root.NewItem()
                    .AddOrUpdate(DicomTags.ReferencedSOPClassUID, s.SopClassUid)
                    .AddOrUpdate(DicomTags.ReferencedSOPInstanceUID, s.SopInstanceUid))]))
            .ToArray();
        return [root.NewItem()
            .AddOrUpdate(DicomTags.StudyInstanceUID, source.StudyInstanceUid)
            .AddOrUpdate(DicomTags.ReferencedSeriesSequence, series)];
    }

    private static DicomDataset Code(DicomDataset root, CodedConcept c) => root.NewItem()
        .AddOrUpdate(DicomTags.CodeValue, c.Value)
        .AddOrUpdate(DicomTags.CodingSchemeDesignator, c.Scheme)
        .AddOrUpdate(DicomTags.CodeMeaning, c.Meaning);

    private static DicomDataset Item(DicomDataset root, string relationship, string valueType, CodedConcept concept) => root.NewItem()
        .AddOrUpdate(DicomTags.RelationshipType, relationship)
        .AddOrUpdate(DicomTags.ValueType, valueType)
        .AddOrUpdate(DicomTags.ConceptNameCodeSequence, Code(root, concept));

    private static DicomDataset Text(DicomDataset root, string relationship, CodedConcept concept, string text) =>
        Item(root, relationship, "TEXT", concept).AddOrUpdate(DicomTags.TextValue, text);

    private static DicomDataset CodeItem(DicomDataset root, string relationship, CodedConcept concept, CodedConcept value) =>
        Item(root, relationship, "CODE", concept).AddOrUpdate(DicomTags.ConceptCodeSequence, Code(root, value));

    /// <summary>A NUM with its value rounded to <paramref name="digits"/> significant figures (counts pass enough to stay exact).</summary>
    private static DicomDataset Num(DicomDataset root, string relationship, CodedConcept concept, double value, CodedConcept unit, int digits = 3) =>
        Item(root, relationship, "NUM", concept).AddOrUpdate(DicomTags.MeasuredValueSequence, root.NewItem()
            .AddOrUpdate(DicomTags.MeasurementUnitsCodeSequence, Code(root, unit))
            .AddOrUpdate(DicomTags.NumericValue, DicomVR.DS, DicomDataset.FormatDecimalString(SignificantFigures.Round(value, digits))));

    private static DicomDataset Container(DicomDataset root, string relationship, CodedConcept concept, IReadOnlyList<DicomDataset> children) =>
        Item(root, relationship, "CONTAINER", concept)
            .AddOrUpdate(DicomTags.ContinuityOfContent, "SEPARATE")
            .AddOrUpdate(DicomTags.ContentSequence, [.. children]);
}
