using MRSNode.Dicom;
using MRSNode.Dicom.IO;
using MRSNode.Quantification.Results;
using MRSNode.Reporting.Dicom;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Reporting.Tests.Dicom;

[UnitTest]
public class MeasurementReportWriterTests
{
    private static QuantificationReport Report(bool withConcentrations) => new()
    {
        Software = "MRSNode 0.1.0",
        CreatedUtc = new DateTime(2026, 11, 21, 12, 0, 0, DateTimeKind.Utc),
        Input = new InputSummary
        {
            MetaboliteFile = "siemens-xa60-svs.dcm", BasisSet = "press3T_30ms.BASIS", Points = 1024, SpectralWidthHz = 1199.9, FrequencyMHz = 123.255,
            Preprocessing = ["Averaging: 64 transients aligned (spectral registration)", "Residual water removal (HLSVD): 25 components"],
        },
        Metabolites =
        [
            new MetaboliteResult { Name = "tNAA", RatioToTCr = 1.3214285714285714, Concentration = withConcentrations ? 10.123456789 : null, CrlbPercent = 3, Flag = MetaboliteFlag.Normal, IsPool = true, FlagReason = "1.32 is within the reference range 0.974–1.798 (ratio to tCr)", ReferenceRange = [0.974, 1.798], ReferenceRangeUnit = "ratio to tCr" },
            new MetaboliteResult { Name = "NAA", RatioToTCr = 1.2, Concentration = withConcentrations ? 9.2 : null, CrlbPercent = 4, Flag = MetaboliteFlag.NotAssessed },
            new MetaboliteResult { Name = "tCr", RatioToTCr = 1, Concentration = withConcentrations ? 7.66 : null, CrlbPercent = 2, Flag = MetaboliteFlag.Low, IsPool = true, FlagReason = "7.66 is below the reference range 8–12 (mM)", ReferenceRange = [8, 12], ReferenceRangeUnit = "mM" },
            new MetaboliteResult { Name = "Cr", RatioToTCr = 0.4, Concentration = withConcentrations ? 3.1 : null, CrlbPercent = 55, Flag = MetaboliteFlag.Unreliable, FlagReason = "CRLB 55 % is above 50 %" },
            new MetaboliteResult { Name = "tCho", RatioToTCr = 0.76, Concentration = withConcentrations ? 2.9 : null, CrlbPercent = 6, Flag = MetaboliteFlag.High, IsPool = true, ReferenceRange = [0.13, 0.3], ReferenceRangeUnit = "ratio to tCr" },
            new MetaboliteResult { Name = "Ins", RatioToTCr = 0.8, CrlbPercent = 7, Flag = MetaboliteFlag.Normal, ReferenceRange = [0.5, 1.0], ReferenceRangeUnit = "ratio to tCr" },
            new MetaboliteResult { Name = "Glx", RatioToTCr = 1.9, CrlbPercent = 9, Flag = MetaboliteFlag.Normal, IsPool = true, ReferenceRange = [1.0, 2.5], ReferenceRangeUnit = "ratio to tCr" },
            new MetaboliteResult { Name = "GABA", RatioToTCr = 0.3, CrlbPercent = 80, Flag = MetaboliteFlag.Unreliable, FlagReason = "CRLB 80 % is above 50 %" },
            new MetaboliteResult { Name = "Lac", RatioToTCr = 0.45, CrlbPercent = 12, Flag = MetaboliteFlag.High, ReferenceRange = [0, 0.1], ReferenceRangeUnit = "ratio to tCr" },
        ],
        Ratios =
        [
            new RatioResult { Name = "tCho/tNAA", Numerator = "tCho", Denominator = "tNAA", Value = 0.5751, Flag = MetaboliteFlag.High, ReferenceRange = [0.2, 0.4], ReferenceRangeSource = "test range" },
            new RatioResult { Name = "tNAA/tCho", Numerator = "tNAA", Denominator = "tCho", Value = 1.7387, Flag = MetaboliteFlag.Low, ReferenceRange = [2.5, 5] },
        ],
        Scaling = withConcentrations ? new ConcentrationScaling { Unit = "i.u.", Description = "water-scaled, no tissue or relaxation correction", Parameters = new Dictionary<string, double> { ["WCONC"] = 55510, ["ATTMET"] = 0.886 } } : null,
        Qc = new QualityResult { Snr = 24.4567, SnrDefinition = "NAA / noise SD", FwhmPpm = 0.052, FwhmHz = 6.4, SnrLcModel = 21, LipidToTCr = 0.12, Transients = 1024, TransientsRejected = 3, FrequencyDriftHz = 1.25 },
        Verdict = StudyVerdict.Review,
        Reasons = ["tCho is high", "GABA is unreliable: CRLB 80 % is above 50 %"],
        Findings = ["Lactate present: Lac/tCr 0.45"],
        NeuralAdvisory = new NeuralAdvisory { Status = "out of domain", Explanation = "Lac above the training range" },
        CrlbCalibration = "CRLB understates the observed scatter 4–6× on simulated spectra",
    };

