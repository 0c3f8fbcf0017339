namespace MRSNode.Quantification.Fitting;

/// <summary>
/// Turns the fit's last evaluation into a <see cref="FitResult"/>: the spectra over the window, the residual SD, and
/// what <see cref="CramerRao"/> needs (the model's Jacobian over [amplitudes, baseline, nonlinear parameters], the
/// baseline penalty, the priors' precision). Immutable.
/// </summary>
/// <param name="ownGaussian">The parameter index of group g's own Gaussian FWHM², −1 where it has none.</param>
internal sealed class FitResultBuilder(IReadOnlyList<string> names, double[] ppm, IReadOnlyList<string> groupNames, LineshapePriors priors, Func<int, int> ownGaussian)
{
    public FitResult Build(LineshapeFitProblem problem, VarproEvaluation e, double[] p, int iterations, FitStatus status, FitWorkspace workspace)
    {
        var baseline = problem.Baseline;
        int m = e.Y.Length;
        int nc = names.Count;
        int nb = baseline.Count;
        var baselineFit = new double[m];
        for (int j = 0; j < nb; j++)
        {
            for (int k = 0; k < m; k++)
            {
                baselineFit[k] += e.Beta[j] * baseline.Columns[j][k];
            }
        }
        var fit = new double[m];
        var componentSpectra = new double[nc][];
        for (int j = 0; j < nc; j++)
        {
            componentSpectra[j] = e.Columns[j].Select(v => v * e.Amplitudes[j]).ToArray();
            for (int k = 0; k < m; k++)
            {
                fit[k] += componentSpectra[j][k];
            }
        }
        var residual = new double[m];
        for (int k = 0; k < m; k++)
        {
            fit[k] += baselineFit[k];
            residual[k] = e.Y[k] - fit[k];
        }
        // Jacobian of the model over the window: amplitude columns, baseline columns, nonlinear derivatives (model and phased data).
        int groupParameters = priors.Count;
        var jac = new double[nc + nb + LineshapeParameters.GlobalCount + groupParameters][];
        for (int j = 0; j < nc; j++)
        {
            jac[j] = e.Columns[j];
        }
        for (int j = 0; j < nb; j++)
        {
            jac[nc + j] = baseline.Columns[j];
        }
        // The nonlinear parameters' columns: d(model)/dp at the fitted amplitudes (for the phases, minus the data's derivative).
        var derivatives = problem.ResidualDerivatives(p, e.Amplitudes);
        for (int q = 0; q < derivatives.Length; q++)
        {
            jac[nc + nb + q] = derivatives[q].Select(v => -v).ToArray();
        }
        var priorPrecision = new double[LineshapeParameters.GlobalCount + groupParameters];
        for (int q = 0; q < groupParameters; q++)
        {
            double w = workspace.PriorScale / priors.Sd(q);
            priorPrecision[LineshapeParameters.GlobalCount + q] = w * w;
        }
        int priorSize = problem.Ratio.Count > 0 ? nc : 0;
        var amplitudePrecision = new double[priorSize, priorSize];
        problem.Ratio.AddTo(amplitudePrecision);
        int active = e.Amplitudes.Count(a => a > 0);
        double rss = residual.Sum(v => v * v);
        double dof = Math.Max(1, m - active - LineshapeParameters.GlobalCount - groupParameters - baseline.EffectiveDof());
        double signal = 0;
        for (int k = 0; k < m; k++)
        {
            signal += (e.Y[k] - baselineFit[k]) * (e.Y[k] - baselineFit[k]);
        }
        return new FitResult
        {
            Names = names,
            Amplitudes = e.Amplitudes,
            BaselineCoefficients = e.Beta,
            Parameters = LineshapeParameters.ToFitParameters(p),
            Ppm = ppm,
            Data = e.Y,
            Fit = fit,
            Baseline = baselineFit,
            Residual = residual,
            ComponentSpectra = componentSpectra,
            Iterations = iterations,
            ModelEvaluations = workspace.Evaluations,
            Status = status,
            RelativeResidual = Math.Sqrt(rss / Math.Max(signal, 1e-300)),
            ResidualSd = Math.Sqrt(rss / dof),
            Jacobian = jac,
            BaselinePenalty = baseline.ScaledPenalty(),
            BaselineStiffness = baseline.Stiffness,
            NonlinearPriorPrecision = priorPrecision,
            AmplitudePriorPrecision = amplitudePrecision,
            RatioPriorsUsed = problem.Ratio.Applied(e.Amplitudes),
            GroupNames = groupNames,
            GroupShiftsHz = Enumerable.Range(0, groupNames.Count).Select(g => p[LineshapeParameters.GroupShift(g)]).ToArray(),
            GroupDampingsHz = Enumerable.Range(0, groupNames.Count).Select(g => p[LineshapeParameters.GroupDamping(g)]).ToArray(),
            GroupGaussSquaredHz2 = Enumerable.Range(0, groupNames.Count).Select(g => ownGaussian(g) is int q and >= 0 ? p[q] : 0).ToArray(),
        };
    }
}
