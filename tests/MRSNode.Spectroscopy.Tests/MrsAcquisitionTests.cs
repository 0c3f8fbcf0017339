using System.Numerics;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Spectroscopy.Tests;

[UnitTest]
public class MrsAcquisitionTests
{
    private static MrsAcquisition Make(Complex[] data, int points, int averages, int coils, int voxels) =>
        new(data, points, averages, coils, voxels)
        {
            SpectralWidthHz = 2000,
            TransmitterFrequencyMHz = 297.154513,
            Provenance = new Provenance { SourceFormat = "test" },
        };

    [Fact]
    public void Constructor_DataNotFillingShape_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => Make(new Complex[10], 4, 2, 1, 1));

        Assert.Contains("10 samples do not fill 1 voxel(s) × 2 average(s) × 1 coil(s) × 4 points", ex.Message);
    }

    [Fact]
    public void Fid_IndexesVoxelAverageCoil()
    {
        var data = Enumerable.Range(0, 2 * 3 * 2 * 4).Select(i => new Complex(i, 0)).ToArray();
        var a = Make(data, points: 4, averages: 3, coils: 2, voxels: 2);

        Assert.Equal(new Complex(((1 * 3 + 2) * 2 + 1) * 4, 0), a.Fid(voxel: 1, average: 2, coil: 1)[0]);
        Assert.Equal(4, a.Fid(1, 2, 1).Length);
    }

    [Fact]
    public void AverageTransients_MeanPerVoxelAndCoil_KeepsParameters()
    {
        var data = new Complex[] { 1, 2, 3, 4, 5, 6 }; // 3 averages × 2 points
        var a = Make(data, points: 2, averages: 3, coils: 1, voxels: 1);

        var mean = a.AverageTransients();

        Assert.Equal(new Complex[] { 3, 4 }, mean.Data);
        Assert.Equal(1, mean.Averages);
        Assert.Equal(2000, mean.SpectralWidthHz);
    }

    [Theory]
    [InlineData(123.2617, "1H", 2.895)]
    [InlineData(297.154513, "1H", 6.979)]
    [InlineData(49.9, "31P", 2.895)]
    public void FieldStrengthTesla_FromFrequencyAndNucleus(double mhz, string nucleus, double tesla)
    {
        var b = new MrsAcquisition(new Complex[1], 1) { SpectralWidthHz = 1, TransmitterFrequencyMHz = mhz, Nucleus = nucleus, Provenance = new Provenance { SourceFormat = "test" } };

        Assert.Equal(tesla, b.FieldStrengthTesla, tolerance: 0.002);
    }

    [Theory]
    [InlineData("H1", "1H")]
    [InlineData("1h", "1H")]
    [InlineData("P31", "31P")]
    [InlineData(" 13C ", "13C")]
    public void Normalize_NucleusSpellings(string input, string expected) => Assert.Equal(expected, Nuclei.Normalize(input));
}
