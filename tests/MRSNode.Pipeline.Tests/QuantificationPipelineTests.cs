using MRSNode.Quantification;
using MRSNode.Quantification.Neural.Serialization;
using MRSNode.Quantification.Results;
using MRSNode.Reporting.Confidence;
using MRSNode.Spectroscopy;
using MRSNode.Spectroscopy.Classification;
using MRSNode.Spectroscopy.Readers;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Pipeline.Tests;

[SlowTest]
public class QuantificationPipelineTests
{
    /// <summary>A method with fixed answers, to test the orchestration alone.</summary>
    private sealed class FixedMethod(MethodKind kind, double choRatio, string? caution = null) : IQuantificationMethod
    {
        public MethodKind Kind => kind;
        public int Calls { get; private set; }

        public MethodOutput Quantify(MrsAcquisition metabolite, MrsAcquisition? water, BasisSet basis, WaterScalingSettings scaling, CancellationToken cancellationToken)
        {
            Calls++;
            MetaboliteEstimate[] estimates = [new("tNAA", 1, 1.5, null, 3, true), new("tCr", 1, 1.0, null, 3, true), new("tCho", 1, choRatio, null, 5, true), new("Ins", 1, 0.6, null, 6, false), new("Glx", 1, 1.3, null, 8, true)];
            var result = new MethodResult { Method = kind, Version = "test", Estimates = estimates.Select(e => new MethodEstimate { Name = e.Name, Amplitude = e.Amplitude, RatioToTCr = e.RatioToTCr, CrlbPercent = e.CrlbPercent }).ToList() };
            var qc = new QualityResult { Snr = 40, SnrDefinition = "NAA peak / noise SD", FwhmPpm = 0.05, FwhmHz = 6.2, FitResidualRelative = 0.04, FrequencyOffsetHz = 0.5 };
            return new MethodOutput(result, estimates, qc) { Cautions = caution is null ? [] : [caution] };
        }
    }

    /// <summary>A neural method with fixed answers and a model card (validated for 3 T TE 0–40 ms on the test basis, or not).</summary>
    private sealed class CardedNeural(double choRatio, bool validated) : IQuantificationMethod, IModelCardSource
    {
        private readonly FixedMethod _answers = new(MethodKind.Neural, choRatio);

        public MethodKind Kind => MethodKind.Neural;

        public MethodOutput Quantify(MrsAcquisition metabolite, MrsAcquisition? water, BasisSet basis, WaterScalingSettings scaling, CancellationToken cancellationToken) =>
            _answers.Quantify(metabolite, water, basis, scaling, cancellationToken);

        public ModelCard? Card(BasisSet basis) => new()
        {
            Name = "fixed",
            Kind = "qnet",
            BasisFile = "press3T_30ms.BASIS",
            BasisSha256 = "",
            Names = [],
            Groups = [],
            Acquisition = new AcquisitionCard(123.2, 2.9, 30, "PRESS"),
            Grid = new GridCard(123.2, 4.65, 1024, 16, 0.2, 4.2),
            Validity = new ModelValidityCard { Validated = validated, ValidatedFor = [new ValidatedAcquisitionCard { FieldTesla = 2.9, EchoTimeMinMs = 0, EchoTimeMaxMs = 40, BasisFile = "press3T_30ms.BASIS" }] },
            Domain = new TrainingDomainCard { RatioToTCr = new Dictionary<string, double[]> { ["tCho"] = [0.1, 0.4] }, Snr = [5, 1000], LipidToTCrMax = 0 },
        };
    }

    private static QuantificationPipeline Pipeline(params IQuantificationMethod[] methods) => ShippedConfig.Pipeline(methods);

    private static QuantificationRequest Request(MethodSelection method) => new()
    {
        MetaboliteFiles = [TestData.Path("dicom/siemens-xa60-svs.dcm")],
        BasisManifest = ShippedConfig.Path("basis-sets/manifest.json"),
        Method = method,
    };

