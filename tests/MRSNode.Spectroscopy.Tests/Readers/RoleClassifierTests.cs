using MRSNode.Spectroscopy.Readers;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Spectroscopy.Tests.Readers;

[UnitTest]
public class RoleClassifierTests
{
    [Theory]
    [InlineData("svs_se_30_ref", AcquisitionRole.WaterReference)]
    [InlineData("PRESS_wref", AcquisitionRole.WaterReference)]
    [InlineData("svs_se_30_water", AcquisitionRole.WaterReference)]
    [InlineData("WaterRef TE30", AcquisitionRole.WaterReference)]
    [InlineData("sub-01_PRESS_35_act", AcquisitionRole.Metabolite)]
    [InlineData("svs_se_30_prefrontal", AcquisitionRole.Unknown)]
    [InlineData("MRS-shortTE-LN", AcquisitionRole.Unknown)]
    [InlineData("svs_se_ave", AcquisitionRole.Unknown)]
    [InlineData("", AcquisitionRole.Unknown)]
    public void FromHeaderText_Tokens_Role(string text, AcquisitionRole expected)
    {
        Assert.Equal(expected, RoleClassifier.FromHeaderText(text, null));
    }

    [Theory]
    [InlineData(2.0, AcquisitionRole.Unknown, AcquisitionRole.Metabolite)]
    [InlineData(190, AcquisitionRole.WaterReference, AcquisitionRole.Metabolite)] // content decides
    [InlineData(1300, AcquisitionRole.Metabolite, AcquisitionRole.WaterReference)] // content decides
    [InlineData(300, AcquisitionRole.WaterReference, AcquisitionRole.WaterReference)] // ambiguous: the hint
    [InlineData(800, AcquisitionRole.Metabolite, AcquisitionRole.Metabolite)]
    [InlineData(300, AcquisitionRole.Unknown, AcquisitionRole.Metabolite)]
    [InlineData(800, AcquisitionRole.Unknown, AcquisitionRole.WaterReference)]
    [InlineData(double.NaN, AcquisitionRole.WaterReference, AcquisitionRole.WaterReference)]
    [InlineData(double.NaN, AcquisitionRole.Unknown, AcquisitionRole.Unknown)]
    public void Classify_DominanceAndHint_Role(double dominance, AcquisitionRole hint, AcquisitionRole expected)
    {
        Assert.Equal(expected, RoleClassifier.Classify(dominance, hint));
    }

    /// <summary>The measured water dominance of every test spectrum, on the right side of the decisive bands.</summary>
    [Theory]
    [InlineData("dicom/siemens-xa60-svs.dcm", 0, 50, 120)]
    [InlineData("dicom/philips-mrs-2frame.dcm", 0, 1, 5)]
    [InlineData("dicom/philips-mrs-2frame.dcm", 1, 1500, 2500)]
    [InlineData("dicom/siemens-xa60-7t-averaged.dcm", 0, 100, 200)]
    [InlineData("dicom/siemens-csa-svs30.ima", 0, 40, 100)]
    public void WaterDominance_TestSpectra_InExpectedBand(string relative, int index, double low, double high)
    {
        var path = TestData.Path(relative);
        var list = relative.EndsWith(".ima", StringComparison.Ordinal)
            ? new SiemensCsaReader().Read(path, MrsReadOptions.Default)
            : new DicomMrsReader().Read(path, MrsReadOptions.Default);
        var a = list[index];
        double d = RoleClassifier.WaterDominance(a.Fid(), a.Axis);
        Assert.InRange(d, low, high);
    }

    [Fact]
    public void WaterDominance_WindowMissesWater_NaN()
    {
        var a = new DicomMrsReader().Read(TestData.Path("dicom/siemens-xa60-svs.dcm"), MrsReadOptions.Default)[0];
        var shifted = new SpectralAxis(a.Points, a.SpectralWidthHz, a.TransmitterFrequencyMHz, 20.0);
        Assert.True(double.IsNaN(RoleClassifier.WaterDominance(a.Fid(), shifted)));
    }
}
