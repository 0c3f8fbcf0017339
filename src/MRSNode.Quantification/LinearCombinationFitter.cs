using System.Numerics;
using MRSNode.Quantification.Fitting;
using MRSNode.Spectroscopy;

namespace MRSNode.Quantification;

/// <summary>
/// LCModel-style linear-combination fit of the real part of the spectrum over a ppm window. Nonlinear
/// parameters (shift, Lorentzian and Gaussian broadening, zero/first-order phase) by Levenberg–Marquardt
/// on the variable-projection residual: for given nonlinear parameters the amplitudes (non-negative,
/// Lawson–Hanson) and the penalised B-spline baseline (free) are solved linearly. The parts live in Fitting/:
/// <see cref="LineshapeModel"/> (forward model and its derivatives), <see cref="VarproSolver"/> (the linear solve and
/// Kaufman's projection), <see cref="LevenbergMarquardt"/> (the loop), <see cref="FitResultBuilder"/> (result and
/// what the CRLBs need). A fitter holds no per-fit state: one instance may fit from several threads at once.
/// </summary>
public sealed class LinearCombinationFitter
{
    private readonly FitOptions _options;
    private readonly int[] _window;
    private readonly double[] _ppm;
    private readonly LineshapeModel _model;
    private readonly BaselineStiffnessSelector _baselines;
    private readonly LineshapePriors _priors;
    private readonly StartingPoint _start;
    private readonly FitResultBuilder _builder;
    private readonly SpectralAxis _axis;
    private readonly ResolvedRatioPrior[] _ratioPriors;
    private readonly double[] _concentrationPerAmplitude;

    public LinearCombinationFitter(SpectralAxis axis, IEnumerable<FitComponent> components, FitOptions? options = null)
        : this(axis, components, options, null)
    {
    }

    /// <param name="columnEngine">Where the model columns are computed (an accelerator); null: the fitter's own FFTs.</param>
    internal LinearCombinationFitter(SpectralAxis axis, IEnumerable<FitComponent> components, FitOptions? options, Batch.IModelColumnEngine? columnEngine)
    {
        ArgumentNullException.ThrowIfNull(components);
        _axis = axis;
        FitComponent[] fitComponents = [.. components];
        if (fitComponents.Length == 0 || fitComponents.Any(c => c.Fid.Length != axis.Points))
        {
            throw new ArgumentException("Every component needs a FID with the data's points.", nameof(components));
        }
        _options = options ?? FitOptions.Default;
        string[] groupNames;
        int[] groupOf;
        if (_options.Freedom != LineshapeFreedom.Global || _options.OwnLipidLineshape)
        {
            var groupKeys = fitComponents.Select(c => GroupKey(c.Name)).ToArray();
            groupNames = groupKeys.OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
            groupOf = groupKeys.Select(k => k is null ? -1 : Array.FindIndex(groupNames, g => string.Equals(g, k, StringComparison.OrdinalIgnoreCase))).ToArray();
        }
        else
        {
            groupNames = [];
            groupOf = new int[fitComponents.Length];
        }
        var names = fitComponents.Select(c => c.Name).ToArray();
        _concentrationPerAmplitude = fitComponents.Select(c => c.ConcentrationPerAmplitude).ToArray();
        _ratioPriors = _options.RatioPriors.Select(r => r.Resolve(names, _concentrationPerAmplitude)).OfType<ResolvedRatioPrior>().ToArray();
        int a = (int)Math.Clamp(Math.Ceiling(axis.IndexOf(_options.HighPpm)), 0, axis.Points - 1);
        int b = (int)Math.Clamp(Math.Floor(axis.IndexOf(_options.LowPpm)), 0, axis.Points - 1);
        _window = Enumerable.Range(a, b - a + 1).ToArray();
        _ppm = _window.Select(i => axis.Ppm(i)).ToArray();
        var phaseOffset = _ppm.Select(p => p - _options.PhasePivotPpm).ToArray();
        var fids = fitComponents.Select(c => c.Fid).ToArray();
        var ownWidths = groupNames.Select(g => g == LipidGroup).ToArray();
        _model = new LineshapeModel(fids, groupOf, groupNames.Length, _window, phaseOffset, axis.SpectralWidthHz, columnEngine, _options.Profile == FitProfile.Mrsi, ownWidths);
        // The MRSI profile keeps the options' own stiffness: a ladder of one rung, so no per-spectrum selection.
        _baselines = new BaselineStiffnessSelector(_ppm, _options.Profile == FitProfile.Mrsi
            ? _options with { MinBaselineStiffness = _options.BaselineStiffness }
            : _options);
        _priors = new LineshapePriors(groupNames, !groupOf.Any(g => g < 0), _options, ownWidths);
        _start = new StartingPoint(axis, fids, groupOf, groupNames, _options, _model, _priors, _window, _ppm);
        _builder = new FitResultBuilder(names, _ppm, groupNames, _priors, _model.GroupGaussParameter);
    }

    public IReadOnlyList<double> WindowPpm => _ppm;

    /// <summary>
    /// The group whose shift and extra damping a component shares: NAA+NAAG, Cr+PCr+CrCH2, GPC+PCho(+PCh, Cho),
    /// Glu+Gln+GSH, Ins+Gly+sIns, macromolecules and lipids (Mac, MM…, Lip…) together, every other metabolite together ("other").
    /// </summary>
    public static string? GroupOf(string name) => Metabolites.MetaboliteCatalog.Standard.LineshapeGroupOf(name);

