using System.Numerics;
using MRSNode.Spectroscopy;
using MRSNode.Spectroscopy.Readers;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.SpinSimulation.Tests;

[UnitTest]
public class AcquisitionProtocolTests
{
    private static MrsAcquisition Acquisition(double mhz = 127.750896, double? te = 35, string? technique = "PRESS", string nucleus = "1H", int points = 2048, double width = 2000, string manufacturer = "Philips", double? mixingTimeMs = null) =>
        new(new Complex[points], points)
        {
            SpectralWidthHz = width,
            TransmitterFrequencyMHz = mhz,
            EchoTimeMs = te,
            Nucleus = nucleus,
            Localization = new Localization { Technique = technique, MixingTimeMs = mixingTimeMs },
            Provenance = new Provenance { SourceFormat = "test", Manufacturer = manufacturer },
        };

    private static MrsAcquisition RealMetabolite(string relative) =>
        MrsFormats.Default.Read(TestData.Path(relative)).First(a => a.Role == AcquisitionRole.Metabolite);

    [Fact]
    public void For_PhilipsPressTe35_PressWithPhilipsSplitOnA4096By4000Grid()
    {
        var result = AcquisitionProtocol.For(Acquisition());

        Assert.Null(result.Refusal);
        var r = result.Request!;
        Assert.Equal(127.75, r.FrequencyMHz);
        Assert.Equal(LocalizationSequence.Press, r.Sequence);
        Assert.Equal(35, r.EchoTimeMs);
        Assert.Equal(16.3, r.Te1Ms);
        Assert.Equal(18.7, r.Te2Ms!.Value, 9);
        Assert.Null(r.MixingTimeMs);
        Assert.Equal(4096, r.Points);
        Assert.Equal(4000, r.SpectralWidthHz);
        Assert.Equal(AcquisitionProtocol.DefaultMetabolites, r.Metabolites);
        Assert.DoesNotContain("2HG", r.Metabolites!);
        Assert.Contains("assumed 16.3/18.7 ms", Assert.Single(result.Assumptions), StringComparison.Ordinal);
    }

    [Fact]
    public void For_SevenTeslaSteamWide_CoversTheDataAndDefaultMixingTime()
    {
        var result = AcquisitionProtocol.For(Acquisition(297.219948, 11, "STEAM", points: 4096, width: 6000));

        var r = result.Request!;
        Assert.Equal(LocalizationSequence.Steam, r.Sequence);
        Assert.Equal(32, r.MixingTimeMs);
        Assert.Null(r.Te1Ms);
        Assert.Equal(6000, r.SpectralWidthHz);
        Assert.Equal(4096, r.Points);
        Assert.Contains("mixing time", Assert.Single(result.Assumptions), StringComparison.Ordinal);
    }

    [Fact]
    public void For_SteamWithStatedMixingTime_UsedWithoutAssumption()
    {
        var result = AcquisitionProtocol.For(Acquisition(297.2, 11, "STEAM", mixingTimeMs: 27));

        Assert.Equal(27, result.Request!.MixingTimeMs);
        Assert.Empty(result.Assumptions);
    }

    [Fact]
    public void For_LongAcquisition_MorePoints()
    {
        Assert.Equal(8192, AcquisitionProtocol.For(Acquisition(points: 8192, width: 4000)).Request!.Points);
    }

    [Fact]
    public void For_ManifestTiming_ReplacesTheDefaultsAndIsNoAssumption()
    {
        var result = AcquisitionProtocol.For(Acquisition(), new BasisSimulationOverride { Te1Ms = 13, Points = 2048 });

        var r = result.Request!;
        Assert.Equal(13, r.Te1Ms);
        Assert.Equal(22, r.Te2Ms);
        Assert.Equal(2048, r.Points);
        Assert.Empty(result.Assumptions);
    }

