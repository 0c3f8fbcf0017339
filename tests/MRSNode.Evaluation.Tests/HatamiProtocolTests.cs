using MRSNode.Spectroscopy.Readers;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Evaluation.Tests;

[UnitTest]
public class HatamiProtocolTests
{
    [Fact]
    public void Simulate_Snr10_NoiseSdIsTheFirstPointOverTen()
    {
        var basis = LcModelBasisReader.Read(TestData.Path("mrs/ismrm2016/press3T_30ms.BASIS"));
        var clean = HatamiProtocol.Simulate(basis, 2, double.PositiveInfinity, 7);
        var noisy = HatamiProtocol.Simulate(basis, 2, 10, 7);
        for (int i = 0; i < 2; i++)
        {
            var c = clean[i].Acquisition.Fid().ToArray();
            var n = noisy[i].Acquisition.Fid().ToArray();
            double sumSq = 0;
            for (int t = 0; t < c.Length; t++)
            {
                var d = n[t] - c[t];
                sumSq += d.Real * d.Real + d.Imaginary * d.Imaginary;
            }
            double sd = Math.Sqrt(sumSq / (2 * c.Length));
            Assert.Equal(c[0].Magnitude / 10, sd, c[0].Magnitude / 10 * 0.05);
            Assert.All(noisy[i].Truth.Amplitudes.Values, a => Assert.InRange(a, 0, 1));
            Assert.All(noisy[i].Truth.ShiftsHz.Values, s => Assert.InRange(s, -10, 10));
        }
    }
}
