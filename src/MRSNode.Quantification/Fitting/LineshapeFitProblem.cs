namespace MRSNode.Quantification.Fitting;

/// <summary>
/// One pass of the fit as a nonlinear least-squares problem over the lineshape parameters: the variable-projection
/// residual (the linear parameters solved at each point), with the groups' prior rows appended. Lives for one pass of
/// one fit (the ratio priors' weights differ between the passes).
/// </summary>
internal sealed class LineshapeFitProblem(LineshapeModel model, VarproSolver varpro, LineshapePriors priors, FitWorkspace workspace, RatioPriorRows ratio)
    : INonlinearLeastSquaresProblem<VarproEvaluation>
{
    private static readonly double[] Steps = [0.05, 0.05, 0.05, 1e-3, 1e-3];

    public int ParameterCount => model.ParameterCount;

    public RatioPriorRows Ratio => ratio;

    public VarproEvaluation Evaluate(double[] parameters)
    {
        workspace.Evaluations++;
        var columns = model.Columns(parameters);
        var y = model.PhasedData(parameters, workspace.DataWindow);
        int priorRows = 2 * model.GroupCount;
        var solution = varpro.Solve(columns, y, ratio, priorRows);
        var r = solution.Residual;
        int priorStart = r.Length - priorRows;
        for (int q = 0; q < priorRows; q++)
        {
            double v = parameters[LineshapeParameters.GlobalCount + q];
            r[priorStart + q] = workspace.PriorScale * v / priors.Sd(q);
        }
        double cost = r.Sum(v => v * v);
        return new VarproEvaluation(cost, solution, columns, y);
    }

    public double[][] Jacobian(double[] parameters, VarproEvaluation evaluation)
    {
        int np = model.ParameterCount;
        var jac = new double[np][];
        for (int q = 0; q < LineshapeParameters.GlobalCount; q++)
        {
            var pp = (double[])parameters.Clone();
            pp[q] += Steps[q];
            var e = Evaluate(pp);
            jac[q] = new double[e.Residual.Length];
            for (int k = 0; k < jac[q].Length; k++)
            {
                jac[q][k] = (e.Residual[k] - evaluation.Residual[k]) / Steps[q];
            }
        }
        // Group shifts/dampings: analytic derivative at fixed amplitudes (exact gradient of the projected cost).
        var derivatives = model.GroupDerivatives(parameters, evaluation.Amplitudes);
        int priorStart = evaluation.Residual.Length - derivatives.Length;
        var projected = varpro.ProjectColumns(evaluation.Solution, evaluation.Columns, ratio, derivatives.Select(d => d.Select(v => -v).ToArray()).ToArray());
        for (int q = 0; q < derivatives.Length; q++)
        {
            var col = projected[q];
            col[priorStart + q] = workspace.PriorScale / priors.Sd(q);
            jac[LineshapeParameters.GlobalCount + q] = col;
        }
        return jac;
    }

    public void Constrain(double[] trial) => priors.Constrain(trial);

    public bool IsHeldAtBound(double[] parameters, int q, double descent) => LineshapePriors.IsHeldAtBound(parameters, q, descent);
}
