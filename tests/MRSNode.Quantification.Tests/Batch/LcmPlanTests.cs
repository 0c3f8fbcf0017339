using System.Numerics;
using MRSNode.Spectroscopy;
using MRSNode.TestSupport;
using Xunit;
using Xunit.Abstractions;

namespace MRSNode.Quantification.Tests.Batch;

/// <summary>
/// The plan's choice of model: one lineshape for all, or tNAA its own when the data free the baseline (or always, when
/// asked); LCModel's lipid components kept only where the brain fit detects lipid.
/// </summary>
[UnitTest]
public class LcmPlanTests(ITestOutputHelper output)
{
    [Fact]
    public void Quantify_SpectrumTheBasisExplains_OneLineshapeForAll()
    {
        var r = LcmQuantifier.Quantify(FitterTests.SyntheticAcquisition(0.05, 3), null, Fixtures.IsmrmBasis);

        Assert.False(r.OwnNaaLineshape);
        Assert.Empty(r.Fit.GroupNames);
        Assert.Equal(FitOptions.Default.BaselineStiffness, r.Fit.BaselineStiffness);
    }

    [Fact]
    public void Quantify_OwnNaaLineshapeAlways_TNaaGetsItsOwnNearTheCommonOne()
    {
        var options = LcmOptions.Default with { Fit = FitOptions.Default with { OwnNaaLineshape = OwnNaaLineshape.Always } };

        var r = LcmQuantifier.Quantify(FitterTests.SyntheticAcquisition(0.05, 3), null, Fixtures.IsmrmBasis, options);

        output.WriteLine($"tNAA shift {r.Fit.GroupShiftsHz[0]:F3} Hz, damping {r.Fit.GroupDampingsHz[0]:F3} Hz");
        Assert.True(r.OwnNaaLineshape);
        Assert.Equal(["tNAA"], r.Fit.GroupNames);
        // The synthetic spectrum has one lineshape for all: tNAA's own stays within a prior SD of it.
        Assert.InRange(r.Fit.GroupDampingsHz[0], -0.15, 0.15);
        Assert.InRange(r.Fit.GroupShiftsHz[0], -0.5, 0.5);
    }

    [Fact]
    public void Quantify_LcModel63RegressionCase_OneLineshapeForAll()
    {
        // Its baseline stays stiff (residual within the misfit allowance), so the fit that matches LCModel's table stays.
        var r = LcmQuantifier.Quantify(Fixtures.LcModelData(), null, Fixtures.ThreeTBasis);

        Assert.False(r.OwnNaaLineshape);
    }

    [Fact]
    public void Quantify_InVivoSpectrumThatFreesTheBaseline_RefittedWithTNaasOwnNarrowerLine()
    {
        var r = LcmQuantifier.Quantify(Fixtures.PhilipsTe35(), null, Fixtures.OspreyTe35Basis());

        output.WriteLine($"stiffness {r.Fit.BaselineStiffness}, groups {string.Join(",", r.Fit.GroupNames)}, damping {r.Fit.GroupDampingsHz[0]:F3} Hz");
        Assert.True(r.OwnNaaLineshape);
        Assert.Equal(["tNAA"], r.Fit.GroupNames);
        // NAA's line narrower than the common one (its T2 is the longest), within five prior SDs (0.15 Hz).
        Assert.InRange(r.Fit.GroupDampingsHz[0], -5 * 0.15 - 1e-9, -0.05);
    }

    [Fact]
    public void Quantify_RefinementSwitchedOff_KeepsTheCommonLineshapeAndItsFlexibleBaseline()
    {
        var options = LcmOptions.Default with { Fit = FitOptions.Default with { OwnNaaLineshape = OwnNaaLineshape.Never } };

        var r = LcmQuantifier.Quantify(Fixtures.PhilipsTe35(), null, Fixtures.OspreyTe35Basis(), options);

        Assert.False(r.OwnNaaLineshape);
        Assert.Empty(r.Fit.GroupNames);
        Assert.True(r.Fit.BaselineStiffness < FitOptions.Default.BaselineStiffness);
    }