    [Fact]
    public void Run_LcmWithoutWater_ReportSaysRatiosOnly()
    {
        var lcm = new FixedMethod(MethodKind.Lcm, 0.25);

        var outcome = Pipeline(lcm).Run(Request(MethodSelection.Lcm));

        Assert.Equal(1, lcm.Calls);
        Assert.Equal(StudyVerdict.Reliable, outcome.Report.Verdict);
        Assert.Contains("no water reference: concentrations are not given, ratios to tCr only", outcome.Report.Reasons);
        Assert.Equal("siemens-xa60-svs.dcm", outcome.Report.Input.MetaboliteFile);
        Assert.Equal("press3T_30ms.BASIS", outcome.Report.Input.BasisSet);
        Assert.Equal(80, outcome.Report.Input.Averages);
        Assert.Equal(MetaboliteFlag.Normal, outcome.Report.Metabolites.Single(m => m.Name == "tNAA").Flag);
        Assert.NotNull(outcome.Report.Lcm);
        Assert.Null(outcome.Report.Neural);
    }

    [Fact]
    public void Run_ManifestMissWithCache_ResultsJsonRecordsTheSimulatedBasis()
    {
        var (cache, simulator) = IsmrmBasisSimulator.NewCache();
        var request = Request(MethodSelection.Lcm) with { MetaboliteFiles = [TestData.Path("mrs/philips-sdat/sub-01_PRESS_35_act.spar")] };

        var outcome = ShippedConfig.Pipeline([new FixedMethod(MethodKind.Lcm, 0.25)], cache).Run(request);

        Assert.Equal(1, simulator.Calls);
        var basis = outcome.Report.Basis!;
        Assert.Equal("simulated", basis.Source);
        Assert.Equal("PRESS", basis.Sequence);
        Assert.Equal(35, basis.EchoTimeMs);
        Assert.Equal(basis.CacheKey + ".BASIS", outcome.Report.Input.BasisSet);
        var json = System.Text.Json.JsonDocument.Parse(outcome.Report.ToJson()).RootElement.GetProperty("basis");
        Assert.Equal("simulated", json.GetProperty("source").GetString());
        Assert.Equal(16.3, json.GetProperty("te1Ms").GetDouble());
        Assert.Contains(outcome.Report.Reasons, r => r.StartsWith("PRESS TE1/TE2 not stated in the header: assumed 16.3/18.7 ms", StringComparison.Ordinal));
        Assert.Equal(basis.CacheKey, json.GetProperty("cacheKey").GetString());
        Assert.Equal(basis.CacheKey, QuantificationReport.FromJson(outcome.Report.ToJson()).Basis!.CacheKey);
    }

    [Fact]
    public void Run_ManifestMatch_ResultsJsonSaysManifest()
    {
        var outcome = Pipeline(new FixedMethod(MethodKind.Lcm, 0.25)).Run(Request(MethodSelection.Lcm));

        Assert.Equal("manifest", outcome.Report.Basis!.Source);
        Assert.Equal("ismrm2016-press-3t-te30", outcome.Report.Basis.Name);
    }

    [Theory]
    [InlineData(LineshapeFreedom.PerMetabolite, 1)]
    [InlineData(LineshapeFreedom.Global, 0)]
    public void Run_LcmWithLineshapeSeed_AsksForItOnlyWithPerComponentLineshapes(LineshapeFreedom freedom, int expectedCalls)
    {
        int calls = 0;
        string? basisSeen = null;
        var lcm = new LcmMethod(LcmOptions.Default with { Fit = FitOptions.Default with { Freedom = freedom } }, (acquisition, basis) =>
        {
            calls++;
            basisSeen = Path.GetFileName(basis.Source);
            return new LineshapeStart(new Dictionary<string, (double, double)> { ["NAA"] = (0.5, 0.2), ["Cr"] = (-0.5, -0.2) }, 4, 3);
        });

        var outcome = Pipeline(lcm).Run(Request(MethodSelection.Lcm));

        Assert.Equal(expectedCalls, calls);
        Assert.Equal(expectedCalls == 1 ? "press3T_30ms.BASIS" : null, basisSeen);
        Assert.Equal(MethodKind.Lcm, outcome.Report.Lcm!.Method);
    }