    private static string Write(bool withConcentrations)
    {
        var source = DicomFile.Open(TestData.Path("dicom/siemens-xa60-svs.dcm")).Dataset;
        var sr = MeasurementReportWriter.Create(Report(withConcentrations), SourceIdentity.FromDataset(source), new DateTime(2026, 11, 21, 12, 30, 0));
        var path = Path.Combine(TestData.NewTempFolder(), "sr.dcm");
        new DicomFile(sr).Save(path);
        return path;
    }

    [Fact]
    public void Create_FromXa60Source_JoinsTheSourceStudyAsNewSeries()
    {
        var source = DicomFile.Open(TestData.Path("dicom/siemens-xa60-svs.dcm")).Dataset;
        var sr = DicomFile.Open(Write(true)).Dataset;

        Assert.Equal(DicomUids.ComprehensiveSRStorage, sr.GetString(DicomTags.SOPClassUID));
        Assert.Equal(source.GetString(DicomTags.StudyInstanceUID), sr.GetString(DicomTags.StudyInstanceUID));
        Assert.NotEqual(source.GetString(DicomTags.SeriesInstanceUID), sr.GetString(DicomTags.SeriesInstanceUID));
        Assert.Equal("SR", sr.GetString(DicomTags.Modality));
        var evidence = sr.GetSequence(DicomTags.CurrentRequestedProcedureEvidenceSequence)!.Items[0];
        var referenced = evidence.GetSequence(DicomTags.ReferencedSeriesSequence)!.Items[0].GetSequence(DicomTags.ReferencedSOPSequence)!.Items[0];
        Assert.Equal(source.GetString(DicomTags.SOPInstanceUID), referenced.GetString(DicomTags.ReferencedSOPInstanceUID));
        Assert.Equal("1500", sr.GetSequence(DicomTags.ContentTemplateSequence)!.Items[0].GetString(DicomTags.TemplateIdentifier));
    }

    [PeerTheory("dciodvfy")]
    [InlineData(true)]
    [InlineData(false)]
    public void Create_ComprehensiveSr_DciodvfyReportsNoErrors(bool withConcentrations)
    {
        var r = Peers.Run("dciodvfy", [Write(withConcentrations)]);

        var errors = (r.StdOut + r.StdErr).Split('\n').Where(l => l.StartsWith("Error", StringComparison.Ordinal)).ToList();
        Assert.True(errors.Count == 0, string.Join('\n', errors));
    }