    [Theory]
    [InlineData("Philips", 35, 16.3, 18.7)]
    [InlineData("SIEMENS", 30, 16.4, 13.6)]
    [InlineData("GE MEDICAL SYSTEMS", 35, 14.7, 20.3)]
    [InlineData("ACME", 30, 11, 19)]
    [InlineData("Philips", 20, 7.3, 12.7)]
    public void For_PressSplit_VendorTe1OrTheIsmrmSplit(string manufacturer, double te, double te1, double te2)
    {
        var r = AcquisitionProtocol.For(Acquisition(te: te, manufacturer: manufacturer)).Request!;

        Assert.Equal(te1, r.Te1Ms!.Value, 9);
        Assert.Equal(te2, r.Te2Ms!.Value, 9);
    }

    [Theory]
    [InlineData("sLASER", LocalizationSequence.SemiLaser)]
    [InlineData("semi-LASER", LocalizationSequence.SemiLaser)]
    [InlineData("LASER", LocalizationSequence.SemiLaser)]
    [InlineData("SPECIAL", LocalizationSequence.Special)]
    [InlineData("steam", LocalizationSequence.Steam)]
    [InlineData("svs_st", LocalizationSequence.Steam)]
    [InlineData("*svs_se", LocalizationSequence.Press)]
    [InlineData("PRIME", LocalizationSequence.Press)]
    public void Sequence_TechniqueNames_Family(string technique, LocalizationSequence expected)
    {
        Assert.Equal(expected, AcquisitionProtocol.Sequence(technique));
    }

    [Theory]
    [InlineData(123.2, null, "PRESS", "1H", "echo time")]
    [InlineData(123.2, 30.0, null, "1H", "localisation sequence")]
    [InlineData(123.2, 30.0, "CSI_FID", "1H", "'CSI_FID'")]
    [InlineData(123.2, 30.0, "MEGA-PRESS", "1H", "'MEGA-PRESS'")]
    [InlineData(49.9, 30.0, "PRESS", "31P", "31P")]
    public void For_CannotBeSimulated_RefusalSaysWhy(double mhz, double? te, string? technique, string nucleus, string expected)
    {
        var result = AcquisitionProtocol.For(Acquisition(mhz, te, technique, nucleus));

        Assert.Null(result.Request);
        Assert.Contains(expected, result.Refusal);
    }

    [Fact]
    public void For_ManifestAsksShapedPulsesForSemiLaser_ShapedRequestWithItsPositions()
    {
        var result = AcquisitionProtocol.For(Acquisition(297.2, 30, "sLASER"), new BasisSimulationOverride { Pulses = "shaped", SpatialPoints = 4 });

        Assert.Null(result.Refusal);
        Assert.Equal(LocalizationSequence.SemiLaser, result.Request!.Sequence);
        Assert.Equal(PulseModel.Shaped, result.Request.Pulses);
        Assert.Equal(4, result.Request.SpatialPoints);
    }

