using System.Numerics;
using Parameters = MathNet.Numerics.LinearAlgebra.Vector<double>;
using MathNet.Numerics.Optimization;
using MRSNode.Quantification.Metabolites;
using MRSNode.Quantification.Results;
using MRSNode.Spectroscopy;
using MRSNode.Spectroscopy.Simulation;

namespace MRSNode.Evaluation.Pathology;

/// <summary>
/// The floor under any method on the pathology set: each draw's amplitudes by non-negative least squares on its true
/// components, the draw's own noise added. Every metabolite and the measured MM have their simulated lineshape (shift,
/// damping, Gaussian, phases), each lipid line its simulated shape with its amplitude free; residual water and baseline
/// are taken as known and left out. Only amplitudes are estimated, so the model is linear and this is its Gauss–Markov
/// estimate: no unbiased method that must also find the lineshapes, the lipids' shape and the baseline has a smaller
/// spread. Where its worst error over the draws exceeds a requirement, the requirement is out of reach at that SNR for
/// every such method; only a prior pulling toward an expected value (which the issue forbids for tumour ratios) could
/// meet it. Cases with transients (their noise is not one draw's) are not supported. The phases are known too, so the
/// components and data are taken without them (a unitary change: the noise is as white).
/// With <see cref="OracleUnknowns"/> the lipids' shape, the metabolites' common lineshape and phases, or tNAA's own, are not known but
/// fitted (<see cref="ShapeModel"/>): the floor for a method that must learn them from the spectrum, as any real one must.
/// </summary>
public static class PathologyOracle
{
    /// <summary>The node's (and LCModel's) fit window, for <see cref="OracleData.RealWindow"/>.</summary>
    private const double WindowLowPpm = 0.2, WindowHighPpm = 4.0;

    /// <summary>Lipid lines below this sit in the methylene/methyl width group of <see cref="OracleUnknowns.LipidShape"/>, the rest in the other.</summary>
    private const double LipidWidthGroupBoundaryPpm = 1.6;

    public static IReadOnlyList<PathologyResult> Run(BasisSet basis, IReadOnlyList<PathologyCase> cases, IReadOnlyList<double> snrs, int realisations, int seed, OracleData data = OracleData.ComplexFid, OracleUnknowns unknowns = OracleUnknowns.None)
    {
        ArgumentNullException.ThrowIfNull(basis);
        ArgumentNullException.ThrowIfNull(cases);
        ArgumentNullException.ThrowIfNull(snrs);
        if (cases.FirstOrDefault(c => c.Transients is not null) is { } withTransients)
        {
            throw new ArgumentException($"the oracle takes one FID per draw; case {withTransients.Name} has transients.", nameof(cases));
        }
        var spectra = new PathologySpectra(basis);
        return PathologyEvaluation.EachDraw(cases, snrs, realisations, seed, (pathology, snr, drawSeed) => Estimate(basis, spectra, pathology, snr, drawSeed, data, unknowns));
    }

    private static PathologyFit Estimate(BasisSet basis, PathologySpectra spectra, PathologyCase pathology, double snr, int seed, OracleData data, OracleUnknowns unknowns)
    {
        var simulator = new SpectrumSimulator(basis, PathologySpectra.Parameters(pathology));
        var clean = simulator.SimulateOne(0, seed);
        var noisy = spectra.Build(pathology, snr, seed).Fid();
        var truth = clean.Truth with { ZeroOrderPhaseRad = 0, FirstOrderPhaseDegPerPpm = 0 };
        var metabolites = simulator.Components(truth);
        var lipids = simulator.LipidLineComponents(truth);
        var names = metabolites.Keys.ToList();

        // The data: the metabolites, MM and lipid lines as simulated, plus the noise this draw's spectrum got.
        var fid = new Complex[noisy.Length];
        var cleanFid = clean.Acquisition.Fid();
        for (int t = 0; t < fid.Length; t++)
        {
            fid[t] = noisy[t] - cleanFid[t];
        }
        foreach (var name in names)
        {
            double a = truth.Amplitudes.TryGetValue(name, out var amplitude) ? amplitude : truth.MmScale;
            Accumulate(fid, metabolites[name], a);
        }
        foreach (var lipid in lipids)
        {
            Accumulate(fid, lipid, 1);
        }

        Func<Complex[], Complex[]> seen = data == OracleData.RealWindow ? c => RealWindow(c, simulator.Axis) : c => c;
        var y = seen(fid);
        var model = new ShapeModel(simulator, truth, names, unknowns, seen);
        var columns = model.Columns(unknowns == OracleUnknowns.None ? model.Start : FitShape(model, y));
        var estimate = LineshapeOracle.LeastSquares(columns, y);
        var amplitudes = names.Select((n, k) => (n, estimate[k])).ToDictionary(x => x.n, x => x.Item2, StringComparer.OrdinalIgnoreCase);
        double Pool(string name) => PathologyCase.Pooled(amplitudes, name);
        double tcr = Pool("tCr");
        double Ratio(string name) => tcr > 0 ? Pool(name) / tcr : 0;
        return new PathologyFit(Ratio("tNAA"), Ratio("tCho"), Ratio("Lac"), Pool("Lac"), MetaboliteFlag.NotAssessed, [], amplitudes);
    }

