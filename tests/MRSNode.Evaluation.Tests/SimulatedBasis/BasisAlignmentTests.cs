using MRSNode.Evaluation.SimulatedBasis;
using MRSNode.Spectroscopy;
using MRSNode.Spectroscopy.Readers;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Evaluation.Tests.SimulatedBasis;

[UnitTest]
public class BasisAlignmentTests
{
    private static readonly BasisSet _ismrm = LcModelBasisReader.Read(TestData.Path("mrs/ismrm2016/press3T_30ms.BASIS"));
    private static readonly BasisSet _osprey = LcModelBasisReader.Read(TestData.Path("basis/osprey-press3T-35ms-noMM.BASIS"));

    [Fact]
    public void CreatinePeakPpm_OrganisersAndOsprey_0Point03PpmApart()
    {
        Assert.InRange(BasisAlignment.CreatinePeakPpm(_ismrm), 3.022, 3.028);
        Assert.InRange(BasisAlignment.CreatinePeakPpm(_osprey), 2.995, 2.999);
    }

    [Fact]
    public void AlignedOnCreatine_Osprey_CrAndNaaMoveTogether()
    {
        double naaBefore = _osprey.Axis.PeakPpm(_osprey.Find("NAA")!.Fid, 1.9, 2.1);

        var aligned = BasisAlignment.AlignedOnCreatine(_osprey, 3.027);

        Assert.Equal(3.027, BasisAlignment.CreatinePeakPpm(aligned), 3);
        double naaAfter = aligned.Axis.PeakPpm(aligned.Find("NAA")!.Fid, 1.9, 2.1);
        // Peak bins are 0.004 ppm wide at 8192 points.
        Assert.InRange(naaAfter - naaBefore, 0.025, 0.035);
    }

    [Theory]
    [InlineData("PCh", "PCho")]
    [InlineData("Scyllo", "sIns")]
    [InlineData("NAA", "NAA")]
    public void Counterpart_OspreyNames_FoundUnderTheCatalogsName(string osprey, string node)
    {
        Assert.Equal(osprey, BasisAlignment.Counterpart(_osprey, node)!.Name);
    }
}
