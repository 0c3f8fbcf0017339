using System.Globalization;
using System.Text.RegularExpressions;
using MRSNode.Quantification.Fitting;
using MRSNode.TestSupport;
using Xunit;
using Xunit.Abstractions;

namespace MRSNode.Quantification.Tests.Fitting;

/// <summary>
/// The Levenberg–Marquardt loop on certified reference problems: NIST Statistical Reference Datasets (StRD), nonlinear
/// regression (https://www.itl.nist.gov/div898/strd/nls/nls_main.shtml), public-domain US Government data in
/// tests/data/nist-strd/ (see its NOTICE.md). Each file carries its model's two starting vectors and the certified
/// values; a fit passes with every parameter within 1e-6 of its certified value (relative: six significant digits,
/// NIST's "LRE ≥ 6"). Both starts of each problem are run except MGH10's and BoxBOD's first: from MGH10's
/// (b = 2, 4e5, 2.5e4) the plain Levenberg–Marquardt walks off towards infinity (reported, see below), and from
/// BoxBOD's (1, 1) it reaches b2 ≈ 51, where e^{−b2·x} ≈ 0 for every x and the cost is flat to working precision.
/// </summary>
[UnitTest]
public class LevenbergMarquardtTests(ITestOutputHelper output)
{
    private const double RelativeAccuracy = 1e-6;

    /// <summary>Tighter than the fitter's 1e-9: at these minima a relative cost change of 1e-9 still leaves ~1e-5 in the parameters.</summary>
    private static readonly LevenbergMarquardtOptions Options = new(MaxIterations: 1000, RelativeTolerance: 1e-15);

    [Theory]
    [InlineData("Misra1a", 1)]
    [InlineData("Misra1a", 2)]
    [InlineData("Thurber", 1)]
    [InlineData("Thurber", 2)]
    [InlineData("MGH10", 2)]
    [InlineData("Eckerle4", 1)]
    [InlineData("Eckerle4", 2)]
    [InlineData("BoxBOD", 2)]
    [InlineData("Rat43", 1)]
    [InlineData("Rat43", 2)]
    public void Minimize_NistStrdProblem_ReachesTheCertifiedValues(string dataset, int start)
    {
        var problem = NistProblem.Load(dataset);

        var result = LevenbergMarquardt.Minimize(problem, problem.Start(start), Options, CancellationToken.None);

        output.WriteLine($"{dataset} start {start}: {result.Status} after {result.Iterations} iterations, RSS {result.Best.Cost:G11} (certified {problem.CertifiedRss:G11})");
        for (int i = 0; i < problem.ParameterCount; i++)
        {
            double relative = Math.Abs(result.Parameters[i] - problem.Certified[i]) / Math.Abs(problem.Certified[i]);
            output.WriteLine($"  b{i + 1} {result.Parameters[i]:G11} certified {problem.Certified[i]:G11} (LRE {-Math.Log10(Math.Max(relative, 1e-16)):F1})");
        }
        Assert.Contains(result.Status, new[] { FitStatus.Converged, FitStatus.Stalled });
        for (int i = 0; i < problem.ParameterCount; i++)
        {
            Assert.InRange(result.Parameters[i], problem.Certified[i] - RelativeAccuracy * Math.Abs(problem.Certified[i]), problem.Certified[i] + RelativeAccuracy * Math.Abs(problem.Certified[i]));
        }
        Assert.Equal(problem.CertifiedRss, result.Best.Cost, RelativeAccuracy * problem.CertifiedRss);
    }

    [Fact]
    public void Minimize_Mgh10FromItsFarStart_ReportsMaxIterationsNotConvergence()
    {
        var problem = NistProblem.Load("MGH10");

        var result = LevenbergMarquardt.Minimize(problem, problem.Start(1), Options with { MaxIterations = 200 }, CancellationToken.None);

        output.WriteLine($"{result.Status}, RSS {result.Best.Cost:G6}, b {string.Join(", ", result.Parameters.Select(v => v.ToString("G6", CultureInfo.InvariantCulture)))}");
        Assert.Equal(FitStatus.MaxIterations, result.Status);
        Assert.Equal(201, result.Iterations);
        Assert.True(result.Best.Cost > 1e6 * problem.CertifiedRss);
    }

    [Fact]
    public void Minimize_CancelledToken_ThrowsBeforeAnyIteration()
    {
        var problem = NistProblem.Load("Misra1a");
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.Throws<OperationCanceledException>(() => LevenbergMarquardt.Minimize(problem, problem.Start(1), Options, cancelled.Token));
        Assert.Equal(0, problem.Evaluations);
    }

