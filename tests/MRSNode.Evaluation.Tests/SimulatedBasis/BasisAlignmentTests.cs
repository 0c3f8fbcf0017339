using MRSNode.Evaluation.BasisAgreement;
using MRSNode.Evaluation.SimulatedBasis;
using MRSNode.SpinSimulation;
using MRSNode.SpinSimulation.SpinSystems;
using MRSNode.Spectroscopy;
using MRSNode.Spectroscopy.Readers;
using MRSNode.TestSupport;
using Xunit;
using Xunit.Abstractions;

namespace MRSNode.Evaluation.Tests.SimulatedBasis;

[UnitTest]
public class BasisAlignmentTests(ITestOutputHelper output)
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

    [Fact]
    public void AlignedOnCreatine_IdealPulseTe35AgainstOspreysRealPulseBasis_SingletsAndInsAbove0Point99()
    {
        // Osprey's "Siemens PRESS 35 ms" basis (simulated with real pulses) against the node's ideal-pulse simulation on its
        // grid with MRSCloud's Siemens timing (TE1 16.4, TE2 18.6 ms), moved onto Osprey's Cr position.
        var library = SpinSystemLibrary.LoadEmbedded();
        var request = new BasisSimulationRequest
        {
            FrequencyMHz = _osprey.FrequencyMHz,
            Sequence = LocalizationSequence.Press,
            EchoTimeMs = 35,
            Te1Ms = 16.4,
            Te2Ms = 18.6,
            Points = _osprey.Points,
            SpectralWidthHz = _osprey.SpectralWidthHz,
            ReferencePpm = _osprey.ReferencePpm,
            Metabolites = BasisAgreementEvaluation.CommonMetabolites(_osprey, library),
        };
        var simulated = BasisAlignment.AlignedOnCreatine(new DensityMatrixBasisSimulator(library).Simulate(request), BasisAlignment.CreatinePeakPpm(_osprey));

        var result = BasisAgreementEvaluation.Compare(_osprey, simulated, library);

        output.WriteLine(BasisAgreementEvaluation.ToMarkdown(result));
        var r = result.Rows.ToDictionary(x => x.Name, x => x.Correlation);
        Assert.Equal(17, r.Count);
        foreach (var name in new[] { "Cr", "PCr", "NAA", "PCh", "Scyllo", "Tau", "Ins" })
        {
            Assert.True(r[name] > 0.99, $"{name} r = {r[name]:F4}");
        }
    }
}
