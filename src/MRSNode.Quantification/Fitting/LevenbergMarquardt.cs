namespace MRSNode.Quantification.Fitting;

/// <summary>Settings of <see cref="LevenbergMarquardt"/>.</summary>
/// <param name="MaxIterations">Jacobians computed at most.</param>
/// <param name="RelativeTolerance">Converged when an accepted step lowers the cost by at most this fraction of it.</param>
internal sealed record LevenbergMarquardtOptions(int MaxIterations, double RelativeTolerance)
{
    /// <summary>μ at the start: the damped normal matrix is JᵀJ + μ·diag(JᵀJ).</summary>
    public double InitialDamping { get; init; } = 1e-3;

    /// <summary>Damping increases (×4 each) tried per iteration before the fit is at a minimum or cannot proceed.</summary>
    public int TriesPerIteration { get; init; } = 10;
}

/// <summary>Where <see cref="LevenbergMarquardt.Minimize"/> ended.</summary>
/// <param name="Best">The evaluation at <paramref name="Parameters"/>, the lowest cost reached.</param>
/// <param name="Iterations">Iterations run, the last (which found no step or ended the loop) included.</param>
internal sealed record LevenbergMarquardtResult<TEvaluation>(TEvaluation Best, double[] Parameters, int Iterations, FitStatus Status);

/// <summary>
/// Levenberg–Marquardt with Marquardt's scaling: each iteration solves (JᵀJ + μ·diag(JᵀJ))·δ = −Jᵀr, accepts the step
/// if it lowers the cost (μ ÷ 3, down to 1e-9) or multiplies μ by 4 and tries again. It ends converged when an accepted
/// step gains less than the relative tolerance, stalled when no damping finds a lower cost (a minimum to working
/// precision), singular when no damping makes the normal matrix factorable or the cost is not finite (never a zero
/// step passed off as convergence), or at the iteration limit. Stateless: everything lives in one call.
/// </summary>
internal static class LevenbergMarquardt
{
    private const double MinimumDamping = 1e-9;
    private const double DampingDecrease = 3;
    private const double DampingIncrease = 4;
    /// <summary>Added to each diagonal before scaling by μ, so a parameter the residual ignores still gets damped.</summary>
    private const double DiagonalFloor = 1e-12;

    public static LevenbergMarquardtResult<TEvaluation> Minimize<TEvaluation>(
        INonlinearLeastSquaresProblem<TEvaluation> problem, double[] start, LevenbergMarquardtOptions options, CancellationToken cancellationToken)
        where TEvaluation : IResidualEvaluation
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(options);
        cancellationToken.ThrowIfCancellationRequested();
        var p = (double[])start.Clone();
        var current = problem.Evaluate(p);
        if (!double.IsFinite(current.Cost))
        {
            return new(current, p, 0, FitStatus.Singular);
        }
        double mu = options.InitialDamping;
        int np = problem.ParameterCount;
        int iteration = 0;
        var status = FitStatus.MaxIterations;
        for (; iteration < options.MaxIterations; iteration++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var jac = problem.Jacobian(p, current);
            var a = new double[np, np];
            var grad = new double[np];
            for (int i = 0; i < np; i++)
            {
                grad[i] = -Vectors.Dot(jac[i], current.Residual);
                for (int j = 0; j < np; j++)
                {
                    a[i, j] = Vectors.Dot(jac[i], jac[j]);
                }
            }
            for (int q = 0; q < np; q++)
            {
                if (problem.IsHeldAtBound(p, q, grad[q]))
                {
                    for (int j = 0; j < np; j++)
                    {
                        a[q, j] = 0;
                        a[j, q] = 0;
                    }
                    a[q, q] = 1;
                    grad[q] = 0;
                }
            }
            bool accepted = false, solved = false;
            double previous = current.Cost;
            for (int tries = 0; tries < options.TriesPerIteration && !accepted; tries++)
            {
                cancellationToken.ThrowIfCancellationRequested(); // each try evaluates the whole model: seconds for a large one
                var damped = (double[,])a.Clone();
                for (int i = 0; i < np; i++)
                {
                    damped[i, i] += mu * (a[i, i] + DiagonalFloor);
                }
                if (!DenseSolve.TrySolveSymmetric(damped, grad, out var step))
                {
                    mu *= DampingIncrease; // more damping makes the matrix more diagonal: try again
                    continue;
                }
                solved = true;
                var trial = new double[np];
                for (int i = 0; i < np; i++)
                {
                    trial[i] = p[i] + step[i];
                }
                problem.Constrain(trial);
                var e = problem.Evaluate(trial);
                if (e.Cost < current.Cost)
                {
                    Array.Copy(trial, p, p.Length);
                    current = e;
                    mu = Math.Max(mu / DampingDecrease, MinimumDamping);
                    accepted = true;
                }
                else
                {
                    mu *= DampingIncrease;
                }
            }
            if (!accepted)
            {
                status = solved ? FitStatus.Stalled : FitStatus.Singular;
                break;
            }
            if ((previous - current.Cost) <= options.RelativeTolerance * previous)
            {
                status = FitStatus.Converged;
                break;
            }
        }
        return new(current, p, iteration + 1, status);
    }
}