    [Fact]
    public void Run_MethodWithACaution_ReasonGivenAndReliableBecomesReview()
    {
        const string Caution = "lactate at 1.31 ppm under these lipids is less certain than elsewhere";

        var outcome = Pipeline(new FixedMethod(MethodKind.Lcm, 0.25, Caution)).Run(Request(MethodSelection.Lcm));

        Assert.Equal(StudyVerdict.Review, outcome.Report.Verdict); // the same answers without the caution: reliable (above)
        Assert.Contains(Caution, outcome.Report.Reasons);
    }

    [Fact]
    public void Run_BothWithOnlyLcmInstalled_SaysNeuralIsMissing()
    {
        var outcome = Pipeline(new FixedMethod(MethodKind.Lcm, 0.25)).Run(Request(MethodSelection.Both));

        Assert.Contains("the neural method is not available in this build: results come from lcm alone", outcome.Report.Reasons);
    }

    [Fact]
    public void Run_BothDisagreeOnCholineNeuralWithoutCard_AdvisoryOnlyNothingChanges()
    {
        var outcome = Pipeline(new FixedMethod(MethodKind.Lcm, 0.25), new FixedMethod(MethodKind.Neural, 0.12)).Run(Request(MethodSelection.Both));

        Assert.Equal(StudyVerdict.Reliable, outcome.Report.Verdict);
        Assert.Equal(MetaboliteFlag.Normal, outcome.Report.Metabolites.Single(m => m.Name == "tCho").Flag);
        Assert.Equal((NeuralAdvisor.NotValidated, false), (outcome.Report.NeuralAdvisory!.Status, outcome.Report.NeuralAdvisory.MayLowerConfidence));
        Assert.NotNull(outcome.Report.Neural);
        Assert.NotNull(outcome.Secondary);
    }

    [Theory]
    [InlineData(true, NeuralAdvisor.InDomainValidated, StudyVerdict.Review, MetaboliteFlag.Unreliable)]
    [InlineData(false, NeuralAdvisor.NotValidated, StudyVerdict.Reliable, MetaboliteFlag.Normal)]
    public void Run_BothDisagreeOnCholine_OnlyAValidatedInDomainModelLowersConfidence(bool validated, string status, StudyVerdict verdict, MetaboliteFlag choline)
    {
        var outcome = Pipeline(new FixedMethod(MethodKind.Lcm, 0.25), new CardedNeural(0.12, validated)).Run(Request(MethodSelection.Both));

        Assert.Equal(status, outcome.Report.NeuralAdvisory!.Status);
        Assert.Equal(verdict, outcome.Report.Verdict);
        Assert.Equal(choline, outcome.Report.Metabolites.Single(m => m.Name == "tCho").Flag);
    }

    [Fact]
    public void Run_BothValidatedButCholineOutsideTheTrainedRange_OutOfDomainNothingChanges()
    {
        var outcome = Pipeline(new FixedMethod(MethodKind.Lcm, 0.75), new CardedNeural(0.3, validated: true)).Run(Request(MethodSelection.Both));

        Assert.Equal(NeuralAdvisor.OutOfDomain, outcome.Report.NeuralAdvisory!.Status);
        Assert.Contains("tCho/tCr 0.75, trained 0.1–0.4", outcome.Report.NeuralAdvisory.Explanation, StringComparison.Ordinal);
        Assert.NotEqual(MetaboliteFlag.Unreliable, outcome.Report.Metabolites.Single(m => m.Name == "tCho").Flag);
    }

    [Fact]
    public void Run_NeuralOnlyNotInstalled_ClearError()
    {
        var ex = Assert.Throws<QuantificationException>(() => Pipeline(new FixedMethod(MethodKind.Lcm, 0.25)).Run(Request(MethodSelection.Neural)));

        Assert.Equal("the neural method is not available in this build", ex.Message);
    }