    [Fact]
    public void Quantify_LipidFreeSpectra_LipidsDroppedAndLactateNotGivenToLip13b()
    {
        var always = LcmOptions.Default with { Fit = FitOptions.Default with { LipidsOnlyWhenDetected = false } };
        double errorWhenDetected = 0, errorAlways = 0;
        const int Spectra = 6;
        for (int seed = 0; seed < Spectra; seed++)
        {
            var acquisition = FitterTests.SyntheticAcquisition(0.05, 300 + seed);
            var r = LcmQuantifier.Quantify(acquisition, null, Fixtures.IsmrmBasis);
            var withLipids = LcmQuantifier.Quantify(acquisition, null, Fixtures.IsmrmBasis, always);
            output.WriteLine($"seed {seed}: Lac {r.Find("Lac")!.Amplitude:F3} (lipids always fitted {withLipids.Find("Lac")!.Amplitude:F3}), lipids fitted {r.LipidsFitted}");

            Assert.False(r.LipidsFitted);
            Assert.DoesNotContain(r.Metabolites, m => m.Name.StartsWith("Lip", StringComparison.Ordinal));
            Assert.Contains(r.Metabolites, m => m.Name == "MM20");
            Assert.True(withLipids.LipidsFitted);
            errorWhenDetected += Math.Abs(r.Find("Lac")!.Amplitude - FitterTests.TrueAmplitude("Lac"));
            errorAlways += Math.Abs(withLipids.Find("Lac")!.Amplitude - FitterTests.TrueAmplitude("Lac"));
        }
        output.WriteLine($"mean |Lac error| {errorWhenDetected / Spectra:F3}, lipids always fitted {errorAlways / Spectra:F3}");
        Assert.True(errorWhenDetected < 0.75 * errorAlways);
    }

    [Theory]
    [InlineData(1.31, 0.15)]
    [InlineData(1.30, 0.30)]
    [InlineData(1.31, 0.50)]
    public void Quantify_BrainSpectrumWithModerateLipidOff128Ppm_LactateFlaggedAsConfoundedByLipid(double ppm, double timesCreatine)
    {
        // A broad Voigt lipid below the lipid-rich threshold (1 × creatine), off the brain model's 1.28 ppm: the brain
        // fit reads it as lactate (measured 2.1–3.1 mM against 0.8); the fit with lipid lines free to move does not.
        var r = LcmQuantifier.Quantify(Fixtures.Acquisition(WithLipid(FitterTests.SyntheticFid(0.05, 400), ppm, timesCreatine)), null, Fixtures.IsmrmBasis);

        output.WriteLine($"type {r.SpectrumType}, lipids fitted {r.LipidsFitted}, Lac {r.Find("Lac")!.Amplitude:F3} (CRLB {r.Find("Lac")!.CrlbPercent:F0} %), kept with free lipids {r.LactateWithFreeLipids:F2}");
        Assert.Equal(SpectrumType.Brain, r.SpectrumType);
        Assert.True(r.Find("Lac")!.Amplitude > FitterTests.TrueAmplitude("Lac") + 1);
        Assert.True(r.LactateConfoundedByLipid);
    }

    [Fact]
    public void Quantify_RaisedLactateWithoutLipid_LactateSurvivesTheFreeLipidCheck()
    {
        var r = LcmQuantifier.Quantify(Fixtures.Acquisition(FitterTests.SyntheticFid(0.05, 401, lactate: 6)), null, Fixtures.IsmrmBasis);

        output.WriteLine($"Lac {r.Find("Lac")!.Amplitude:F3}, kept with free lipids {r.LactateWithFreeLipids:F2}");
        Assert.Equal(6, r.Find("Lac")!.Amplitude, 0.6);
        Assert.InRange(r.LactateWithFreeLipids!.Value, 0.8, 1.2);
        Assert.False(r.LactateConfoundedByLipid);
    }