    [PeerFact("dsrdump")]
    public void Create_TreeAsDsrdumpPrintsIt_HasMetabolitesNormalityAndVerdict()
    {
        var r = Peers.Run("dsrdump", [Write(true)]);

        Assert.Equal(0, r.ExitCode);
        Assert.Contains("<CONTAINER:(,,\"Imaging Measurement Report\")=SEPARATE>", r.StdOut);
        Assert.Contains("<has obs context TEXT:(,,\"Device Observer Name\")=\"MRSNode\">", r.StdOut);
        Assert.Contains("<contains NUM:(,,\"N-acetylaspartate/Creatine Ratio\")=\"1.32\" ({ratio},UCUM,\"ratio\")>", r.StdOut);
        Assert.Contains("<contains NUM:(,,\"N-acetylaspartate\")=\"10.1\" ([arb'U],UCUM,\"arbitrary unit\")>", r.StdOut);
        Assert.Contains("<has properties CODE:(,,\"Normality\")=(371879000,SCT,\"Abnormally high\")>", r.StdOut);
        Assert.Contains("<has properties NUM:(,,\"Cramer-Rao lower bound\")=\"80\" (%,UCUM,\"percent\")>", r.StdOut);
        Assert.Contains("<contains TEXT:(,,\"Reliability verdict\")=\"review\">", r.StdOut);
        Assert.Contains("<contains TEXT:(,,\"Reason\")=\"tCho is high\">", r.StdOut);
        Assert.Contains("<contains TEXT:(,,\"Finding\")=\"Lactate present: Lac/tCr 0.45\">", r.StdOut);
    }

    [PeerFact("dsrdump")]
    public void Create_PrintAllCodes_StandardCodesForTheClinicalMetabolitesAndRatios()
    {
        var r = Peers.Run("dsrdump", ["+Pc", Write(true)]);

        Assert.Equal(0, r.ExitCode);
        string[] expected =
        [
            "(115391007,SCT,\"N-acetylaspartate\")", "(14804005,SCT,\"Creatine\")", "(65123005,SCT,\"Choline\")", "(72164009,SCT,\"Inositol\")",
            "(113080,DCM,\"Glutamate and glutamine\")", "(83036002,SCT,\"Lactate\")", "(113081,DCM,\"Choline/Creatine Ratio\")",
            "(113082,DCM,\"N-acetylaspartate/Creatine Ratio\")", "(113083,DCM,\"N-acetylaspartate/Choline Ratio\")",
        ];
        Assert.All(expected, code => Assert.Contains(code, r.StdOut));
        // Free creatine is not "Creatine": its own private code.
        Assert.Contains("NUM:(CR,99MRSNODE,\"Creatine (Cr alone)\")=\"3.1\"", r.StdOut);
    }

    [PeerFact("dciodvfy")]
    public void Create_StandardCodes_DciodvfyUnrecognizesOnlyThePrivateScheme()
    {
        var r = Peers.Run("dciodvfy", [Write(true)]);

        // dciodvfy warns on every scheme outside PS3.16's list, declared or not (PS3.3 8.2 allows them when declared):
        // what must not appear is a standard concept sent under a private code.
        var unrecognized = (r.StdOut + r.StdErr).Split('\n').Where(l => l.Contains("Unrecognized", StringComparison.Ordinal)).ToList();
        Assert.All(unrecognized, l => Assert.Contains("<99MRSNODE> for value 1 of attribute <Coding Scheme Designator>", l, StringComparison.Ordinal));
    }

    [Fact]
    public void Create_PrivateCodes_SchemeDeclaredInCodingSchemeIdentification()
    {
        var sr = MeasurementReportWriter.Create(Report(true), ReportSamplesSource());

        var scheme = Assert.Single(sr.GetSequence(DicomTags.CodingSchemeIdentificationSequence)!.Items);
        Assert.Equal("99MRSNODE", scheme.GetString(DicomTags.CodingSchemeDesignator));
        Assert.Equal("MRSNode private codes", scheme.GetString(DicomTags.CodingSchemeName));
        var schemes = AllItems(sr).SelectMany(i => new[] { i.GetSequence(DicomTags.ConceptNameCodeSequence), i.GetSequence(DicomTags.ConceptCodeSequence) })
            .OfType<DicomSequence>().Select(q => q.Items[0].GetString(DicomTags.CodingSchemeDesignator)).Distinct().Order(StringComparer.Ordinal);
        Assert.Equal(["99MRSNODE", "DCM", "LN", "RFC5646", "SCT"], schemes);
    }

