using MRSNode.Evaluation.Pathology;
using MRSNode.Spectroscopy;
using MRSNode.Spectroscopy.Processing;
using MRSNode.Spectroscopy.Readers;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Evaluation.Tests.Pathology;

[UnitTest]
public class PathologySpectraTests
{
    private static readonly Lazy<BasisSet> _basis = new(() => LcModelBasisReader.Read(TestData.Path("mrs/ismrm2016/press3T_30ms.BASIS")));

    private static PathologyCase Case(string name) => PathologyCases.Standard.Single(c => c.Name == name);

    [Fact]
    public void Build_SameSeed_SameSpectrum()
    {
        var spectra = new PathologySpectra(_basis.Value);

        Assert.Equal(spectra.Build(Case("tumour-lipids"), 30, 5).Data, spectra.Build(Case("tumour-lipids"), 30, 5).Data);
        Assert.NotEqual(spectra.Build(Case("tumour-lipids"), 30, 5).Data, spectra.Build(Case("tumour-lipids"), 30, 6).Data);
    }

    /// <summary>The SD of the real part of what the noise added (the same seed at infinite SNR is the noise-free spectrum).</summary>
    private static double NoiseSd(PathologySpectra spectra, string name, int seed)
    {
        var noisy = spectra.Build(Case(name), 30, seed).AverageTransients().Data;
        var clean = spectra.Build(Case(name), double.PositiveInfinity, seed).AverageTransients().Data;
        var noise = noisy.Zip(clean, (a, b) => (a - b).Real).ToList();
        return FidMath.Sd(noise);
    }

    [Fact]
    public void Build_LowNaa_NoiseOfTheHealthySpectrumAtThatSnr()
    {
        var spectra = new PathologySpectra(_basis.Value);

        // The same noise whatever the case's NAA: SNR is that of the healthy voxel.
        Assert.Equal(1, NoiseSd(spectra, "low-naa", 5) / NoiseSd(spectra, "healthy", 5), 1e-9);
    }

    [Fact]
    public void Build_BadTransients_ThirtyTwoTransientsWhoseAverageHasTheRequestedNoise()
    {
        var spectra = new PathologySpectra(_basis.Value);

        var transients = spectra.Build(Case("bad-transients"), 30, 5);

        Assert.Equal(32, transients.Averages);
        Assert.Equal(32, transients.AcquiredAverages);
        Assert.Equal(1, NoiseSd(spectra, "bad-transients", 5) / NoiseSd(spectra, "healthy", 5), 0.05);
    }
}
