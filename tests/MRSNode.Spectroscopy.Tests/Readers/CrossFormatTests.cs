using MRSNode.Spectroscopy.Readers;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Spectroscopy.Tests.Readers;

/// <summary>
/// spec2nii's test FID in five files (pre-standard NIfTI + JSON, LCModel .RAW, plain text, jMRUI text): each
/// reader's normalisation must give the same FID (the files disagree on conjugation as stored).
/// </summary>
[UnitTest]
public class CrossFormatTests
{
    private const double Sw = 1 / 8.3333e-5;
    private const double Mhz = 297.219948;

    private static MrsAcquisition Nifti() => Assert.Single(new NiftiMrsReader().Read(TestData.Path("mrs/spec2nii/metab.nii"), MrsReadOptions.Default));

    public static TheoryData<string> Others() => ["raw+json", "raw+options", "text", "jmrui"];

    private static MrsAcquisition ReadOther(string which)
    {
        switch (which)
        {
            case "raw+json":
                return Assert.Single(new LcModelRawReader().Read(TestData.Path("mrs/spec2nii/metab.RAW"), MrsReadOptions.Default));
            case "raw+options":
                var dir = SpectrumCheck.CopyToTemp("mrs/spec2nii/metab.RAW");
                return Assert.Single(new LcModelRawReader().Read(Path.Combine(dir, "metab.RAW"), MrsReadOptions.Default with { SpectralWidthHz = Sw }));
            case "text":
                return Assert.Single(new PlainTextReader().Read(TestData.Path("mrs/spec2nii/metab.txt"), MrsReadOptions.Default with { SpectralWidthHz = Sw, FrequencyMHz = Mhz }));
            default:
                return Assert.Single(new JmruiTextReader().Read(TestData.Path("mrs/spec2nii/metab_jmrui.txt"), MrsReadOptions.Default));
        }
    }

    [Theory]
    [MemberData(nameof(Others))]
    public void Read_Spec2niiFid_SameAfterNormalisation(string which)
    {
        var reference = Nifti();
        var other = ReadOther(which);

        Assert.Equal(reference.Points, other.Points);
        Assert.True(SpectrumCheck.RelativeDifference(reference.Data, other.Data) <= 1e-5,
            $"{which}: max |a−b|/max|a| = {SpectrumCheck.RelativeDifference(reference.Data, other.Data):G3}");
        Assert.Equal(reference.TransmitterFrequencyMHz, other.TransmitterFrequencyMHz, 6);
        // jMRUI's SamplingInterval is 0.0833 ms (0.04 % off the 83.333 µs of the JSON).
        Assert.Equal(reference.SpectralWidthHz, other.SpectralWidthHz, which == "jmrui" ? 5.0 : 1e-6);
        Assert.Equal(reference.ReferencePpm, other.ReferencePpm);
        Assert.Equal(AcquisitionRole.Metabolite, other.Role);
        Assert.InRange(SpectrumCheck.AssertPeak(other, 2.01), 1.98, 2.02);
    }
}