    [Theory]
    [InlineData("PRESS", "shaped", 8, "shaped pulses, which the simulator models for sLASER only, not PRESS")]
    [InlineData("sLASER", "adiabatic", 8, "the manifest's pulses 'adiabatic' is neither 'ideal' nor 'shaped'")]
    [InlineData("sLASER", "shaped", 0, "the manifest asks for 0 spatial points per slice direction")]
    public void For_ManifestPulsesItCannotHonour_RefusalSaysWhy(string technique, string pulses, int points, string expected)
    {
        var result = AcquisitionProtocol.For(Acquisition(technique: technique), new BasisSimulationOverride { Pulses = pulses, SpatialPoints = points });

        Assert.Null(result.Request);
        Assert.Contains(expected, result.Refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void For_ManifestIdealPulses_SameRequestAsNoOverride()
    {
        var ideal = AcquisitionProtocol.For(Acquisition(technique: "sLASER"), new BasisSimulationOverride { Pulses = "ideal" });

        Assert.Equal(AcquisitionProtocol.For(Acquisition(technique: "sLASER")).Request, ideal.Request);
        Assert.Equal(PulseModel.Ideal, ideal.Request!.Pulses);
    }

    [Fact]
    public void For_ManifestTimingNotAddingUpToTe_Refused()
    {
        var result = AcquisitionProtocol.For(Acquisition(), new BasisSimulationOverride { Te1Ms = 13, Te2Ms = 13 });

        Assert.Contains("does not make the data's TE 35 ms", result.Refusal);
    }

    [Fact]
    public void For_Philips15TPrimeDicom_PressAt63MHzWithAssumedPhilipsSplit()
    {
        var result = AcquisitionProtocol.For(RealMetabolite("dicom/philips-mrs-2frame.dcm"));

        var r = result.Request!;
        Assert.Equal(LocalizationSequence.Press, r.Sequence);
        Assert.Equal(63.9, r.FrequencyMHz);
        Assert.Equal(31.9, r.EchoTimeMs);
        Assert.Equal(16.3, r.Te1Ms);
        Assert.Equal(15.6, r.Te2Ms);
        // 1024 points at 1000 Hz last 1.024 s: 4096 points at 4000 Hz hold them.
        Assert.Equal(4000, r.SpectralWidthHz);
        Assert.Equal(4096, r.Points);
        Assert.Contains("Philips", Assert.Single(result.Assumptions), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("mrs/philips-sdat/sub-01_PRESS_35_act.sdat")]
    [InlineData("mrs/philips-sdat/sub-02_PRESS_35_act.sdat")]
    public void For_PhilipsSdatTe35_PressAt127MHzTe1Of16Point3(string relative)
    {
        var result = AcquisitionProtocol.For(RealMetabolite(relative));

        var r = result.Request!;
        Assert.Equal(LocalizationSequence.Press, r.Sequence);
        Assert.Equal(127.75, r.FrequencyMHz);
        Assert.Equal(35, r.EchoTimeMs);
        Assert.Equal(16.3, r.Te1Ms!.Value, 9);
        Assert.Equal(18.7, r.Te2Ms!.Value, 9);
        Assert.Single(result.Assumptions);
    }

    [Fact]
    public void For_SiemensXa60At7T_SvsSeIsPressWithSiemensSplit()
    {
        var result = AcquisitionProtocol.For(RealMetabolite("dicom/siemens-xa60-7t-averaged.dcm"));

        var r = result.Request!;
        Assert.Equal(LocalizationSequence.Press, r.Sequence);
        Assert.Equal(297.15, r.FrequencyMHz);
        Assert.Equal(30, r.EchoTimeMs);
        Assert.Equal(16.4, r.Te1Ms);
        Assert.Equal(13.6, r.Te2Ms);
        Assert.Contains("Siemens", Assert.Single(result.Assumptions), StringComparison.Ordinal);
    }

    [Fact]
    public void For_NiftiMrs7TSteam_SteamWithAssumedMixingTimeAndTheFilesBand()
    {
        var acquisition = RealMetabolite("mrs/nifti/metab.nii.gz");

        var result = AcquisitionProtocol.For(acquisition);

        var r = result.Request!;
        Assert.Null(acquisition.Localization.MixingTimeMs);
        Assert.Equal(LocalizationSequence.Steam, r.Sequence);
        Assert.Equal(297.22, r.FrequencyMHz);
        Assert.Equal(11, r.EchoTimeMs);
        Assert.Equal(AcquisitionProtocol.DefaultMixingTimeMs, r.MixingTimeMs);
        Assert.Null(r.Te1Ms);
        // 12 005 Hz over 4095 points: the basis covers the file's band and duration.
        Assert.Equal(12005, r.SpectralWidthHz);
        Assert.Equal(4096, r.Points);
        Assert.Contains("mixing time", Assert.Single(result.Assumptions), StringComparison.Ordinal);
    }

    [Fact]
    public void For_NoTechniqueButSiemensSequenceName_Press()
    {
        var a = Acquisition(technique: null, manufacturer: "SIEMENS");
        var named = new MrsAcquisition(a.Data, a.Points)
        {
            SpectralWidthHz = a.SpectralWidthHz,
            TransmitterFrequencyMHz = a.TransmitterFrequencyMHz,
            EchoTimeMs = 30,
            Provenance = a.Provenance with { SequenceName = "*svs_se" },
        };

        Assert.Equal(LocalizationSequence.Press, AcquisitionProtocol.For(named).Request!.Sequence);
    }
}