    [Fact]
    public void Minimize_TokenCancelledDuringTheFit_StopsAtTheNextIteration()
    {
        using var source = new CancellationTokenSource();
        var problem = NistProblem.Load("Thurber");
        problem.OnEvaluate = n =>
        {
            if (n == 3)
            {
                source.Cancel();
            }
        };

        Assert.Throws<OperationCanceledException>(() => LevenbergMarquardt.Minimize(problem, problem.Start(1), Options, source.Token));
        // Cancelled in the first iteration's trial (evaluation 3 at most): the second iteration does not start.
        Assert.InRange(problem.Evaluations, 3, 3 + Options.TriesPerIteration);
    }

    [Fact]
    public void Minimize_NotFiniteAtTheStart_SingularWithoutSteps()
    {
        var problem = NistProblem.Load("MGH10");

        // exp(b2 / (x + b3)) at b2 = 1e6, b3 = −49.99 overflows at x = 50.
        var result = LevenbergMarquardt.Minimize(problem, [1, 1e6, -49.99], Options, CancellationToken.None);

        Assert.Equal(FitStatus.Singular, result.Status);
        Assert.Equal(0, result.Iterations);
        Assert.Equal([1, 1e6, -49.99], result.Parameters);
    }

    [Fact]
    public void Minimize_ZeroJacobian_ReportsStalledNotConverged()
    {
        // A residual that no parameter moves: every damped step is zero, no try lowers the cost.
        var problem = new ConstantProblem();

        var result = LevenbergMarquardt.Minimize(problem, [1, 2], Options, CancellationToken.None);

        Assert.Equal(FitStatus.Stalled, result.Status);
        Assert.Equal(1, result.Iterations);
        Assert.Equal([1, 2], result.Parameters);
        Assert.Equal(1 + Options.TriesPerIteration, problem.Evaluations);
    }

    /// <summary>One NIST StRD nonlinear regression problem: y = f(x; b) + e, residual y − f, Jacobian −∂f/∂b (analytic).</summary>
    private sealed class NistProblem : INonlinearLeastSquaresProblem<NistEvaluation>
    {
        private readonly double[] _x;
        private readonly double[] _y;
        private readonly double[][] _starts;
        private readonly Func<double, double[], double> _f;
        private readonly Func<double, double[], double[]> _gradient;

        private NistProblem(double[] x, double[] y, double[][] starts, double[] certified, double certifiedRss, Func<double, double[], double> f, Func<double, double[], double[]> gradient)
        {
            _x = x;
            _y = y;
            _starts = starts;
            Certified = certified;
            CertifiedRss = certifiedRss;
            _f = f;
            _gradient = gradient;
        }

        public double[] Certified { get; }

        public double CertifiedRss { get; }

        public int ParameterCount => Certified.Length;

        public int Evaluations { get; private set; }

        public Action<int>? OnEvaluate { get; set; }

        public double[] Start(int which) => (double[])_starts[which - 1].Clone();

        public NistEvaluation Evaluate(double[] parameters)
        {
            Evaluations++;
            OnEvaluate?.Invoke(Evaluations);
            var r = new double[_x.Length];
            for (int i = 0; i < r.Length; i++)
            {
                r[i] = _y[i] - _f(_x[i], parameters);
            }
            return new NistEvaluation(r.Sum(v => v * v), r);
        }

        public double[][] Jacobian(double[] parameters, NistEvaluation evaluation)
        {
            var jac = new double[parameters.Length][];
            for (int q = 0; q < jac.Length; q++)
            {
                jac[q] = new double[_x.Length];
            }
            for (int i = 0; i < _x.Length; i++)
            {
                var g = _gradient(_x[i], parameters);
                for (int q = 0; q < jac.Length; q++)
                {
                    jac[q][i] = -g[q];
                }
            }
            return jac;
        }

        public void Constrain(double[] trial)
        {
        }

        public bool IsHeldAtBound(double[] parameters, int q, double descent) => false;

