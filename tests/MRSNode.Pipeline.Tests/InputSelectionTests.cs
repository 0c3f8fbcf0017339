using MRSNode.Spectroscopy;
using MRSNode.Spectroscopy.Readers;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Pipeline.Tests;

[UnitTest]
public class InputSelectionTests
{
    private static string Manifest => Path.Combine(TestData.Root, "..", "..", "config", "basis-sets", "manifest.json");

    [Fact]
    public void Select_PhilipsTwoFrameObject_WaterFoundBesideMetabolite()
    {
        var request = new QuantificationRequest { MetaboliteFiles = [TestData.Path("dicom/philips-mrs-2frame.dcm")] };

        var inputs = InputSelection.Select(request, MrsFormats.Default);

        Assert.Equal(AcquisitionRole.Metabolite, inputs.Metabolite.Role);
        Assert.Equal(AcquisitionRole.WaterReference, inputs.Water!.Role);
        Assert.Equal("DICOM MR Spectroscopy", inputs.Format);
    }

    [Fact]
    public void Select_SeparateWaterFile_Used()
    {
        var request = new QuantificationRequest
        {
            MetaboliteFiles = [TestData.Path("mrs/philips-sdat/sub-01_PRESS_35_act.spar")],
            WaterFiles = [TestData.Path("mrs/philips-sdat/sub-01_PRESS_35_ref.spar")],
        };

        var inputs = InputSelection.Select(request, MrsFormats.Default);

        Assert.Equal(AcquisitionRole.WaterReference, inputs.Water!.Role);
        Assert.Equal(2048, inputs.Water.Points);
    }

    [Fact]
    public void Select_WaterFileHoldsMetabolites_Refused()
    {
        var request = new QuantificationRequest
        {
            MetaboliteFiles = [TestData.Path("mrs/philips-sdat/sub-01_PRESS_35_act.spar")],
            WaterFiles = [TestData.Path("mrs/philips-sdat/sub-02_PRESS_35_act.spar")],
        };

        var ex = Assert.Throws<QuantificationException>(() => InputSelection.Select(request, MrsFormats.Default));

        Assert.Equal("sub-02_PRESS_35_act.spar is not a water reference: its spectrum is dominated by metabolites (role Metabolite)", ex.Message);
    }

    [Fact]
    public void Select_WaterFromAnotherField_Refused()
    {
        var request = new QuantificationRequest
        {
            MetaboliteFiles = [TestData.Path("dicom/siemens-csa-svs30.ima")],
            WaterFiles = [TestData.Path("mrs/nifti/wref_raw.nii.gz")],
        };

        var ex = Assert.Throws<QuantificationException>(() => InputSelection.Select(request, MrsFormats.Default));

        Assert.Contains("the water reference was acquired at 297.220 MHz, the metabolite data at 123.235 MHz", ex.Message);
    }

    [Fact]
    public void Basis_FromManifestFor3TTe30_IsmrmBasis()
    {
        var request = new QuantificationRequest { MetaboliteFiles = [TestData.Path("dicom/siemens-xa60-svs.dcm")], BasisManifest = Manifest };
        var inputs = InputSelection.Select(request, MrsFormats.Default);

        var (basis, path) = InputSelection.Basis(request, inputs.Metabolite);

        Assert.EndsWith("press3T_30ms.BASIS", path);
        Assert.NotNull(basis.Find("NAA"));
    }

    [Fact]
    public void Basis_ExplicitBasisForAnotherField_Refused()
    {
        var request = new QuantificationRequest
        {
            MetaboliteFiles = [TestData.Path("dicom/siemens-xa60-7t-averaged.dcm")],
            BasisFile = TestData.Path("mrs/ismrm2016/press3T_30ms.BASIS"),
        };
        var inputs = InputSelection.Select(request, MrsFormats.Default);

        var ex = Assert.Throws<QuantificationException>(() => InputSelection.Basis(request, inputs.Metabolite));

        Assert.Equal("basis set press3T_30ms.BASIS was made for 123.26 MHz; the data are at 297.15 MHz", ex.Message);
    }

    [Fact]
    public void Basis_NoBasisNoManifest_SaysWhatToPass()
    {
        var request = new QuantificationRequest { MetaboliteFiles = [TestData.Path("dicom/siemens-xa60-svs.dcm")] };
        var inputs = InputSelection.Select(request, MrsFormats.Default);

        var ex = Assert.Throws<QuantificationException>(() => InputSelection.Basis(request, inputs.Metabolite));

        Assert.Contains("pass --basis FILE", ex.Message);
    }
}
