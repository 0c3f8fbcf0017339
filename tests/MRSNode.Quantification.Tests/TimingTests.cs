using System.Diagnostics;
using MRSNode.Spectroscopy;
using Xunit;
using Xunit.Abstractions;

namespace MRSNode.Quantification.Tests;

/// <summary>Measures (does not assert) the time of one 2048-point fit; run with -c Release for numbers to report.</summary>
public class TimingTests(ITestOutputHelper output)
{
    [Fact]
    public void Fit_2048Points_ReportsTime()
    {
        var acq = FitterTests.SyntheticAcquisition(0.01, 3);
        var sw = Stopwatch.StartNew();
        var resampled = BasisResampler.Resample(Fixtures.IsmrmBasis, acq.Axis);
        double resampleMs = sw.Elapsed.TotalMilliseconds;
        var components = resampled.Metabolites.Select(m => new FitComponent(m.Name, m.Fid)).ToList();
        var times = new List<double>();
        FitResult? fit = null;
        for (int i = 0; i < 5; i++)
        {
            sw.Restart();
            fit = new LinearCombinationFitter(acq.Axis, components).Fit(acq.Fid());
            times.Add(sw.Elapsed.TotalMilliseconds);
        }
        sw.Restart();
        LcmQuantifier.Quantify(acq, null, Fixtures.IsmrmBasis);
        double whole = sw.Elapsed.TotalMilliseconds;
        output.WriteLine($"resample {resampleMs:F0} ms (first, with JIT); fit {string.Join(", ", times.Select(t => t.ToString("F0")))} ms; " +
            $"{fit!.Iterations} iterations, {fit.ModelEvaluations} model evaluations; whole Quantify {whole:F0} ms");
        Assert.NotNull(fit);
    }
}