    /// <summary>The group of the lipid components under <see cref="FitOptions.OwnLipidLineshape"/>: its own shift, Lorentzian and Gaussian.</summary>
    public const string LipidGroup = "lipids";

    /// <summary>Which lineshape a component has under the options: <see cref="LipidGroup"/>, its group's, its own, or null (the common one).</summary>
    private string? GroupKey(string name) =>
        _options.OwnLipidLineshape && Metabolites.MetaboliteCatalog.Standard.KindOf(name) == Metabolites.MetaboliteKind.Lipid ? LipidGroup
        : _options.Freedom switch
        {
            LineshapeFreedom.PerGroup => OwnGroupOf(name),
            LineshapeFreedom.PerMetabolite => name,
            _ => null,
        };

    /// <summary>A component's group when it has its own lineshape (<see cref="FitOptions.OwnLineshapeGroups"/>), else null: the common one.</summary>
    private string? OwnGroupOf(string name) => GroupOf(name) is { } g && (_options.OwnLineshapeGroups is not { } own || own.Contains(g, StringComparer.OrdinalIgnoreCase)) ? g : null;

    /// <summary>Fits one FID (already averaged and coil-combined) on this fitter's axis.</summary>
    /// <exception cref="OperationCanceledException">When <paramref name="cancellationToken"/> is cancelled (checked each iteration).</exception>
    public FitResult Fit(ReadOnlySpan<Complex> fid, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var spectrum = SpectralAxis.Spectrum(fid);
        var dataWindow = _window.Select(i => spectrum[i]).ToArray();
        var workspace = new FitWorkspace(dataWindow, SpectralNoise.BinSd(_axis, fid, spectrum, dataWindow)) { ReuseActiveSet = _options.Profile == FitProfile.Mrsi };
        var varpro = _baselines.Stiffest;
        var problem = Problem(varpro, workspace, RatioPriorRows.None);

        double shift = _start.Shift(dataWindow, cancellationToken);
        var starts = new List<(double Cost, double Phase)>();
        var startColumns = _model.Columns(_start.Parameters(shift, 0)); // the phase moves only the data: one set for all starts
        for (int k = 0; k < 12; k++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            double phase = k * Math.PI / 6;
            starts.Add((problem.Evaluate(_start.Parameters(shift, phase), startColumns).Cost, phase));
        }
        LevenbergMarquardtResult<VarproEvaluation>? best = null;
        int iterations = 0;
        foreach (var start in starts.OrderBy(s => s.Cost).Take(Math.Max(1, _options.PhaseStarts)))
        {
            var run = LevenbergMarquardt.Minimize(problem, _start.Parameters(shift, start.Phase), LoopOptions, cancellationToken);
            iterations += run.Iterations;
            if (best is null || run.Best.Cost < best.Best.Cost)
            {
                best = run;
            }
        }
        // The baseline's stiffness from the data (LCModel's regularisation choice), refitted from there while the choice
        // moves; twice at most: the second choice is made at parameters fitted with the first.
        for (int round = 0; round < 2; round++)
        {
            var chosen = _baselines.Select(_model, best!.Parameters, workspace, _model.ParameterCount, cancellationToken);
            if (ReferenceEquals(chosen, varpro))
            {
                break;
            }
            varpro = chosen;
            problem = Problem(varpro, workspace, RatioPriorRows.None);
            best = LevenbergMarquardt.Minimize(problem, best.Parameters, LoopOptions, cancellationToken);
            iterations += best.Iterations;
        }
        if (_ratioPriors.Length > 0)
        {
            var weights = _ratioPriors.Select(r => r.Weight(best!.Best.Amplitudes, _concentrationPerAmplitude)).ToArray();
            problem = Problem(varpro, workspace, new RatioPriorRows(_ratioPriors, workspace.PriorScale, weights));
            best = LevenbergMarquardt.Minimize(problem, best!.Parameters, LoopOptions, cancellationToken);
            iterations += best.Iterations;
        }
        cancellationToken.ThrowIfCancellationRequested();
        return _builder.Build(problem, best!.Best, best.Parameters, iterations, best.Status, workspace);
    }

    private LineshapeFitProblem Problem(VarproSolver varpro, FitWorkspace workspace, RatioPriorRows ratio) => new(_model, varpro, _priors, workspace, ratio);

    /// <summary>
    /// Stop when an accepted step lowers the cost by less than this fraction: 1e-9 with the 5 global parameters;
    /// 1e-6 with per-component ones (tails of slow convergence change χ² by ≪ 0.01; 1e-9 changed no result on 100
    /// simulated spectra and took longer).
    /// The MRSI profile stops at 1e-6 with any parameters and caps the iterations (accuracy cost in docs/benchmarks.md).
    /// </summary>
    private LevenbergMarquardtOptions LoopOptions => _options.Profile == FitProfile.Mrsi
        ? new(Math.Min(_options.MaxIterations, _options.MrsiMaxIterations), 1e-6)
        : new(_options.MaxIterations, _model.GroupCount > 0 ? 1e-6 : 1e-9);
}
