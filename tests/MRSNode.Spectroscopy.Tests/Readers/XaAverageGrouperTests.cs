using System.Numerics;
using MRSNode.Spectroscopy.Readers;
using MRSNode.TestSupport;
using Xunit;
using Xunit.Abstractions;

namespace MRSNode.Spectroscopy.Tests.Readers;

[UnitTest]
public class XaAverageGrouperTests(ITestOutputHelper output)
{
    private static readonly Lazy<List<MrsAcquisition>> _singles = new(() =>
        Directory.GetFiles(TestData.Path("dicom/xa60-7t-single-averages"), "*.dcm")
            .OrderByDescending(p => p, StringComparer.Ordinal) // reversed on purpose: the grouper orders by Instance Number
            .SelectMany(p => new DicomMrsReader().Read(p, MrsReadOptions.Default))
            .ToList());

    [Fact]
    public void Read_SingleAverageFiles_OneAverageEachAsManifest()
    {
        Assert.Equal(64, _singles.Value.Count);
        Assert.All(_singles.Value, a =>
        {
            Assert.Equal(1024, a.Points);
            Assert.Equal(2000.0, a.SpectralWidthHz, 0.01);
            Assert.Equal(297.154513, a.TransmitterFrequencyMHz, 1e-5);
            Assert.Equal(30, a.EchoTimeMs!.Value, 1e-9);
            Assert.Equal(1, a.AcquiredAverages);
            Assert.Equal(AcquisitionRole.Metabolite, a.Role);
            Assert.Equal("svs_se_ave", a.Provenance.SeriesDescription);
        });
    }

    [Fact]
    public void Group_64SingleAverages_OneAcquisitionWith64Averages()
    {
        var a = Assert.Single(XaAverageGrouper.Group(_singles.Value));
        Assert.Equal(64, a.Averages);
        Assert.Equal(64, a.AcquiredAverages);
        Assert.Equal(1024, a.Points);
        Assert.Equal(2000.0, a.SpectralWidthHz, 0.01);
        Assert.Equal(297.154513, a.TransmitterFrequencyMHz, 1e-5);
        Assert.Equal(30, a.EchoTimeMs!.Value, 1e-9);
        Assert.Equal(4000, a.RepetitionTimeMs!.Value, 1e-9);
        Assert.Equal(AcquisitionRole.Metabolite, a.Role);
        Assert.Equal(64, a.Provenance.SopInstanceUids.Distinct().Count());
        var byInstance = _singles.Value.OrderBy(s => s.Provenance.InstanceNumber).ToList();
        Assert.Equal(byInstance.Select(s => s.Provenance.SopInstanceUids[0]), a.Provenance.SopInstanceUids);
        Assert.Equal(1, a.Provenance.InstanceNumber);
        // Average k is the file with Instance Number k + 1.
        Assert.True(byInstance[10].Fid().SequenceEqual(a.Fid(0, 10)));
    }

    /// <summary>
    /// The scanner's averaged series equals the mean of the 64 single averages up to a gain: the
    /// least-squares complex scale is 0.9988 and leaves a relative residual below 1e-4 (1.2e-3 without it).
    /// </summary>
    [Fact]
    public void Group_MeanOf64_EqualsScannerAveragedSeries()
    {
        var mean = Assert.Single(XaAverageGrouper.Group(_singles.Value)).AverageTransients();
        var averaged = Assert.Single(new DicomMrsReader().Read(TestData.Path("dicom/siemens-xa60-7t-averaged.dcm"), MrsReadOptions.Default));
        var m = mean.Fid().ToArray();
        var s = averaged.Fid().ToArray();
        double Norm(IEnumerable<Complex> z) => Math.Sqrt(z.Sum(c => c.Real * c.Real + c.Imaginary * c.Imaginary));
        double raw = Norm(m.Zip(s, (x, y) => x - y)) / Norm(s);
        var scale = m.Zip(s, (x, y) => Complex.Conjugate(x) * y).Aggregate(Complex.Zero, (acc, z) => acc + z) / m.Sum(x => x.Real * x.Real + x.Imaginary * x.Imaginary);
        double scaled = Norm(m.Zip(s, (x, y) => scale * x - y)) / Norm(s);
        output.WriteLine($"raw residual {raw:E3}, scale {scale}, scaled residual {scaled:E3}");
        Assert.True(scaled <= 1e-4, $"relative residual after scaling {scaled:E3}");
        Assert.True(raw <= 1.5e-3, $"relative residual {raw:E3}");
        Assert.Equal(1.0, scale.Magnitude, 0.002);
        Assert.Equal(0.0, scale.Phase, 1e-3);
    }

    [Fact]
    public void Group_MixedInputs_OthersPassThrough()
    {
        var averaged = new DicomMrsReader().Read(TestData.Path("dicom/siemens-xa60-7t-averaged.dcm"), MrsReadOptions.Default)[0];
        var philips = new DicomMrsReader().Read(TestData.Path("dicom/philips-mrs-2frame.dcm"), MrsReadOptions.Default);
        var input = new List<MrsAcquisition> { averaged };
        input.AddRange(_singles.Value.Take(3));
        input.AddRange(philips);
        var result = XaAverageGrouper.Group(input);
        Assert.Equal(4, result.Count);
        Assert.Same(averaged, result[0]);
        Assert.Equal(3, result[1].Averages);
        Assert.Same(philips[0], result[2]);
        Assert.Same(philips[1], result[3]);
    }
}