        /// <summary>The data, starts and certified values from tests/data/nist-strd/&lt;name&gt;.dat; the model by name.</summary>
        public static NistProblem Load(string name)
        {
            var lines = File.ReadAllLines(TestData.Path($"nist-strd/{name}.dat"));
            var parameters = lines.Select(l => Regex.Match(l, @"^\s*b\d+\s*=\s*(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s*$")).Where(m => m.Success).ToArray();
            double Number(Group g) => double.Parse(g.Value, CultureInfo.InvariantCulture);
            double[][] starts = [parameters.Select(m => Number(m.Groups[1])).ToArray(), parameters.Select(m => Number(m.Groups[2])).ToArray()];
            var certified = parameters.Select(m => Number(m.Groups[3])).ToArray();
            double rss = double.Parse(Regex.Match(string.Join('\n', lines), @"Residual Sum of Squares:\s+(\S+)").Groups[1].Value, CultureInfo.InvariantCulture);
            int data = Array.FindIndex(lines, l => Regex.IsMatch(l, @"^\s*Data:\s+y\s+x\s*$"));
            var rows = lines.Skip(data + 1).Where(l => l.Trim().Length > 0)
                .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray())
                .ToArray();
            var (f, gradient) = Model(name);
            return new NistProblem(rows.Select(r => r[1]).ToArray(), rows.Select(r => r[0]).ToArray(), starts, certified, rss, f, gradient);
        }

        private static (Func<double, double[], double> F, Func<double, double[], double[]> Gradient) Model(string name) => name switch
        {
            // y = b1·(1 − e^{−b2·x})
            "Misra1a" or "BoxBOD" => (
                (x, b) => b[0] * (1 - Math.Exp(-b[1] * x)),
                (x, b) => [1 - Math.Exp(-b[1] * x), b[0] * x * Math.Exp(-b[1] * x)]),
            // y = (b1 + b2·x + b3·x² + b4·x³) / (1 + b5·x + b6·x² + b7·x³)
            "Thurber" => (
                (x, b) => (b[0] + b[1] * x + b[2] * x * x + b[3] * x * x * x) / (1 + b[4] * x + b[5] * x * x + b[6] * x * x * x),
                (x, b) =>
                {
                    double n = b[0] + b[1] * x + b[2] * x * x + b[3] * x * x * x;
                    double d = 1 + b[4] * x + b[5] * x * x + b[6] * x * x * x;
                    return [1 / d, x / d, x * x / d, x * x * x / d, -n * x / (d * d), -n * x * x / (d * d), -n * x * x * x / (d * d)];
                }),
            // y = b1·e^{b2 / (x + b3)}
            "MGH10" => (
                (x, b) => b[0] * Math.Exp(b[1] / (x + b[2])),
                (x, b) =>
                {
                    double e = Math.Exp(b[1] / (x + b[2]));
                    return [e, b[0] * e / (x + b[2]), -b[0] * e * b[1] / ((x + b[2]) * (x + b[2]))];
                }),
            // y = (b1/b2)·e^{−u²/2}, u = (x − b3)/b2
            "Eckerle4" => (
                (x, b) => b[0] / b[1] * Math.Exp(-0.5 * ((x - b[2]) / b[1]) * ((x - b[2]) / b[1])),
                (x, b) =>
                {
                    double u = (x - b[2]) / b[1];
                    double e = Math.Exp(-0.5 * u * u);
                    return [e / b[1], b[0] * e / (b[1] * b[1]) * (u * u - 1), b[0] * e * u / (b[1] * b[1])];
                }),
            // y = b1 / (1 + e^{b2 − b3·x})^{1/b4}
            "Rat43" => (
                (x, b) => b[0] / Math.Pow(1 + Math.Exp(b[1] - b[2] * x), 1 / b[3]),
                (x, b) =>
                {
                    double e = Math.Exp(b[1] - b[2] * x);
                    double w = 1 + e;
                    double v = Math.Pow(w, -1 / b[3]);
                    return [v, -b[0] * v * e / w / b[3], b[0] * v * e / w * x / b[3], b[0] * v * Math.Log(w) / (b[3] * b[3])];
                }),
            _ => throw new ArgumentException($"no model for {name}"),
        };
    }

    private sealed record NistEvaluation(double Cost, double[] Residual) : IResidualEvaluation;

    /// <summary>r = (1, 1) whatever the parameters.</summary>
    private sealed class ConstantProblem : INonlinearLeastSquaresProblem<NistEvaluation>
    {
        public int ParameterCount => 2;

        public int Evaluations { get; private set; }

        public NistEvaluation Evaluate(double[] parameters)
        {
            Evaluations++;
            return new NistEvaluation(2, [1, 1]);
        }

        public double[][] Jacobian(double[] parameters, NistEvaluation evaluation) => [[0, 0], [0, 0]];

        public void Constrain(double[] trial)
        {
        }

        public bool IsHeldAtBound(double[] parameters, int q, double descent) => false;
    }
}
