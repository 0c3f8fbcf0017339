using MRSNode.Evaluation.Pathology;
using MRSNode.Pipeline.Composition;
using MRSNode.Quantification.Results;
using MRSNode.Spectroscopy;
using MRSNode.Spectroscopy.Readers;
using MRSNode.SpinSimulation;
using MRSNode.TestSupport;
using Xunit;
using Xunit.Abstractions;

namespace MRSNode.Evaluation.Tests.Pathology;

/// <summary>
/// Issue 19's TE 144 case, now that a TE 144 basis exists: the long-echo cases simulated from, and fitted with, the node's
/// PRESS TE 144 simulation on the challenge basis's grid (two realisations, SNR 30 and 50).
/// </summary>
[SlowTest]
public class LongEchoPathologyTests(ITestOutputHelper output)
{
    private static readonly Lazy<BasisSet> _basis = new(() =>
        LongEchoBasis.Simulate(LcModelBasisReader.Read(TestData.Path("mrs/ismrm2016/press3T_30ms.BASIS")), new DensityMatrixBasisSimulator()));

    [Fact]
    public void Run_LongEchoCases_InvertedLactateMeasuredAndNaaChoWithinFifteenPercent()
    {
        var results = PathologyEvaluation.Run(_basis.Value, PathologyCases.LongEcho, [30, 50], realisations: 2, seed: 2016,
            PipelineComposer.Checker(Path.Combine(TestData.Root, "..", "..", "config")));
        output.WriteLine(PathologyEvaluation.ToMarkdown(results));

        Assert.Equal(8, results.Count);
        var withoutLipids = results.Where(r => r.Case.Lipids.Count == 0).ToList();
        Assert.Equal(6, withoutLipids.Count);
        Assert.All(withoutLipids, r => Assert.Empty(r.Failures()));
        // The inverted doublet is lactate, read within 25 % where Lac is 6.
        Assert.All(withoutLipids.Where(r => r.Case.Name is "te144-raised-lac" or "te144-tumour"), r =>
            Assert.All(r.Fits, f => Assert.InRange(f.LacRatio / r.TrueLacRatio, 0.75, 1.25)));
        // Under the necrotic lipids (a quarter of the short-TE lines left) the positive 1.3 ppm lipid overlaps the inverted
        // doublet: lactate is never reported as a finding there, and NAA is found and flagged low (docs/accuracy.md).
        var withLipids = results.Where(r => r.Case.Lipids.Count > 0).ToList();
        Assert.All(withLipids.SelectMany(r => r.Fits), f =>
        {
            Assert.Equal(MetaboliteFlag.Unreliable, f.LacFlag);
            Assert.Equal(MetaboliteFlag.Low, f.TNaaFlag);
            Assert.Contains(f.Notes, n => n.Contains("lipid-rich", StringComparison.Ordinal));
        });
    }

    [Fact]
    public void Run_TumourLipidsAtLongEcho_LactateAndCholineMeetTheMustShow()
    {
        // Issue 19's must-show for te144-tumour-lipids, three realisations as docs/accuracy.md's table: Lac/tCr within 25 %,
        // tCho/tCr within 15 % (measured: 19/15 % and 7/7 %; 41/30 % for lactate with the short-TE lipid-rich set).
        // tNAA/tCr is not asserted: one realisation reads it 25–33 % high, noise against a Lip20 held at zero, not bias
        // (its error falls as 1/SNR: 12 % at SNR 100, 2 % at 1000).
        var results = PathologyEvaluation.Run(_basis.Value, [.. PathologyCases.LongEcho.Where(c => c.Name == "te144-tumour-lipids")], [30, 50],
            realisations: 3, seed: 2016, PipelineComposer.Checker(Path.Combine(TestData.Root, "..", "..", "config")));
        output.WriteLine(PathologyEvaluation.ToMarkdown(results));

        Assert.Equal(2, results.Count);
        Assert.All(results, r =>
        {
            Assert.DoesNotContain("Lac/tCr", r.Failures());
            Assert.DoesNotContain("tCho/tCr", r.Failures());
        });
    }

    [Fact]
    public void LongEchoBasis_LactateMethyl_InvertedWhereNaaIsUpright()
    {
        var axis = _basis.Value.Axis;
        double Absorption(string name, double ppm)
        {
            var spectrum = SpectralAxis.Spectrum(_basis.Value.Find(name)!.Fid);
            int index = (int)Math.Round(axis.IndexOf(ppm));
            return Enumerable.Range(index - 10, 21).Sum(i => spectrum[i].Real);
        }

        Assert.True(Absorption("NAA", 2.008) > 0);
        Assert.True(Absorption("Lac", 1.314) < 0);
    }
}
