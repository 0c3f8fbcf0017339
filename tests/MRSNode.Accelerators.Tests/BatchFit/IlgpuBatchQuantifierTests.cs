using MRSNode.Accelerators.BatchFit;
using MRSNode.Quantification;
using MRSNode.Quantification.Batch;
using MRSNode.Spectroscopy.Readers;
using MRSNode.Spectroscopy.Simulation;
using MRSNode.TestSupport;
using Xunit;
using Xunit.Abstractions;

namespace MRSNode.Accelerators.Tests.BatchFit;

/// <summary>
/// The accelerator's batched fit on ILGPU's CPU accelerator against <see cref="CpuBatchQuantifier"/> on the same
/// simulated voxels (ISMRM basis resampled to 1024 points over 2000 Hz, SNR 20–40). Tolerance: every amplitude within
/// 1e-8 of the spectrum's largest amplitude, every CRLB within 1e-6 relative and every ratio to tCr within 1e-8. The
/// columns differ by FP64 rounding only (a DFT against the FFT, ~1e-13), so the LM takes the same steps: measured
/// 2026-12-05, amplitudes within 7e-14 and CRLBs within 1.2e-13; not bitwise, since the sums run in another order.
/// </summary>
[SlowTest]
public class IlgpuBatchQuantifierTests(ITestOutputHelper output)
{
    [Fact]
    public void Quantify_CpuAccelerator_MatchesCpuBatchQuantifier()
    {
        var basis = LcModelBasisReader.Read(TestData.Path("mrs/ismrm2016/press3T_30ms.BASIS"));
        var simulator = new SpectrumSimulator(basis, new SimulationParameters { Snr = new ValueRange(20, 40), Points = 1024, SpectralWidthHz = 2000 });
        var fids = simulator.Simulate(3, 22).Select(s => LcmQuantifier.Combine(s.Acquisition)).ToList();
        var request = new BatchQuantificationRequest(simulator.Axis, fids, basis, 30, LcmOptions.Default);
        using var session = AcceleratorSession.CreateCpu();
        var quantifier = new IlgpuBatchQuantifier(session, 3);

        var expected = new CpuBatchQuantifier().Quantify(request);
        var actual = quantifier.Quantify(request);

        Assert.Equal("ilgpu-cpu", quantifier.Name);
        double worstAmplitude = 0, worstCrlb = 0;
        for (int i = 0; i < fids.Count; i++)
        {
            var e = expected[i]!;
            var a = actual[i]!;
            Assert.Equal(e.SpectrumType, a.SpectrumType);
            double largest = e.Metabolites.Max(m => m.Amplitude);
            foreach (var (em, am) in e.Metabolites.Concat(e.Pools).Zip(a.Metabolites.Concat(a.Pools)))
            {
                Assert.Equal(em.Name, am.Name);
                worstAmplitude = Math.Max(worstAmplitude, Math.Abs(em.Amplitude - am.Amplitude) / largest);
                worstCrlb = Math.Max(worstCrlb, Math.Abs(em.CrlbAbsolute - am.CrlbAbsolute) / Math.Max(em.CrlbAbsolute, 1e-12 * largest));
                Assert.InRange(am.Amplitude - em.Amplitude, -1e-8 * largest, 1e-8 * largest);
                Assert.InRange(am.CrlbAbsolute - em.CrlbAbsolute, -1e-6 * em.CrlbAbsolute - 1e-12 * largest, 1e-6 * em.CrlbAbsolute + 1e-12 * largest);
                Assert.InRange((am.RatioToTCr ?? 0) - (em.RatioToTCr ?? 0), -1e-8, 1e-8);
            }
        }
        output.WriteLine($"largest amplitude difference {worstAmplitude:E2} of the largest amplitude; largest CRLB difference {worstCrlb:E2} relative");
    }
}