    /// <summary>
    /// The shape parameters at the least squares of the whole fit: amplitudes by non-negative least squares inside,
    /// Nelder–Mead outside, started at the truth (so this is the least-squares point nearest the truth, a generous one).
    /// </summary>
    private static Parameters FitShape(ShapeModel model, Complex[] y)
    {
        // Nelder–Mead stops on a relative change of the cost: as 1 + RSS/|y|², that is an absolute one of the residual's
        // share of the data, which also ends a noise-free fit whose cost starts (at the truth) near zero.
        double power = y.Sum(v => v.Magnitude * v.Magnitude);
        double Cost(Parameters v)
        {
            var columns = model.Columns(v);
            return 1 + ResidualSumOfSquares(columns, LineshapeOracle.LeastSquares(columns, y), y) / power;
        }
        return NelderMeadSimplex.Minimum(ObjectiveFunction.Value(Cost), model.Start, model.Steps, 1e-10, 4000).MinimizingPoint;
    }

    /// <summary>
    /// The oracle's columns (metabolites and MM in the truth's order, then each lipid line) from a parameter vector: the
    /// lineshape's (<see cref="OracleUnknowns.Lineshape"/>: a shift added to every metabolite's, a damping added to every
    /// metabolite's and the MM's, the Gaussian, the zero- and first-order phases; each metabolite keeps its simulated
    /// offsets from the common one), then tNAA's own shift and damping (<see cref="OracleUnknowns.NaaLineshape"/>), then the lipids' (<see cref="OracleUnknowns.LipidShape"/>: a shift common to the lipid
    /// lines and, per width group, lines below <see cref="LipidWidthGroupBoundaryPpm"/> and the rest, a Lorentzian and a
    /// Gaussian width). The simulated lines are Voigt lines at known positions with one width pair per group, so the model
    /// holds the truth and is still generous: a real lipid's positions, number of lines and shape family are unknown too.
    /// </summary>
    private sealed class ShapeModel
    {
        private readonly SpectrumSimulator _simulator;
        private readonly SimulationTruth _truth;
        private readonly IReadOnlyList<string> _names;
        private readonly OracleUnknowns _unknowns;
        private readonly Func<Complex[], Complex[]> _seen;
        private readonly int _naaOffset;
        private readonly int _lipidOffset;

        public ShapeModel(SpectrumSimulator simulator, SimulationTruth truth, IReadOnlyList<string> names, OracleUnknowns unknowns, Func<Complex[], Complex[]> seen)
        {
            (_simulator, _truth, _names, _unknowns, _seen) = (simulator, truth, names, unknowns, seen);
            var start = new List<double>();
            var steps = new List<double>();
            if (unknowns.HasFlag(OracleUnknowns.Lineshape))
            {
                start.AddRange([0, 0, truth.GaussianHz, truth.ZeroOrderPhaseRad, truth.FirstOrderPhaseDegPerPpm]);
                steps.AddRange([0.5, 0.5, 1, 0.05, 1]);
            }
            _naaOffset = start.Count;
            if (unknowns.HasFlag(OracleUnknowns.NaaLineshape))
            {
                start.AddRange([0, 0]);
                steps.AddRange([0.5, 0.5]);
            }
            _lipidOffset = start.Count;
            if (unknowns.HasFlag(OracleUnknowns.LipidShape) && truth.LipidLines.Count > 0)
            {
                start.Add(0);
                steps.Add(1);
                foreach (var g in new[] { 0, 1 })
                {
                    var first = truth.LipidLines.FirstOrDefault(l => GroupOf(l) == g);
                    start.AddRange([first?.Line.LorentzianHz ?? 0, first?.Line.GaussianHz ?? 0]);
                    steps.AddRange([2, 2]);
                }
            }
            Start = Parameters.Build.DenseOfEnumerable(start);
            Steps = Parameters.Build.DenseOfEnumerable(steps);
        }

        /// <summary>The truth's parameters (an empty vector where nothing is unknown).</summary>
        public Parameters Start { get; }

        public Parameters Steps { get; }

