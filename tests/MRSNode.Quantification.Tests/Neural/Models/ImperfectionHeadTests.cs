using MRSNode.Quantification.Neural.Models;
using MRSNode.Quantification.Neural.Physics;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Quantification.Tests.Neural.Models;

[UnitTest]
public sealed class ImperfectionHeadTests
{
    private static readonly ImperfectionHead Head = new(new Imperfections(2), HeadRange.Around(-10, 10), HeadRange.Around(-3, 3), HeadRange.Around(0, 10), HeadRange.Around(0, 6));

    [Fact]
    public void Map_ZeroOutputs_GiveTheRangeCentresAndZeroPhase()
    {
        var theta = Head.Map([0, 1, 0, 0, 0, 0, 0, 0]);
        Assert.Equal([0, 0, 0, 0, 5, 5, 3], theta);
    }

    [Fact]
    public void Backward_FactorLossAndThetaGradient_MatchFiniteDifferences()
    {
        float[] z = [0.4f, -0.9f, 0.3f, -0.2f, 0.5f, 0.1f, -0.6f, 0.25f];
        double[] gradTheta = [0.7, -0.2, 1.1, 0.4, -0.8, 0.3, 0.5];
        double[] truth = [2.5, 3, -1, 2, 6, 4, 1];
        // L(z) = gradTheta·θ(z) + factor loss(z)
        double Loss(float[] zz)
        {
            var theta = Head.Map(zz);
            return theta.Select((t, i) => t * gradTheta[i]).Sum() + Head.Backward(zz, new double[7], truth, 0.5, new float[8]);
        }
        var analytic = new float[8];
        Head.Backward(z, gradTheta, truth, 0.5, analytic);
        for (int j = 0; j < 8; j++)
        {
            var plus = (float[])z.Clone();
            var minus = (float[])z.Clone();
            plus[j] += 1e-3f;
            minus[j] -= 1e-3f;
            double numeric = (Loss(plus) - Loss(minus)) / (plus[j] - minus[j]);
            Assert.True(Math.Abs(numeric - analytic[j]) <= 1e-3 * Math.Max(1, Math.Abs(numeric)), $"z[{j}]: analytic {analytic[j]} numeric {numeric}");
        }
    }
}
