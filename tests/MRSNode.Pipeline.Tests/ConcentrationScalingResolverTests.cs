using MRSNode.Pipeline.Composition;
using MRSNode.Quantification.Relaxation;
using MRSNode.Quantification.Results;
using MRSNode.Spectroscopy.Readers;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Pipeline.Tests;

/// <summary>
/// The real scans through the pipeline: the unit the report states, what is compared, and the issue-20 cases (the
/// healthy Philips volunteer TE 35 with its water reference, the clean Siemens TE 30 scan).
/// </summary>
[SlowTest]
public class ConcentrationScalingResolverTests
{
    private static QuantificationReport Philips(TissueFractions? tissue = null) =>
        ShippedConfig.Pipeline([new LcmMethod()]).Run(new QuantificationRequest
        {
            MetaboliteFiles = [TestData.Path("mrs/philips-sdat/sub-01_PRESS_35_act.sdat")],
            WaterFiles = [TestData.Path("mrs/philips-sdat/sub-01_PRESS_35_ref.sdat")],
            BasisFile = TestData.Path("basis/osprey-press3T-35ms-noMM.BASIS"),
            BasisManifest = ShippedConfig.Path("basis-sets/manifest.json"),
            Method = MethodSelection.Lcm,
            WaterScaling = WaterScalingSettings.LcModelDefaults with { Tissue = tissue, TissueSource = "test" },
        }).Report;

    [Fact]
    public void Run_HealthyPhilipsVolunteerWithoutTissueFractions_InstitutionalUnitsAndNothingLow()
    {
        var report = Philips();

        Assert.Equal("i.u.", report.Scaling!.Unit);
        Assert.False(report.Scaling.Corrected);
        Assert.Equal(35880, report.Scaling.Parameters["WCONC"]);
        Assert.Equal(0.7, report.Scaling.Parameters["ATTH2O"]);
        Assert.Equal(1.0, report.Scaling.Parameters["ATTMET"]);
        Assert.Equal(35, report.Scaling.Parameters["TEms"]);
        Assert.DoesNotContain(report.Metabolites, m => m.Flag == MetaboliteFlag.Low && m.Name is "tNAA" or "NAA" or "tCr" or "tCho");
        Assert.DoesNotContain(report.Metabolites, m => m.ReferenceRangeUnit is not null && m.ReferenceRangeUnit != "ratio to tCr");
        Assert.Empty(report.Findings!);
        Assert.All(report.Ratios!, r => Assert.Equal(MetaboliteFlag.Normal, r.Flag));
    }

    [Fact]
    public void Run_HealthyPhilipsVolunteerWithTissueFractions_CorrectedMillimolarInLiteratureRange()
    {
        var iu = Philips();
        var report = Philips(new TissueFractions(0.6, 0.3, 0.1));

        Assert.Equal("mM (corrected, molal)", report.Scaling!.Unit);
        Assert.True(report.Scaling.Corrected);
        Assert.Equal(0.1, report.Scaling.Parameters["fCSF"], 9);
        double factor = report.Scaling.Parameters["WCONC"] / report.Scaling.Parameters["ATTMET"] / (35880 * 0.7);
        double Tnaa(QuantificationReport r) => r.Metabolites.Single(m => m.Name == "tNAA").Concentration!.Value;
        Assert.Equal(Tnaa(iu) * factor, Tnaa(report), 6);
        // Healthy adult tNAA in corrected molal mM: 3.61–18.93 (the pooled range); tCr likewise 5.41–14.93.
        Assert.InRange(Tnaa(report), 10, 16);
        Assert.Equal(MetaboliteFlag.Normal, report.Metabolites.Single(m => m.Name == "tCr").Flag);
        Assert.Equal("mM (corrected)", report.Metabolites.Single(m => m.Name == "tCr").ReferenceRangeUnit);
    }

    [Fact]
    public void Run_CleanSiemensScan_ReliableMinorsNotFlaggedRangesFor3TShortTe()
    {
        var report = ShippedConfig.Pipeline([new LcmMethod()]).Run(new QuantificationRequest
        {
            MetaboliteFiles = [TestData.Path("dicom/siemens-csa-svs30.ima")],
            BasisManifest = ShippedConfig.Path("basis-sets/manifest.json"),
            Method = MethodSelection.Lcm,
        }).Report;

        Assert.Equal(StudyVerdict.Reliable, report.Verdict);
        Assert.Null(report.Scaling); // no water reference: ratios only
        Assert.Empty(report.Findings!);
        Assert.All(report.Metabolites.Where(m => m.Name is "Asp" or "GABA"), m => Assert.Equal(MetaboliteFlag.NotAssessed, m.Flag));
        Assert.Equal([0.024, 0.424], report.Metabolites.Single(m => m.Name == "tCho").ReferenceRange!);
        Assert.StartsWith("CRLB is a lower bound", report.CrlbCalibration, StringComparison.Ordinal);
    }
}