        public List<Complex[]> Columns(Parameters v)
        {
            var truth = _truth;
            if (_unknowns.HasFlag(OracleUnknowns.Lineshape))
            {
                truth = truth with
                {
                    ShiftsHz = truth.ShiftsHz.ToDictionary(kv => kv.Key, kv => kv.Value + v[0], StringComparer.OrdinalIgnoreCase),
                    DampingsHz = truth.DampingsHz.ToDictionary(kv => kv.Key, kv => Math.Max(0, kv.Value + v[1]), StringComparer.OrdinalIgnoreCase),
                    MmExtraDampingHz = Math.Max(0, truth.MmExtraDampingHz + v[1]),
                    GaussianHz = Math.Abs(v[2]),
                    ZeroOrderPhaseRad = v[3],
                    FirstOrderPhaseDegPerPpm = v[4],
                };
            }
            if (_unknowns.HasFlag(OracleUnknowns.NaaLineshape))
            {
                double shift = v[_naaOffset], damping = v[_naaOffset + 1];
                truth = truth with
                {
                    ShiftsHz = truth.ShiftsHz.ToDictionary(kv => kv.Key, kv => kv.Value + (IsTNaa(kv.Key) ? shift : 0), StringComparer.OrdinalIgnoreCase),
                    DampingsHz = truth.DampingsHz.ToDictionary(kv => kv.Key, kv => Math.Max(0, kv.Value + (IsTNaa(kv.Key) ? damping : 0)), StringComparer.OrdinalIgnoreCase),
                };
            }
            if (v.Count > _lipidOffset)
            {
                double shiftPpm = v[_lipidOffset] / _simulator.Axis.FrequencyMHz;
                truth = truth with
                {
                    LipidLines = [.. truth.LipidLines.Select(l => l with
                    {
                        Line = l.Line with
                        {
                            Ppm = l.Line.Ppm + shiftPpm,
                            LorentzianHz = Math.Abs(v[_lipidOffset + 1 + 2 * GroupOf(l)]),
                            GaussianHz = Math.Abs(v[_lipidOffset + 2 + 2 * GroupOf(l)]),
                        },
                    })],
                };
            }
            var metabolites = _simulator.Components(truth);
            return [.. _names.Select(n => _seen(metabolites[n])), .. _simulator.LipidLineComponents(truth).Select(_seen)];
        }

        /// <summary>Whether a metabolite shares tNAA's lineshape group: the group the node's own-NAA lineshape frees.</summary>
        private static bool IsTNaa(string name) => MetaboliteCatalog.Standard.LineshapeGroupOf(name) == MetaboliteCatalog.Standard.LineshapeGroupOf("NAA");

        private static int GroupOf(AddedLipidLine line) => line.Line.Ppm < LipidWidthGroupBoundaryPpm ? 0 : 1;
    }

    private static double ResidualSumOfSquares(List<Complex[]> columns, double[] amplitudes, Complex[] y)
    {
        double sum = 0;
        for (int t = 0; t < y.Length; t++)
        {
            Complex model = Complex.Zero;
            for (int j = 0; j < columns.Count; j++)
            {
                model += amplitudes[j] * columns[j][t];
            }
            sum += (y[t] - model).Magnitude * (y[t] - model).Magnitude;
        }
        return sum;
    }

    /// <summary>The real part of the spectrum over the fit window, as complex values with no imaginary part.</summary>
    private static Complex[] RealWindow(Complex[] fid, SpectralAxis axis)
    {
        var spectrum = SpectralAxis.Spectrum(fid);
        return Enumerable.Range(0, spectrum.Length)
            .Where(k => axis.Ppm(k) >= WindowLowPpm && axis.Ppm(k) <= WindowHighPpm)
            .Select(k => new Complex(spectrum[k].Real, 0))
            .ToArray();
    }

    private static void Accumulate(Complex[] sum, Complex[] component, double scale)
    {
        for (int t = 0; t < sum.Length; t++)
        {
            sum[t] += scale * component[t];
        }
    }
}

/// <summary>What <see cref="PathologyOracle"/> fits beside the amplitudes (the rest it knows).</summary>
[Flags]
public enum OracleUnknowns
{
    /// <summary>Every shape as simulated; only the amplitudes are free.</summary>
    None = 0,
    /// <summary>The lipid lines' common shift and each width group's Lorentzian and Gaussian widths (positions and Voigt family known).</summary>
    LipidShape = 1,
    /// <summary>The metabolites' common shift, damping and Gaussian and the two phases (each metabolite's offsets from them known).</summary>
    Lineshape = 2,
    /// <summary>A shift and a damping of tNAA's own (NAA and NAAG) on top of their simulated ones, as the node's <c>--own-naa-lineshape</c> fits.</summary>
    NaaLineshape = 4,
}

/// <summary>What <see cref="PathologyOracle"/>'s least squares sees.</summary>
public enum OracleData
{
    /// <summary>The whole complex FID: the floor for any method.</summary>
    ComplexFid,
    /// <summary>The real part of the phased spectrum over 0.2–4.0 ppm: the floor for a method that fits what LCModel and the node fit.</summary>
    RealWindow,
}
