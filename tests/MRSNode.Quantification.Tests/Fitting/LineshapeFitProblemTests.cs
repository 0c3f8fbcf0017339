using MRSNode.Quantification.Fitting;
using Xunit;
using Xunit.Abstractions;
using MRSNode.TestSupport;

namespace MRSNode.Quantification.Tests.Fitting;

[UnitTest]
public class LineshapeFitProblemTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(LineshapeFreedom.Global, false)]
    [InlineData(LineshapeFreedom.PerMetabolite, false)]
    [InlineData(LineshapeFreedom.PerMetabolite, true)]
    public void Jacobian_WithBaselineRatioAndLineshapePriors_GradientIsTheCostsDerivative(LineshapeFreedom freedom, bool ownWidths)
    {
        // Kaufman's Jacobian drops a term of the variable-projection derivative, but not from the gradient: 2·Jᵀr is the
        // exact derivative of the cost whenever the linear parameters solve their normal equations, penalty and prior
        // rows included. A wrong sign in any projected row breaks this (it once did, in the baseline and ratio rows).
        var setup = IsmrmSetup.Create(freedom, ownWidths);
        var options = FitOptions.Default with { ShiftSdHz = 1.73, DampingSdHz = 2.3 };
        var names = setup.Names;
        var perAmplitude = names.Select(_ => 1.0).ToArray();
        var ratioPriors = ConcentrationRatioPrior.LcModelDefaults(30, 123.2).Select(r => r.Resolve(names, perAmplitude)).OfType<ResolvedRatioPrior>().ToArray();
        var groupNames = freedom == LineshapeFreedom.Global ? [] : names;
        var priors = new LineshapePriors(groupNames, everyComponentGrouped: true, options,
            ownWidths ? [.. Enumerable.Range(0, groupNames.Length).Select(g => setup.Model.GroupGaussParameter(g) >= 0)] : null);
        var workspace = new FitWorkspace(setup.DataWindow, PriorScale: 0.5);
        var varpro = new VarproSolver(PenalisedBaseline.Create(setup.Ppm, options));
        var preliminary = new LineshapeFitProblem(setup.Model, varpro, priors, workspace, RatioPriorRows.None);
        var p = LineshapeModelTests.Point(setup.Model);
        var weights = ratioPriors.Select(r => r.Weight(preliminary.Evaluate(p).Amplitudes, perAmplitude)).ToArray();
        var problem = new LineshapeFitProblem(setup.Model, varpro, priors, workspace, new RatioPriorRows(ratioPriors, workspace.PriorScale, weights));

        var at = problem.Evaluate(p);
        var jac = problem.Jacobian(p, at);

        Assert.NotEmpty(ratioPriors);
        Assert.Contains(at.Amplitudes, a => a == 0); // an active bound too
        for (int q = 0; q < problem.ParameterCount; q++)
        {
            double analytic = 2 * Vectors.Dot(jac[q], at.Residual);
            double h = 1e-5;
            var up = (double[])p.Clone();
            var down = (double[])p.Clone();
            up[q] += h;
            down[q] -= h;
            double numeric = (problem.Evaluate(up).Cost - problem.Evaluate(down).Cost) / (2 * h);
            output.WriteLine($"{LineshapeModelTests.Kind(q)}: 2Jᵀr {analytic:G8}, central difference {numeric:G8}");
            // Central differences of the cost (~1e5 here) with h = 1e-5 carry rounding of ~1e-16·1e5/1e-5 = 1e-6 and
            // truncation of ~h²·|f'''| ≈ 1e-8: 1e-4 relative, or 1e-3 absolute for derivatives near zero, holds both.
            Assert.Equal(numeric, analytic, Math.Max(1e-3, 1e-4 * Math.Abs(numeric)));
        }
    }
}