    [Theory]
    [InlineData(true, "MRS single voxel")]
    [InlineData(false, "MRS not quantified")]
    public void Create_QuantifiedOrRefused_TrackingIdentifierSaysWhichOnly(bool quantified, string expected)
    {
        var report = quantified ? Report(false) : Report(false) with { Metabolites = [], Verdict = StudyVerdict.NotUsable, Reasons = ["not quantified: this is an MR spectroscopic imaging (multi-voxel, 2×2×1) acquisition"] };
        var source = DicomFile.Open(TestData.Path("dicom/siemens-xa60-svs.dcm")).Dataset;

        var sr = MeasurementReportWriter.Create(report, SourceIdentity.FromDataset(source));

        var tracking = AllItems(sr).Single(i => i.GetSequence(DicomTags.ConceptNameCodeSequence)?.Items[0].GetString(DicomTags.CodeValue) == "112039");
        Assert.Equal(expected, tracking.GetString(DicomTags.TextValue));
    }

    private static string? CodeValue(DicomDataset item, DicomTag sequence) => item.GetSequence(sequence)?.Items[0].GetString(DicomTags.CodeValue);

    /// <summary>The NUMs of the measurement group whose concept has this code value, with their unit and value.</summary>
    private static List<DicomDataset> Nums(DicomDataset sr, string codeValue) =>
        [.. AllItems(sr).Where(i => i.GetString(DicomTags.ValueType) == "NUM" && CodeValue(i, DicomTags.ConceptNameCodeSequence) == codeValue)];

    private static string? Unit(DicomDataset num) =>
        num.GetSequence(DicomTags.MeasuredValueSequence)!.Items[0].GetSequence(DicomTags.MeasurementUnitsCodeSequence)!.Items[0].GetString(DicomTags.CodeValue);

    private static string? Value(DicomDataset num) => num.GetSequence(DicomTags.MeasuredValueSequence)!.Items[0].GetString(DicomTags.NumericValue);

    private static string? Normality(DicomDataset num) =>
        num.GetSequence(DicomTags.ContentSequence)?.Items.Where(i => CodeValue(i, DicomTags.ConceptNameCodeSequence) == "121402")
            .Select(i => CodeValue(i, DicomTags.ConceptCodeSequence)).SingleOrDefault();

    [Fact]
    public void Create_TotalCreatineFlaggedFromMillimolar_NormalityOnTheConcentrationNotOnTheRatio()
    {
        var sr = MeasurementReportWriter.Create(Report(true), ReportSamplesSource());

        // tCr: standard Creatine code, one NUM (its ratio to itself is not reported), abnormally low from the mM range.
        var tcr = Assert.Single(Nums(sr, "14804005"));
        Assert.Equal(("[arb'U]", "7.66", "371880002"), (Unit(tcr), Value(tcr), Normality(tcr)));
        // tNAA: flagged from its ratio, so the ratio NUM (113082) holds "normal" and the concentration none.
        var naaRatio = Assert.Single(Nums(sr, "113082"));
        Assert.Equal(("{ratio}", "1.32", "17621005"), (Unit(naaRatio), Value(naaRatio), Normality(naaRatio)));
        var naaConcentration = Assert.Single(Nums(sr, "115391007"));
        Assert.Equal(("[arb'U]", "10.1", null), (Unit(naaConcentration), Value(naaConcentration), Normality(naaConcentration)));
        // tCho/tCr as the standard Choline/Creatine ratio, abnormally high.
        var cho = Assert.Single(Nums(sr, "113081"));
        Assert.Equal(("0.76", "371879000"), (Value(cho), Normality(cho)));
    }

