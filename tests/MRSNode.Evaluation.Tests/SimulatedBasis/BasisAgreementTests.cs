using MRSNode.Evaluation.SimulatedBasis;
using MRSNode.Spectroscopy;
using MRSNode.Spectroscopy.Readers;
using MRSNode.TestSupport;
using Xunit;
using Xunit.Abstractions;

namespace MRSNode.Evaluation.Tests.SimulatedBasis;

[UnitTest]
public class BasisAgreementTests(ITestOutputHelper output)
{
    private static readonly BasisSet _ismrm = LcModelBasisReader.Read(TestData.Path("mrs/ismrm2016/press3T_30ms.BASIS"));
    private static readonly BasisSet _osprey = LcModelBasisReader.Read(TestData.Path("basis/osprey-press3T-35ms-noMM.BASIS"));

    [Fact]
    public void Compare_BasisWithItself_EveryCorrelationAndAreaRatioIsOne()
    {
        var rows = BasisAgreement.Compare(_ismrm, _ismrm);

        Assert.Equal(_ismrm.Metabolites.Count, rows.Count);
        Assert.All(rows, r => Assert.Equal(1, r.Correlation, 6));
        Assert.All(rows, r => Assert.Equal(1, r.AreaRatio, 6));
    }

    [Fact]
    public void Compare_OspreyTe35AgainstIsmrmTe30_SingletsAgreeCoupledSpinsLess()
    {
        var rows = BasisAgreement.Compare(_osprey, _ismrm).ToDictionary(r => r.Name);
        foreach (var r in rows.Values)
        {
            output.WriteLine($"{r.Name} {r.Correlation:F4} {r.AreaRatio:F3}");
        }

        // Osprey names PCh and Scyllo; the catalog matches them with PCho and sIns.
        Assert.Contains("PCho", rows.Keys);
        Assert.Contains("sIns", rows.Keys);
        // Aligned on Cr (Osprey's sits 0.029 ppm lower): the singlets agree, lactate's TE 30/35 J evolution does not.
        Assert.True(rows["Cr"].Correlation > 0.999, $"Cr {rows["Cr"].Correlation}");
        Assert.True(rows["NAA"].Correlation > 0.97, $"NAA {rows["NAA"].Correlation}");
        Assert.True(rows["Lac"].Correlation < 0.9, $"Lac {rows["Lac"].Correlation}");
        Assert.Equal(1, rows["Cr"].AreaRatio, 9);
    }

    [Fact]
    public void CreatineWidthHz_BroadenedBasis_WidensByTheAddedLorentzian()
    {
        double own = BasisAgreement.CreatineWidthHz(_ismrm);
        var broadened = _ismrm with
        {
            Metabolites = _ismrm.Metabolites.Select(m => new BasisMetabolite(m.Name, m.Fid.Select((z, t) => z * Math.Exp(-Math.PI * 4 * t * _ismrm.DwellTimeSeconds)).ToArray())).ToList(),
        };

        Assert.Equal(own + 4, BasisAgreement.CreatineWidthHz(broadened), 0.5);
    }
}
