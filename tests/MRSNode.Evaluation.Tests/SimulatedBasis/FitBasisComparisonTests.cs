using MRSNode.Evaluation.SimulatedBasis;
using MRSNode.Spectroscopy;
using MRSNode.Spectroscopy.Readers;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Evaluation.Tests.SimulatedBasis;

[UnitTest]
public class FitBasisComparisonTests
{
    private static readonly BasisSet _ismrm = LcModelBasisReader.Read(TestData.Path("mrs/ismrm2016/press3T_30ms.BASIS"));

    [Fact]
    public void Run_SameBasisTwice_BothColumnsEqualAndTCrLeftOut()
    {
        var rows = FitBasisComparison.Run(_ismrm, _ismrm, count: 2, snr: 50, seed: 2016);

        Assert.Contains(rows, r => r.Name == "tNAA");
        Assert.DoesNotContain(rows, r => r.Name == "tCr" || r.Name == "Mac");
        Assert.All(rows, r => Assert.Equal(r.SmapeTruthBasis, r.SmapeOtherBasis, 9));
        Assert.All(rows, r => Assert.Equal(2, r.Count));
    }

    [Fact]
    public void WithSourceMacromolecules_OspreySet_KeepsSharedMetabolitesAndAddsMacOnItsAxis()
    {
        var osprey = LcModelBasisReader.Read(TestData.Path("basis/osprey-press3T-35ms-noMM.BASIS"));

        var merged = FitBasisComparison.WithSourceMacromolecules(osprey, _ismrm);

        var mac = merged.Find("Mac");
        Assert.NotNull(mac);
        Assert.Equal(osprey.Points, mac.Fid.Length);
        // Osprey's PE, Scyllo and the rest are in the organisers' set too; every Osprey entry is kept.
        Assert.Equal(osprey.Metabolites.Count + 1, merged.Metabolites.Count);
        // The area (first point) survives the move onto the other axis.
        var source = BasisReferenceLine.Remove(_ismrm.Find("Mac")!, _ismrm.Axis);
        Assert.Equal(source[0].Real, mac.Fid[0].Real, Math.Abs(source[0].Real) * 0.02);
    }
}
