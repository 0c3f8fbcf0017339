namespace MRSNode.Quantification.Fitting;

/// <summary>
/// One pass of the fit as a nonlinear least-squares problem over the lineshape parameters: the variable-projection
/// residual (the linear parameters solved at each point), with the groups' prior rows appended. Lives for one pass of
/// one fit (the ratio priors' weights differ between the passes).
/// </summary>
internal sealed class LineshapeFitProblem(LineshapeModel model, VarproSolver varpro, LineshapePriors priors, FitWorkspace workspace, RatioPriorRows ratio)
    : INonlinearLeastSquaresProblem<VarproEvaluation>
{
    public int ParameterCount => model.ParameterCount;

    public RatioPriorRows Ratio => ratio;

    /// <summary>The baseline this pass fits.</summary>
    public PenalisedBaseline Baseline => varpro.Baseline;

    public VarproEvaluation Evaluate(double[] parameters) => Evaluate(parameters, model.Columns(parameters));

    /// <summary>
    /// <see cref="Evaluate(double[])"/> with the model columns already computed at <paramref name="parameters"/>' shift and
    /// damping (the phase moves only the data, so the phase starts share one set).
    /// </summary>
    public VarproEvaluation Evaluate(double[] parameters, double[][] columns)
    {
        workspace.Evaluations++;
        var y = model.PhasedData(parameters, workspace.DataWindow);
        int priorRows = priors.Count;
        var solution = varpro.Solve(columns, y, ratio, priorRows, workspace.ActiveAmplitudes);
        if (workspace.ReuseActiveSet)
        {
            workspace.ActiveAmplitudes = [.. solution.Amplitudes.Select(a => a > 0)];
        }
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

    /// <summary>
    /// Kaufman's variable-projection Jacobian: each parameter's analytic derivative of the data rows at fixed linear
    /// parameters, d(y − A·a)/dp, projected off the linear fit's columns; the groups' prior rows carry σ / prior SD.
    /// </summary>
    public double[][] Jacobian(double[] parameters, VarproEvaluation evaluation)
    {
        var derivatives = ResidualDerivatives(parameters, evaluation.Amplitudes);
        var jac = varpro.ProjectColumns(evaluation.Solution, evaluation.Columns, ratio, derivatives);
        int priorStart = evaluation.Residual.Length - priors.Count;
        for (int q = 0; q < priors.Count; q++)
        {
            jac[LineshapeParameters.GlobalCount + q][priorStart + q] = workspace.PriorScale / priors.Sd(q);
        }
        return jac;
    }

    /// <summary>d(y − A·a)/dp over the window at fixed amplitudes: the phased data's derivative minus the model's.</summary>
    public double[][] ResidualDerivatives(double[] parameters, double[] amplitudes)
    {
        var modelDerivatives = model.ModelDerivatives(parameters, amplitudes);
        var dataDerivatives = model.PhasedDataDerivatives(parameters, workspace.DataWindow);
        var result = new double[modelDerivatives.Length][];
        for (int q = 0; q < modelDerivatives.Length; q++)
        {
            var d = dataDerivatives[q];
            result[q] = d is null ? modelDerivatives[q].Select(v => -v).ToArray() : d.Zip(modelDerivatives[q], (y, f) => y - f).ToArray();
        }
        return result;
    }

    public void Constrain(double[] trial) => priors.Constrain(trial);

    public bool IsHeldAtBound(double[] parameters, int q, double descent) => priors.IsHeldAtBound(parameters, q, descent);
}
