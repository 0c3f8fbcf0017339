using Xunit;
using MRSNode.TestSupport;

namespace MRSNode.Quantification.Tests;

[UnitTest]
public class DenseSolveTests
{
    [Fact]
    public void TrySolveSymmetric_PositiveDefinite_SolvesExactly()
    {
        double[,] a = { { 4, 2 }, { 2, 3 } };

        Assert.True(DenseSolve.TrySolveSymmetric(a, [2, 1], out var x));

        // [[4, 2], [2, 3]]⁻¹ = [[3, −2], [−2, 4]] / 8
        Assert.Equal(0.5, x[0], 14);
        Assert.Equal(0, x[1], 14);
    }

    [Fact]
    public void TrySolveSymmetric_NegativeDefinite_FalseNotZeros()
    {
        double[,] a = { { -1, 0 }, { 0, -2 } };

        Assert.False(DenseSolve.TrySolveSymmetric(a, [1, 1], out var x));
        Assert.Empty(x);
    }

    [Fact]
    public void TrySolveSymmetric_SingularToWorkingPrecision_RidgeGivesTheMinimumNormSolution()
    {
        // Rank one: a ridge of 1e-12·max|aᵢᵢ| makes it factorable; the solution tends to the minimum-norm one, (0.5, 0.5).
        double[,] a = { { 1, 1 }, { 1, 1 } };

        Assert.True(DenseSolve.TrySolveSymmetric(a, [1, 1], out var x));

        Assert.Equal(0.5, x[0], 6);
        Assert.Equal(0.5, x[1], 6);
    }

    [Fact]
    public void Factor_SolveFactored_ReproduceTheMatrixAndTheSolution()
    {
        double[,] a = { { 25, 15, -5 }, { 15, 18, 0 }, { -5, 0, 11 } };

        var l = DenseSolve.Factor(a)!;
        var x = DenseSolve.SolveFactored(l, [35, 33, 6]);

        // The textbook factor of this matrix: [[5, 0, 0], [3, 3, 0], [−1, 1, 3]].
        Assert.Equal(new double[,] { { 5, 0, 0 }, { 3, 3, 0 }, { -1, 1, 3 } }, l);
        Assert.Equal(1, x[0], 14);
        Assert.Equal(1, x[1], 14);
        Assert.Equal(1, x[2], 14);
        Assert.Null(DenseSolve.Factor(new double[,] { { 1, 2 }, { 2, 1 } }));
    }
}