    [Fact]
    public void Quantify_CheckSwitchedOff_LactateNotChecked()
    {
        var options = LcmOptions.Default with { Fit = FitOptions.Default with { CheckLactateAgainstLipids = false } };

        var r = LcmQuantifier.Quantify(Fixtures.Acquisition(WithLipid(FitterTests.SyntheticFid(0.05, 400), 1.31, 0.5)), null, Fixtures.IsmrmBasis, options);

        Assert.Null(r.LactateWithFreeLipids);
        Assert.False(r.LactateConfoundedByLipid);
    }

    /// <summary>
    /// The synthetic spectrum plus a Voigt lipid line (Gaussian and Lorentzian 0.12 ppm) of <paramref name="timesCreatine"/>
    /// × the creatine area, with the metabolites' shift (3 Hz) and phase (0.6 rad).
    /// </summary>
    private static Complex[] WithLipid(Complex[] fid, double ppm, double timesCreatine)
    {
        var axis = FitterTests.SyntheticAxis;
        var basis = BasisResampler.Resample(Fixtures.IsmrmBasis, axis);
        double creatineArea = FitterTests.TrueAmplitude("Cr") * basis.Find("Cr")!.Fid[0].Magnitude + FitterTests.TrueAmplitude("PCr") * basis.Find("PCr")!.Fid[0].Magnitude;
        var lipid = MacromoleculeLibrary.Fid(new ParametricComponent("fat", [new GaussianLine(ppm, 0.12, 1, 0.12)]), axis, timesCreatine * creatineArea);
        return fid.Select((z, i) => z + lipid[i] * Complex.FromPolarCoordinates(1, 2 * Math.PI * 3 * i / axis.SpectralWidthHz + 0.6)).ToArray();
    }

    [Theory]
    [InlineData(OwnNaaLineshape.Always, 0.05, true)]
    [InlineData(OwnNaaLineshape.WhereMisfit, 0.05, false)] // the residual is noise
    [InlineData(OwnNaaLineshape.WhereMisfit, 0.0005, true)] // the residual is the lipid model's misfit
    [InlineData(OwnNaaLineshape.Never, 0.0005, false)]
    public void Quantify_LipidRichSpectrum_TNaasOwnLineshapeWhereTheResidualIsMoreThanNoise(OwnNaaLineshape choice, double noiseSd, bool expected)
    {
        var options = LcmOptions.Default with { Fit = FitOptions.Default with { OwnNaaLineshape = choice } };

        var r = LcmQuantifier.Quantify(Fixtures.Acquisition(WithLipid(FitterTests.SyntheticFid(noiseSd, 400), 1.31, 3)), null, Fixtures.IsmrmBasis, options);

        output.WriteLine($"type {r.SpectrumType}, groups {string.Join(",", r.Fit.GroupNames)}, residual SD {r.Fit.ResidualSd:G3}, noise SD {r.Quality.NoiseSd:G3}");
        Assert.Equal(SpectrumType.LipidRich, r.SpectrumType);
        Assert.Equal(expected, r.OwnNaaLineshape);
        Assert.Equal(expected, r.Fit.GroupNames.Contains("tNAA"));
    }

    [Fact]
    public void Quantify_InVivoWithoutMeasuredMm_KeepsItsDetectedLipids()
    {
        // The Osprey basis has no measured MM: the fitted 1.3 ppm lipids stand for the volunteer's MM and are detected.
        var r = LcmQuantifier.Quantify(Fixtures.PhilipsTe35(), null, Fixtures.OspreyTe35Basis());

        Assert.True(r.LipidsFitted);
        Assert.Contains(r.Metabolites, m => m.Name == "Lip13a");
    }
}