    [Fact]
    public void Create_ClinicalRatios_OwnNumsWithStandardCodeOrRatioToModifier()
    {
        var sr = MeasurementReportWriter.Create(Report(false), ReportSamplesSource());

        var naaCho = Assert.Single(Nums(sr, "113083"));
        Assert.Equal(("1.74", "371880002"), (Value(naaCho), Normality(naaCho)));
        // Cho/NAA has no code of its own: Choline, as a ratio to N-acetylaspartate.
        var choNaa = Assert.Single(Nums(sr, "65123005"));
        Assert.Equal(("{ratio}", "0.575", "371879000"), (Unit(choNaa), Value(choNaa), Normality(choNaa)));
        var modifier = choNaa.GetSequence(DicomTags.ContentSequence)!.Items[0];
        Assert.Equal(("RATIO_TO", "115391007"), (CodeValue(modifier, DicomTags.ConceptNameCodeSequence), CodeValue(modifier, DicomTags.ConceptCodeSequence)));
    }

    [Theory]
    [InlineData("i.u.", false, "[arb'U]")]
    [InlineData("mM (corrected, molal)", true, "mmol/kg")]
    [InlineData("mM (corrected, molar)", true, "mmol/L")]
    public void Create_ScalingUnit_ConcentrationNumsInThatUnit(string unit, bool corrected, string expected)
    {
        var report = Report(true) with { Scaling = new ConcentrationScaling { Unit = unit, Corrected = corrected, Description = "test" } };

        var sr = MeasurementReportWriter.Create(report, ReportSamplesSource());

        Assert.Equal(expected, Unit(Assert.Single(Nums(sr, "115391007"))));
    }

    [Fact]
    public void Create_QualityAndMethod_ItemsForEveryValueGivenAndTheScalingParameters()
    {
        var sr = MeasurementReportWriter.Create(Report(true), ReportSamplesSource());

        Assert.Equal("24.5", Value(Assert.Single(Nums(sr, "SNR"))));
        Assert.Equal("21", Value(Assert.Single(Nums(sr, "SNR_LCM"))));
        Assert.Equal(["0.052", "6.4"], Nums(sr, "FWHM").Select(Value));
        Assert.Equal("1024", Value(Assert.Single(Nums(sr, "TRANSIENTS"))));
        Assert.Equal("3", Value(Assert.Single(Nums(sr, "TRANS_REJECTED"))));
        Assert.Equal("1.25", Value(Assert.Single(Nums(sr, "FREQ_DRIFT"))));
        Assert.Empty(Nums(sr, "WATER_NAA")); // not measured: left out
        string[] texts = [.. AllItems(sr).Where(i => i.GetString(DicomTags.ValueType) == "TEXT").Select(i => $"{CodeValue(i, DicomTags.ConceptNameCodeSequence)}={i.GetString(DicomTags.TextValue)}")];
        Assert.Contains("PREPROC=Residual water removal (HLSVD): 25 components", texts);
        Assert.Contains("CONC_UNIT=i.u.", texts);
        Assert.Contains("SCALING_PARAM=ATTMET = 0.886", texts);
        Assert.Contains("SCALING_PARAM=WCONC = 55510", texts);
        Assert.Contains("NEURAL=out of domain: Lac above the training range", texts);
        Assert.Contains("CRLB_CALIB=CRLB understates the observed scatter 4–6× on simulated spectra", texts);
        Assert.Contains("121071=Lactate present: Lac/tCr 0.45", texts);
    }

    [Fact]
    public void Create_BasisProvenance_TextItemWithItsSummary()
    {
        var basis = new BasisProvenance { Source = BasisProvenance.FromManifest, Name = "ismrm2016-press-3t-te30", Sequence = "PRESS", EchoTimeMs = 30, FieldT = 2.895, FrequencyMHz = 123.26 };

        var sr = MeasurementReportWriter.Create(Report(true) with { Basis = basis }, ReportSamplesSource());

        var item = Assert.Single(AllItems(sr), i => CodeValue(i, DicomTags.ConceptNameCodeSequence) == "BASIS");
        Assert.Equal("TEXT", item.GetString(DicomTags.ValueType));
        Assert.Equal("manifest: ismrm2016-press-3t-te30, PRESS TE 30 ms", item.GetString(DicomTags.TextValue));
        Assert.DoesNotContain(AllItems(MeasurementReportWriter.Create(Report(true), ReportSamplesSource())), i => CodeValue(i, DicomTags.ConceptNameCodeSequence) == "BASIS");
    }

