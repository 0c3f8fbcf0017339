using MRSNode.Spectroscopy;
using MRSNode.Spectroscopy.Readers;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.SpinSimulation.Tests;

[UnitTest]
public class AcquisitionProtocolTests
{
    private static MrsAcquisition Metabolite(string relative) =>
        MrsFormats.Default.Read(TestData.Path(relative)).First(a => a.Role == AcquisitionRole.Metabolite);

    [Fact]
    public void From_Philips15TPrimeDicom_PressAt63MHzWithAssumedPhilipsSplit()
    {
        var protocol = AcquisitionProtocol.From(Metabolite("dicom/philips-mrs-2frame.dcm"));

        var r = protocol.Request;
        Assert.Equal(LocalizationSequence.Press, r.Sequence);
        Assert.Equal(63.89575, r.FrequencyMHz, 5);
        Assert.Equal(31.914, r.EchoTimeMs, 3);
        Assert.Equal(16.3, r.Te1Ms!.Value, 3);
        Assert.Equal(15.614, r.Te2Ms!.Value, 3);
        Assert.Equal(4000, r.SpectralWidthHz, 6);
        Assert.Equal(4096, r.Points);
        Assert.Contains("assumed 16.3/15.61 ms", Assert.Single(protocol.Assumptions), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("mrs/philips-sdat/sub-01_PRESS_35_act.sdat")]
    [InlineData("mrs/philips-sdat/sub-02_PRESS_35_act.sdat")]
    public void From_PhilipsSdatTe35_PressAt127MHzTe1Of16Point3(string relative)
    {
        var protocol = AcquisitionProtocol.From(Metabolite(relative));

        var r = protocol.Request;
        Assert.Equal(LocalizationSequence.Press, r.Sequence);
        Assert.Equal(127.75, r.FrequencyMHz, 2);
        Assert.Equal(35, r.EchoTimeMs, 6);
        Assert.Equal(16.3, r.Te1Ms!.Value, 6);
        Assert.Equal(18.7, r.Te2Ms!.Value, 6);
        Assert.Single(protocol.Assumptions);
    }

    [Fact]
    public void From_SiemensXa60At7T_SvsSeIsPressWithSiemensSplit()
    {
        var protocol = AcquisitionProtocol.From(Metabolite("dicom/siemens-xa60-7t-averaged.dcm"));

        var r = protocol.Request;
        Assert.Equal(LocalizationSequence.Press, r.Sequence);
        Assert.Equal(297.154513, r.FrequencyMHz, 5);
        Assert.Equal(30, r.EchoTimeMs, 6);
        Assert.Equal(16.4, r.Te1Ms!.Value, 6);
        Assert.Equal(13.6, r.Te2Ms!.Value, 6);
        Assert.Contains("Siemens", Assert.Single(protocol.Assumptions), StringComparison.Ordinal);
    }

    [Fact]
    public void From_NiftiMrs7TSteam_SteamWithAssumedMixingTimeAndTheFilesBand()
    {
        var acquisition = Metabolite("mrs/nifti/metab.nii.gz");

        var protocol = AcquisitionProtocol.From(acquisition);

        var r = protocol.Request;
        Assert.Null(acquisition.Localization.MixingTimeMs);
        Assert.Equal(LocalizationSequence.Steam, r.Sequence);
        Assert.Equal(297.219948, r.FrequencyMHz, 5);
        Assert.Equal(11, r.EchoTimeMs, 6);
        Assert.Equal(AcquisitionProtocol.DefaultMixingTimeMs, r.MixingTimeMs);
        Assert.Null(r.Te1Ms);
        // 12 005 Hz over 4095 points: the basis covers the file's band and duration.
        Assert.Equal(acquisition.SpectralWidthHz, r.SpectralWidthHz, 6);
        Assert.Equal(4096, r.Points);
        Assert.Contains("mixing time", Assert.Single(protocol.Assumptions), StringComparison.Ordinal);
    }

    [Fact]
    public void From_StatedMixingTime_UsedWithoutAssumption()
    {
        var steam = Synthetic("STEAM", "SIEMENS", 20);
        var stated = Copy(steam, new Localization { Technique = "STEAM", MixingTimeMs = 27 });

        var protocol = AcquisitionProtocol.From(stated);

        Assert.Equal(27, protocol.Request.MixingTimeMs);
        Assert.Empty(protocol.Assumptions);
    }

    [Theory]
    [InlineData("PRESS", "ACME", 30, 15, 15)]
    [InlineData("PRESS", "GE MEDICAL SYSTEMS", 35, 14.7, 20.3)]
    [InlineData("PRESS", "Philips", 20, 10, 10)]
    public void From_PressSplit_VendorDefaultOrHalves(string technique, string manufacturer, double te, double te1, double te2)
    {
        var r = AcquisitionProtocol.From(Synthetic(technique, manufacturer, te)).Request;

        Assert.Equal(te1, r.Te1Ms!.Value, 6);
        Assert.Equal(te2, r.Te2Ms!.Value, 6);
    }

    [Theory]
    [InlineData("sLASER", LocalizationSequence.SemiLaser)]
    [InlineData("SPECIAL", LocalizationSequence.Special)]
    [InlineData("svs_st", LocalizationSequence.Steam)]
    [InlineData("PRIME", LocalizationSequence.Press)]
    public void From_TechniqueName_MapsToSequenceFamily(string technique, LocalizationSequence expected) =>
        Assert.Equal(expected, AcquisitionProtocol.From(Synthetic(technique, "Siemens", 30)).Request.Sequence);

    [Fact]
    public void From_NoRecognisedSequence_ThrowsBasisSetSelectionWithTheNames()
    {
        var ex = Assert.Throws<BasisSetSelectionException>(() => AcquisitionProtocol.From(Synthetic("FID", "Siemens", 30)));

        Assert.Contains("technique 'FID'", ex.Message, StringComparison.Ordinal);
    }

    private static MrsAcquisition Synthetic(string technique, string manufacturer, double te) =>
        new(new System.Numerics.Complex[2048], 2048)
        {
            SpectralWidthHz = 2000,
            TransmitterFrequencyMHz = 123.2,
            EchoTimeMs = te,
            Localization = new Localization { Technique = technique },
            Provenance = new Provenance { SourceFormat = "test", Manufacturer = manufacturer },
        };

    private static MrsAcquisition Copy(MrsAcquisition a, Localization localization) =>
        new(a.Data, a.Points)
        {
            SpectralWidthHz = a.SpectralWidthHz,
            TransmitterFrequencyMHz = a.TransmitterFrequencyMHz,
            EchoTimeMs = a.EchoTimeMs,
            Localization = localization,
            Provenance = a.Provenance,
        };
}
