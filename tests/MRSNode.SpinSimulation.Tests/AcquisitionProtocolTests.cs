using System.Numerics;
using MRSNode.Spectroscopy;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.SpinSimulation.Tests;

[UnitTest]
public class AcquisitionProtocolTests
{
    private static MrsAcquisition Acquisition(double mhz = 127.750896, double? te = 35, string? technique = "PRESS", string nucleus = "1H", int points = 2048, double width = 2000) =>
        new(new Complex[points], points)
        {
            SpectralWidthHz = width,
            TransmitterFrequencyMHz = mhz,
            EchoTimeMs = te,
            Nucleus = nucleus,
            Localization = new Localization { Technique = technique },
            Provenance = new Provenance { SourceFormat = "test", Manufacturer = "Philips" },
        };

    [Fact]
    public void For_PhilipsPressTe35_PressWithIsmrmSplitOnA4096By4000Grid()
    {
        var result = AcquisitionProtocol.For(Acquisition());

        Assert.Null(result.Refusal);
        var r = result.Request!;
        Assert.Equal(127.75, r.FrequencyMHz);
        Assert.Equal(LocalizationSequence.Press, r.Sequence);
        Assert.Equal(35, r.EchoTimeMs);
        Assert.Equal(12.8, r.Te1Ms);
        Assert.Equal(22.2, r.Te2Ms!.Value, 9);
        Assert.Null(r.MixingTimeMs);
        Assert.Equal(4096, r.Points);
        Assert.Equal(4000, r.SpectralWidthHz);
        Assert.Null(r.Metabolites);
    }

    [Fact]
    public void For_SevenTeslaSteamWide_CoversTheDataAndDefaultMixingTime()
    {
        var r = AcquisitionProtocol.For(Acquisition(297.219948, 11, "STEAM", points: 4096, width: 6000)).Request!;

        Assert.Equal(LocalizationSequence.Steam, r.Sequence);
        Assert.Equal(10, r.MixingTimeMs);
        Assert.Null(r.Te1Ms);
        Assert.Equal(6000, r.SpectralWidthHz);
        Assert.Equal(4096, r.Points);
    }

    [Fact]
    public void For_LongAcquisition_MorePoints()
    {
        Assert.Equal(8192, AcquisitionProtocol.For(Acquisition(points: 8192, width: 4000)).Request!.Points);
    }

    [Fact]
    public void For_ManifestTiming_ReplacesTheDefaults()
    {
        var r = AcquisitionProtocol.For(Acquisition(), new BasisSimulationOverride { Te1Ms = 13, Points = 2048 }).Request!;

        Assert.Equal(13, r.Te1Ms);
        Assert.Equal(22, r.Te2Ms);
        Assert.Equal(2048, r.Points);
    }

    [Theory]
    [InlineData("sLASER", LocalizationSequence.SemiLaser)]
    [InlineData("semi-LASER", LocalizationSequence.SemiLaser)]
    [InlineData("LASER", LocalizationSequence.SemiLaser)]
    [InlineData("SPECIAL", LocalizationSequence.Special)]
    [InlineData("steam", LocalizationSequence.Steam)]
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
    public void For_ManifestTimingNotAddingUpToTe_Refused()
    {
        var result = AcquisitionProtocol.For(Acquisition(), new BasisSimulationOverride { Te1Ms = 13, Te2Ms = 13 });

        Assert.Contains("does not make the data's TE 35 ms", result.Refusal);
    }
}
