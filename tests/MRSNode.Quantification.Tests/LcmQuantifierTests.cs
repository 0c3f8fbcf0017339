using MRSNode.Evaluation.Pathology;
using Xunit;
using MRSNode.TestSupport;

namespace MRSNode.Quantification.Tests;

[UnitTest]
public class LcmQuantifierTests
{
    [Fact]
    public void Quantify_CancelledToken_ThrowsOperationCanceled()
    {
        var acquisition = FitterTests.SyntheticAcquisition(0.01, 1);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        var thrown = Assert.ThrowsAny<OperationCanceledException>(() => LcmQuantifier.Quantify(acquisition, null, Fixtures.IsmrmBasis, cancellationToken: cancelled.Token));

        Assert.Equal(cancelled.Token, thrown.CancellationToken);
    }

    [Fact]
    public void Quantify_SyntheticSpectrum_ResultCarriesTheFitStatus()
    {
        var r = LcmQuantifier.Quantify(FitterTests.SyntheticAcquisition(0.01, 1), null, Fixtures.IsmrmBasis);

        Assert.Equal(r.Fit.Status, r.FitStatus);
        Assert.Contains(r.FitStatus, new[] { FitStatus.Converged, FitStatus.Stalled });
    }

    private static PathologyCase Case(string name) => PathologyCases.Standard.Single(c => c.Name == name);

    [Fact]
    public void Quantify_TumourLipidsWithoutLactate_FittedLipidRichWithTNaaRightAndNoLactate()
    {
        var pathology = Case("lipids-no-lac");
        var acquisition = new PathologySpectra(Fixtures.IsmrmBasis).Build(pathology, 200, 3);

        var r = LcmQuantifier.Quantify(acquisition, null, Fixtures.IsmrmBasis);

        Assert.Equal(SpectrumType.LipidRich, r.SpectrumType);
        Assert.InRange(r.LipidToCreatine, 5, 11); // simulated: 8 + 2.4 creatine areas at 1.31/0.91 ppm
        double trueRatio = pathology.Truth("tNAA") / pathology.Truth("tCr");
        // Measured 0.847 on this realisation (seed 3; worst 8–13 % off over the evaluation's realisations, docs/accuracy.md): the
        // lipid at 2.04 ppm under NAA is what is left; the normal-brain fit was further off (tNAA/tCr and every multiplet).
        Assert.InRange(r.Find("tNAA")!.RatioToTCr!.Value / trueRatio, 0.8, 1.2);
        Assert.InRange(r.Find("Lac")!.Amplitude, 0, 1);
        // Broad tumour lipids: the narrow lipid lines would only trade with lactate, so the fit is without them.
        Assert.DoesNotContain("Lip13n", r.Fit.Names);
    }

    [Fact]
    public void Quantify_ScalpFat_FittedWithTheNarrowLipidLinesAndTNaaRight()
    {
        var pathology = Case("scalp-lipid");
        var acquisition = new PathologySpectra(Fixtures.IsmrmBasis).Build(pathology, 200, 3);

        var r = LcmQuantifier.Quantify(acquisition, null, Fixtures.IsmrmBasis);

        Assert.Equal(SpectrumType.LipidRich, r.SpectrumType);
        Assert.Contains("Lip13n", r.Fit.Names);
        double trueRatio = pathology.Truth("tNAA") / pathology.Truth("tCr");
        Assert.InRange(r.Find("tNAA")!.RatioToTCr!.Value / trueRatio, 0.85, 1.15);
        Assert.InRange(r.Find("Lac")!.Amplitude, 0, 1);
    }

    [Fact]
    public void Quantify_HealthySpectrum_FittedAsBrainOnce()
    {
        var acquisition = new PathologySpectra(Fixtures.IsmrmBasis).Build(Case("healthy"), 200, 3);

        var auto = LcmQuantifier.Quantify(acquisition, null, Fixtures.IsmrmBasis);
        var brain = LcmQuantifier.Quantify(acquisition, null, Fixtures.IsmrmBasis, LcmOptions.Default with { SpectrumType = SpectrumType.Brain });

        Assert.Equal(SpectrumType.Brain, auto.SpectrumType);
        Assert.InRange(auto.LipidToCreatine, 0, 0.3);
        Assert.Equal(brain.Fit.Amplitudes, auto.Fit.Amplitudes);
    }
}