    [Fact]
    public void Run_SevenTeslaExportWithoutBasis_NoBasisError()
    {
        var request = Request(MethodSelection.Lcm) with
        {
            MetaboliteFiles = Directory.GetFiles(TestData.Path("dicom/xa60-7t-single-averages"), "*.dcm").Order(StringComparer.Ordinal).ToList(),
            BasisFile = null,
            BasisManifest = null,
        };
        var lcm = new FixedMethod(MethodKind.Lcm, 0.25);

        var ex = Assert.Throws<QuantificationException>(() => Pipeline(lcm).Run(request));

        Assert.Contains("no basis set", ex.Message); // 7 T: the shipped manifest has none, and none was given
    }

    private const string EditedTail = "MRSNode quantifies unedited ¹H spectra only; edited GABA/GSH spectra need a dedicated analysis (e.g. Gannet/Osprey); no values are given";

    public static TheoryData<string, string> UnsupportedNifti() => new()
    {
        { "mrsi", "this is an MR spectroscopic imaging (multi-voxel, 2×2×1) acquisition whose file does not state where its voxels lie: MRSNode maps MRSI only with known voxel positions; no values are given" },
        { "mega", "this is an edited (MEGA-PRESS) acquisition: " + EditedTail },
        { "multi-echo", "this is a multi-echo acquisition (TE 30, 144 ms): MRSNode quantifies unedited ¹H spectra only, at one echo time; no values are given" },
    };

    [Theory]
    [MemberData(nameof(UnsupportedNifti))]
    public void Run_UnsupportedNiftiMrs_RefusedBeforeAnyFitWithReason(string kind, string reason)
    {
        var lcm = new FixedMethod(MethodKind.Lcm, 0.25);
        var request = Request(MethodSelection.Lcm) with { MetaboliteFiles = [UnsupportedAcquisitions.Nifti(kind, TestData.NewTempFolder())] };

        var ex = Assert.Throws<UnsupportedAcquisitionException>(() => Pipeline(lcm).Run(request));

        Assert.Equal(reason, ex.Message);
        Assert.Equal(0, lcm.Calls);
    }

    [Fact]
    public void Run_InterleavedOnOffDynamicsWithoutHeader_RefusedAsEdited()
    {
        var lcm = new FixedMethod(MethodKind.Lcm, 0.25);
        var request = Request(MethodSelection.Lcm) with { MetaboliteFiles = [UnsupportedAcquisitions.Nifti("interleaved", TestData.NewTempFolder())] };

        var ex = Assert.Throws<UnsupportedAcquisitionException>(() => Pipeline(lcm).Run(request));

        Assert.Equal(AcquisitionKind.Edited, ex.Classification.Kind);
        Assert.StartsWith("this looks like an edited acquisition (odd and even transients differ ", ex.Message, StringComparison.Ordinal);
        Assert.EndsWith(EditedTail, ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, lcm.Calls);
    }

    [Fact]
    public void Run_DicomNamedMegaPress_RefusedAsEdited()
    {
        var lcm = new FixedMethod(MethodKind.Lcm, 0.25);
        var request = Request(MethodSelection.Lcm) with { MetaboliteFiles = [UnsupportedAcquisitions.MegaPressDicom(TestData.NewTempFolder())] };

        var ex = Assert.Throws<UnsupportedAcquisitionException>(() => Pipeline(lcm).Run(request));

        Assert.Equal(EditingScheme.Mega, ex.Classification.Editing);
        Assert.Equal("this is an edited (MEGA-PRESS) acquisition: " + EditedTail, ex.Message);
        Assert.Equal(0, lcm.Calls);
    }

    [Fact]
    public void Run_PhosphorusNifti_RefusedByTheReader()
    {
        var request = Request(MethodSelection.Lcm) with { MetaboliteFiles = [UnsupportedAcquisitions.Nifti("31P", TestData.NewTempFolder())] };

        var ex = Assert.Throws<MrsReadException>(() => Pipeline(new FixedMethod(MethodKind.Lcm, 0.25)).Run(request));

        Assert.EndsWith("the nucleus is '31P', not 1H: MRSNode quantifies proton (1H) spectra only.", ex.Message, StringComparison.Ordinal);
    }
}
