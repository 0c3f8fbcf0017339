using MRSNode.Evaluation.BasisAgreement;
using MRSNode.Spectroscopy;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Evaluation.Tests.BasisAgreement;

[UnitTest]
public class LinewidthMatchTests
{
    private static readonly SpectralAxis _axis = new(4096, 4000, 123.26, 4.65);

    [Fact]
    public void Measure_SingletsOfOneAndThreeHz_MatchesBothAtThreeHz()
    {
        var narrow = new BasisMetabolite("Cr", SpectralWindowTests.Singlet(_axis, 3.027, 1, 1));
        var wide = new BasisMetabolite("Cr", SpectralWindowTests.Singlet(_axis, 3.027, 3, 1));

        var match = LinewidthMatch.Measure(wide, narrow, _axis, 3.027);
        var broadened = match.MatchSimulated(narrow.Fid, _axis);

        Assert.Equal(3, match.ReferenceFwhmHz, 3);
        Assert.Equal(1, match.SimulatedFwhmHz, 3);
        Assert.Equal(3, match.MatchedFwhmHz, 3);
        Assert.Equal(3, BasisReferenceLine.Find(broadened, _axis, 3.027)!.FwhmHz, 3);
        Assert.Equal(wide.Fid, match.MatchReference(wide.Fid, _axis));
    }

    [Fact]
    public void Measure_NoSingletThere_Throws()
    {
        var cr = new BasisMetabolite("Cr", SpectralWindowTests.Singlet(_axis, 3.027, 1, 1));
        var empty = new BasisMetabolite("Cr", new System.Numerics.Complex[_axis.Points]);

        var error = Assert.Throws<InvalidOperationException>(() => LinewidthMatch.Measure(cr, empty, _axis, 3.027));

        Assert.Contains("no narrow singlet at 3.027 ppm", error.Message, StringComparison.Ordinal);
    }
}
