namespace MRSNode.Quantification.Fitting;

/// <summary>A residual vector r(p) at one point p, with its cost Σ r².</summary>
internal interface IResidualEvaluation
{
    double Cost { get; }

    double[] Residual { get; }
}

/// <summary>A nonlinear least-squares problem, min over p of Σ rᵢ(p)², for <see cref="LevenbergMarquardt"/>.</summary>
/// <typeparam name="TEvaluation">What the problem knows at a point besides the residual (e.g. the linear parameters).</typeparam>
internal interface INonlinearLeastSquaresProblem<TEvaluation> where TEvaluation : IResidualEvaluation
{
    int ParameterCount { get; }

    /// <summary>The residual at p.</summary>
    TEvaluation Evaluate(double[] parameters);

    /// <summary>∂r/∂p at p, one column per parameter (each as long as the residual), given the evaluation there.</summary>
    double[][] Jacobian(double[] parameters, TEvaluation evaluation);

    /// <summary>Moves a trial point into the feasible set (bounds, invariants), in place; the identity when unconstrained.</summary>
    void Constrain(double[] trial);

    /// <summary>
    /// Whether parameter q sits on a bound that the descent direction −∂(cost/2)/∂p_q = <paramref name="descent"/> points
    /// through: the iteration then holds it fixed.
    /// </summary>
    bool IsHeldAtBound(double[] parameters, int q, double descent);
}
