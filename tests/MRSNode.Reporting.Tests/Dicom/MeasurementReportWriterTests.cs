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
        Input = new InputSummary { MetaboliteFile = "siemens-xa60-svs.dcm", BasisSet = "press3T_30ms.BASIS", Points = 1024, SpectralWidthHz = 1199.9, FrequencyMHz = 123.255 },
        Metabolites =
        [
            new MetaboliteResult { Name = "NAA", RatioToTCr = 1.32, Concentration = withConcentrations ? 10.1 : null, CrlbPercent = 3, Flag = MetaboliteFlag.Normal, FlagReason = "1.32 is within the reference range 0.974–1.798 (ratio to tCr)" },
            new MetaboliteResult { Name = "tCho", RatioToTCr = 1.4, Concentration = withConcentrations ? 9.9 : null, CrlbPercent = 6, Flag = MetaboliteFlag.High, IsPool = true },
            new MetaboliteResult { Name = "GABA", RatioToTCr = 0.3, CrlbPercent = 80, Flag = MetaboliteFlag.Unreliable, FlagReason = "CRLB 80 % is above 50 %" },
            new MetaboliteResult { Name = "Lac", RatioToTCr = 0, CrlbPercent = 999, Flag = MetaboliteFlag.NotDetected },
        ],
        Qc = new QualityResult { Snr = 24.5, SnrDefinition = "NAA / noise SD", FwhmPpm = 0.052, FwhmHz = 6.4 },
        Verdict = StudyVerdict.Review,
        Reasons = ["tCho is high", "GABA is unreliable: CRLB 80 % is above 50 %"],
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
        Assert.Contains("<contains NUM:(,,\"N-acetylaspartate\")=\"1.32\" ({ratio},UCUM,\"ratio\")>", r.StdOut);
        Assert.Contains("<contains NUM:(,,\"N-acetylaspartate\")=\"10.1\" (mmol/L,UCUM,\"millimole per liter\")>", r.StdOut);
        Assert.Contains("<has properties CODE:(,,\"Normality\")=(371879000,SCT,\"Abnormally high\")>", r.StdOut);
        Assert.Contains("<has properties NUM:(,,\"Cramer-Rao lower bound\")=\"80\" (%,UCUM,\"percent\")>", r.StdOut);
        Assert.Contains("<contains TEXT:(,,\"Reliability verdict\")=\"review\">", r.StdOut);
        Assert.Contains("<contains TEXT:(,,\"Reason\")=\"tCho is high\">", r.StdOut);
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
