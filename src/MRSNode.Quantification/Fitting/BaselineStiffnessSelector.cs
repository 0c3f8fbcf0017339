using MathNet.Numerics.Distributions;

namespace MRSNode.Quantification.Fitting;

/// <summary>
/// Chooses the baseline's stiffness from the data as LCModel 6.3 chooses its baseline regularisation (Provencher 1993;
/// LCModel's TWOREG/FSHSSQ): the reference is the most flexible baseline of a ladder from
/// <see cref="FitOptions.BaselineStiffness"/> down to <see cref="FitOptions.MinBaselineStiffness"/> (steps of 10^¼);
/// the stiffest whose χ² stays within χ²_ref·(1 + F·n/(m − n)) is taken, F the Fisher variance ratio whose probability
/// is 0.08 (LCModel accepts 0.02–0.08) with n the reference's degrees of freedom (active amplitudes, nonlinear
/// parameters, the baseline's effective ones) and m the window's points; χ²_ref is taken no lower than the misfit
/// allowance ((2σ)²·(m − n), σ from the spectrum's noise region). A spectrum the basis explains keeps a stiff
/// baseline; an in vivo one with broad signal the basis lacks (macromolecule and lipid humps, out-of-voxel and
/// residual-water wings) gets one that follows it, where a fixed stiff one left that signal to the metabolites (in vivo
/// Glx/tCr +34 % and +53 % against LCModel 6.3; docs/accuracy.md). Immutable.
/// </summary>
internal sealed class BaselineStiffnessSelector
{
    /// <summary>LCModel's PRMNMX(2,1): the largest probability to reject the reference that a stiffer baseline may reach.</summary>
    private const double RejectionProbability = 0.08;

    /// <summary>
    /// How many noise SDs the residual SD may reach before the baseline is freed: 2. Where a fit's residual is within it,
    /// the misfit is taken for the lineshape's (one Voigt, where LCModel's free-form lineshape absorbs it), not for broad
    /// signal. Any value from 1.6 to 2.3 keeps the LCModel 6.3 regression case (residual SD 1.7 noise SDs stiff, 1.45
    /// flexible) at its stiff baseline and frees the Philips scans' (3.0 and 5.9 noise SDs), measured in docs/accuracy.md.
    /// </summary>
    private const double MisfitAllowance = 2;

    private readonly VarproSolver[] _solvers;
    private readonly double[] _dof;

    public BaselineStiffnessSelector(double[] ppm, FitOptions options)
    {
        var stiffnesses = new List<double> { options.BaselineStiffness };
        double step = Math.Pow(10, 0.25);
        while (options.KnotSpacingPpm > 0 && stiffnesses[^1] / step >= options.MinBaselineStiffness * (1 - 1e-9))
        {
            stiffnesses.Add(stiffnesses[^1] / step);
        }
        _solvers = stiffnesses.Select(s => new VarproSolver(PenalisedBaseline.Create(ppm, options, s), options.Profile == FitProfile.Mrsi)).ToArray();
        _dof = _solvers.Select(s => s.Baseline.EffectiveDof()).ToArray();
    }

    /// <summary>The solver with the options' own (stiffest) baseline.</summary>
    public VarproSolver Stiffest => _solvers[0];

    /// <summary>
    /// The solver whose baseline the data at <paramref name="parameters"/> ask for: each candidate's linear fit at those
    /// nonlinear parameters, compared with the most flexible's.
    /// </summary>
    /// <param name="nonlinearCount">How many nonlinear parameters the fit has (they take degrees of freedom too).</param>
    /// <param name="cancellationToken">Checked at every rung: each solves the whole linear problem.</param>
    public VarproSolver Select(LineshapeModel model, double[] parameters, FitWorkspace workspace, int nonlinearCount, CancellationToken cancellationToken = default)
    {
        if (_solvers.Length == 1)
        {
            return _solvers[0];
        }
        var columns = model.Columns(parameters);
        var y = model.PhasedData(parameters, workspace.DataWindow);
        int m = y.Length;
        var chiSquared = new double[_solvers.Length];
        int flexible = _solvers.Length - 1;
        int active = 0;
        for (int i = 0; i < _solvers.Length; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var solution = _solvers[i].Solve(columns, y, RatioPriorRows.None, 0);
            for (int k = 0; k < m; k++)
            {
                chiSquared[i] += solution.Residual[k] * solution.Residual[k];
            }
            if (i == flexible)
            {
                active = solution.Amplitudes.Count(a => a > 0);
            }
        }
        double referenceDof = active + nonlinearCount + _dof[flexible];
        double residualDof = m - referenceDof;
        if (residualDof < 1 || referenceDof <= 1 || chiSquared[flexible] <= 0)
        {
            return _solvers[0];
        }
        double f = FisherSnedecor.InvCDF(referenceDof, residualDof, RejectionProbability);
        // The reference is taken no better than the misfit allowed: while even the stiffest fit's residual SD is within
        // MisfitAllowance times the noise SD, the residual is noise and lineshape misfit that a flexible baseline would
        // only absorb, and the stiffest stays.
        double noiseChiSquared = MisfitAllowance * MisfitAllowance * workspace.PriorScale * workspace.PriorScale * residualDof;
        double limit = Math.Max(chiSquared[flexible], noiseChiSquared) * (1 + f * referenceDof / residualDof);
        for (int i = 0; i < flexible; i++)
        {
            if (chiSquared[i] <= limit)
            {
                return _solvers[i];
            }
        }
        return _solvers[flexible];
    }
}