    [Fact]
    public void Create_SameInputsTwice_SameUidsAndDifferentInputsDifferentOnes()
    {
        var a = MeasurementReportWriter.Create(Report(true), ReportSamplesSource(), new DateTime(2026, 11, 21, 12, 30, 0));
        var b = MeasurementReportWriter.Create(Report(true), ReportSamplesSource(), new DateTime(2026, 11, 22, 8, 0, 0));
        var other = MeasurementReportWriter.Create(Report(true), ReportSamplesSource() with { SourceInstances = [(DicomUids.MRSpectroscopyStorage, "1.2.3.10.2")] });

        string[] Uids(DicomDataset ds) => [ds.GetString(DicomTags.SOPInstanceUID)!, ds.GetString(DicomTags.SeriesInstanceUID)!,
            AllItems(ds).Single(i => CodeValue(i, DicomTags.ConceptNameCodeSequence) == "112040").GetString(DicomTags.UID)!];
        Assert.Equal(Uids(a), Uids(b));
        Assert.Equal(OutputUids.For(ReportSamplesSource(), "sr", "MRSNode 0.1.0"), new OutputUids(Uids(a)[0], Uids(a)[1], Uids(a)[2]));
        Assert.Empty(Uids(a).Intersect(Uids(other)));
        Assert.Equal(3, Uids(a).Distinct().Count());
    }

    [Fact]
    public void Create_SourceWithStudyDescription_CopiedWithSeriesDateAndTime()
    {
        var sr = MeasurementReportWriter.Create(Report(false), ReportSamplesSource() with { StudyDescription = "MR Kopf" }, new DateTime(2026, 11, 21, 12, 30, 5));

        Assert.Equal("MR Kopf", sr.GetString(DicomTags.StudyDescription));
        Assert.Equal("20261121", sr.GetString(DicomTags.SeriesDate));
        Assert.Equal("123005.000000", sr.GetString(DicomTags.SeriesTime));
    }

    private static SourceIdentity ReportSamplesSource() => new()
    {
        StudyInstanceUid = "1.2.3",
        SourceSeriesInstanceUid = "1.2.3.10",
        SourceInstances = [(DicomUids.MRSpectroscopyStorage, "1.2.3.10.1")],
    };

    private static IEnumerable<DicomDataset> AllItems(DicomDataset ds) =>
        ds.GetSequence(DicomTags.ContentSequence)?.Items.SelectMany(i => AllItems(i).Prepend(i)) ?? [];

    [Fact]
    public void Create_WaterInItsOwnSeries_EvidenceListsEachInstanceUnderItsSeries()
    {
        var source = new SourceIdentity
        {
            StudyInstanceUid = "1.2.3",
            SourceSeriesInstanceUid = "1.2.3.10",
            SourceInstances = [(DicomUids.MRSpectroscopyStorage, "1.2.3.10.1"), (DicomUids.MRSpectroscopyStorage, "1.2.3.11.1")],
            SeriesOfInstance = new Dictionary<string, string> { ["1.2.3.11.1"] = "1.2.3.11" },
        };

        var sr = MeasurementReportWriter.Create(Report(false), source);

        var series = sr.GetSequence(DicomTags.CurrentRequestedProcedureEvidenceSequence)!.Items[0].GetSequence(DicomTags.ReferencedSeriesSequence)!.Items;
        Assert.Equal(2, series.Count);
        Assert.Equal(("1.2.3.10", "1.2.3.10.1"), (series[0].GetString(DicomTags.SeriesInstanceUID), series[0].GetSequence(DicomTags.ReferencedSOPSequence)!.Items[0].GetString(DicomTags.ReferencedSOPInstanceUID)));
        Assert.Equal(("1.2.3.11", "1.2.3.11.1"), (series[1].GetString(DicomTags.SeriesInstanceUID), series[1].GetSequence(DicomTags.ReferencedSOPSequence)!.Items[0].GetString(DicomTags.ReferencedSOPInstanceUID)));
    }
}
