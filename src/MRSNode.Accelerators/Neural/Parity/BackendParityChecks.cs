using MRSNode.Neural;
using MRSNode.Neural.Backend;

namespace MRSNode.Accelerators.Neural.Parity;

/// <summary>
/// Every <see cref="IComputeBackend"/> op run on a candidate backend and on CpuBackend (the reference semantics) from
/// the same numbers, with its tolerance: the parity tests (ILGPU's CPU accelerator on every CI run, CUDA where a GPU
/// is) and <c>mrsnode device --check</c> run these same checks.
/// Tolerances (normalised error, see <see cref="ParityResult"/>): 0 for data movement and max pooling (winners
/// compared exactly); 1e-6 for the elementwise ops and average pooling (same expressions, same order; a GPU may fuse a
/// multiply-add); 1e-5 for activations (the device's tanh), AdamW and SumOfSquares (relative; double accumulation
/// in another order); 1e-4 for everything built on GEMM and for BatchNorm (float sums in another order).
/// </summary>
public static class BackendParityChecks
{
    private const double Exact = 0;
    private const double Elementwise = 1e-6;
    private const double Transcendental = 1e-5;
    private const double Reduction = 1e-4;

    private static readonly (string Name, double Tolerance, Action<ParityCase> Run)[] Checks =
    [
        ("upload-download", Exact, UploadDownload),
        ("fill-copy", Exact, FillCopy),
        ("gemm", Reduction, Gemm),
        ("conv1d", Reduction, Conv1d),
        ("linear", Reduction, Linear),
        ("relu", Transcendental, c => ActivationPair(c, Activation.Relu)),
        ("gelu", Transcendental, c => ActivationPair(c, Activation.Gelu)),
        ("crelu", Elementwise, CRelu),
        ("maxpool", Exact, MaxPool),
        ("avgpool", Elementwise, AvgPool),
        ("batchnorm", Reduction, BatchNorm),
        ("elementwise", Elementwise, Elementwise4),
        ("sum-of-squares", Transcendental, SumOfSquares),
        ("adamw", Transcendental, AdamW),
    ];

    public static IReadOnlyList<string> Names { get; } = [.. Checks.Select(c => c.Name)];

    public static ParityResult Run(string name, IComputeBackend candidate, int seed = 7)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        var check = Checks.FirstOrDefault(c => c.Name == name);
        if (check.Run is null)
        {
            throw new ArgumentException($"no parity check '{name}': use {string.Join(", ", Names)}", nameof(name));
        }
        var parity = new ParityCase(candidate, seed);
        check.Run(parity);
        return new ParityResult(name, parity.MaxError, check.Tolerance);
    }

    public static IReadOnlyList<ParityResult> RunAll(IComputeBackend candidate) => [.. Names.Select(n => Run(n, candidate))];

    private static void UploadDownload(ParityCase c)
    {
        var values = c.RandomValues(1_500_000);
        var t = c.Candidate.Allocate(1_500_000);
        c.Candidate.Upload(values, t);
        c.Compare(values, c.Download(t));
    }

    private static void FillCopy(ParityCase c)
    {
        var zeros = c.Candidate.Allocate(3, 5);
        c.Compare(new float[15], c.Download(zeros));
        c.Candidate.Fill(zeros, -2.5f);
        c.Compare(Enumerable.Repeat(-2.5f, 15).ToArray(), c.Download(zeros));
        var (cpu, dev) = c.RandomPair(3, 5);
        var copy = c.Candidate.Allocate(3, 5);
        c.Candidate.Copy(dev, copy);
        c.Compare(cpu.Span, c.Download(copy));
        var fromHost = c.Candidate.Allocate(3, 5);
        c.Candidate.Copy(cpu, fromHost);
        c.Compare(cpu.Span, c.Download(fromHost));
        var toHost = Tensor.Zeros(3, 5);
        c.Candidate.Copy(dev, toHost);
        c.Compare(cpu.Span, toHost.Span);
    }

    private static void Gemm(ParityCase c)
    {
        const int m = 37, n = 29, k = 45;
        foreach (var (ta, tb, beta) in new[] { (false, false, 0f), (true, false, 0.5f), (false, true, 1f), (true, true, 0f) })
        {
            var a = c.RandomPair(ta ? [k, m] : [m, k]);
            var b = c.RandomPair(tb ? [n, k] : [k, n]);
            var y = c.RandomPair(m, n);
            c.Reference.Gemm(ta, tb, m, n, k, 1.5f, a.Cpu, b.Cpu, beta, y.Cpu);
            c.Candidate.Gemm(ta, tb, m, n, k, 1.5f, a.Dev, b.Dev, beta, y.Dev);
            c.Compare(y);
        }
    }

    private static void Conv1d(ParityCase c)
    {
        foreach (var g in new[] { new Conv1dGeometry(3, 2, 5, 40, 5, 2, 2, 2), new Conv1dGeometry(2, 3, 4, 33, 3, 1, 1, 1), new Conv1dGeometry(4, 8, 16, 128, 7, 1, 3, 1) })
        {
            var input = c.RandomPair(g.Batch, g.InChannels, g.InLength);
            var weight = c.RandomPair(g.OutChannels, g.InChannels, g.Kernel);
            var bias = c.RandomPair(g.OutChannels);
            var output = c.ZeroPair(g.Batch, g.OutChannels, g.OutLength);
            var columns = c.ZeroPair(g.Batch, g.Patch, g.OutLength);
            c.Reference.Conv1dForward(input.Cpu, weight.Cpu, bias.Cpu, output.Cpu, columns.Cpu, g);
            c.Candidate.Conv1dForward(input.Dev, weight.Dev, bias.Dev, output.Dev, columns.Dev, g);
            c.Compare(columns);
            c.Compare(output);
            var gradOutput = c.RandomPair(g.Batch, g.OutChannels, g.OutLength);
            var gradInput = c.RandomPair(g.Batch, g.InChannels, g.InLength); // overwritten
            var gradWeight = c.RandomPair(g.OutChannels, g.InChannels, g.Kernel); // accumulated into
            var gradBias = c.RandomPair(g.OutChannels); // accumulated into
            c.Reference.Conv1dBackward(columns.Cpu, weight.Cpu, gradOutput.Cpu, gradInput.Cpu, gradWeight.Cpu, gradBias.Cpu, g);
            c.Candidate.Conv1dBackward(columns.Dev, weight.Dev, gradOutput.Dev, gradInput.Dev, gradWeight.Dev, gradBias.Dev, g);
            c.Compare(gradInput);
            c.Compare(gradWeight);
            c.Compare(gradBias);
        }
    }

    private static void Linear(ParityCase c)
    {
        const int batch = 9, inF = 70, outF = 13;
        var x = c.RandomPair(batch, inF);
        var w = c.RandomPair(outF, inF);
        var b = c.RandomPair(outF);
        var y = c.ZeroPair(batch, outF);
        c.Reference.LinearForward(x.Cpu, w.Cpu, b.Cpu, y.Cpu);
        c.Candidate.LinearForward(x.Dev, w.Dev, b.Dev, y.Dev);
        c.Compare(y);
        var gy = c.RandomPair(batch, outF);
        var gx = c.ZeroPair(batch, inF);
        var gw = c.RandomPair(outF, inF);
        var gb = c.RandomPair(outF);
        c.Reference.LinearBackward(x.Cpu, w.Cpu, gy.Cpu, gx.Cpu, gw.Cpu, gb.Cpu);
        c.Candidate.LinearBackward(x.Dev, w.Dev, gy.Dev, gx.Dev, gw.Dev, gb.Dev);
        c.Compare(gx);
        c.Compare(gw);
        c.Compare(gb);
    }

    private static void ActivationPair(ParityCase c, Activation activation)
    {
        var x = c.Pair(c.RandomValues(5000, 4), 5, 1000);
        var y = c.ZeroPair(5, 1000);
        c.Reference.ActivationForward(activation, x.Cpu, y.Cpu);
        c.Candidate.ActivationForward(activation, x.Dev, y.Dev);
        c.Compare(y);
        var gy = c.RandomPair(5, 1000);
        var gx = c.ZeroPair(5, 1000);
        c.Reference.ActivationBackward(activation, x.Cpu, gy.Cpu, gx.Cpu);
        c.Candidate.ActivationBackward(activation, x.Dev, gy.Dev, gx.Dev);
        c.Compare(gx);
    }

    private static void CRelu(ParityCase c)
    {
        var x = c.RandomPair(3, 4, 50);
        var y = c.ZeroPair(3, 8, 50);
        c.Reference.CReluForward(x.Cpu, y.Cpu);
        c.Candidate.CReluForward(x.Dev, y.Dev);
        c.Compare(y);
        var gy = c.RandomPair(3, 8, 50);
        var gx = c.ZeroPair(3, 4, 50);
        c.Reference.CReluBackward(x.Cpu, gy.Cpu, gx.Cpu);
        c.Candidate.CReluBackward(x.Dev, gy.Dev, gx.Dev);
        c.Compare(gx);
    }

    private static void MaxPool(ParityCase c)
    {
        foreach (var (kernel, stride, ties) in new[] { (2, 2, false), (3, 2, false), (3, 1, true), (5, 3, true) })
        {
            var g = new Pool1dGeometry(6, 41, kernel, stride);
            var values = c.RandomValues(6 * 41);
            if (ties)
            {
                // Few distinct values: the first maximum of each window must win on both backends.
                values = [.. values.Select(v => MathF.Round(v * 2) / 2)];
            }
            var x = c.Pair(values, 2, 3, 41);
            var y = c.ZeroPair(2, 3, g.OutLength);
            int[] argCpu = new int[6 * g.OutLength], argDev = new int[6 * g.OutLength];
            c.Reference.MaxPoolForward(x.Cpu, y.Cpu, argCpu, g);
            c.Candidate.MaxPoolForward(x.Dev, y.Dev, argDev, g);
            c.CompareExactly(argCpu, argDev);
            c.Compare(y);
            var gy = c.RandomPair(2, 3, g.OutLength);
            var gx = c.RandomPair(2, 3, 41); // overwritten
            c.Reference.MaxPoolBackward(gy.Cpu, argCpu, gx.Cpu, g);
            c.Candidate.MaxPoolBackward(gy.Dev, argDev, gx.Dev, g);
            c.Compare(gx);
        }
    }

    private static void AvgPool(ParityCase c)
    {
        foreach (var (kernel, stride) in new[] { (2, 2), (4, 3), (3, 1) })
        {
            var g = new Pool1dGeometry(6, 41, kernel, stride);
            var x = c.RandomPair(2, 3, 41);
            var y = c.ZeroPair(2, 3, g.OutLength);
            c.Reference.AvgPoolForward(x.Cpu, y.Cpu, g);
            c.Candidate.AvgPoolForward(x.Dev, y.Dev, g);
            c.Compare(y);
            var gy = c.RandomPair(2, 3, g.OutLength);
            var gx = c.RandomPair(2, 3, 41);
            c.Reference.AvgPoolBackward(gy.Cpu, gx.Cpu, g);
            c.Candidate.AvgPoolBackward(gy.Dev, gx.Dev, g);
            c.Compare(gx);
        }
    }

    private static void BatchNorm(ParityCase c)
    {
        foreach (var shape in new[] { new[] { 4, 6, 300 }, [16, 5] })
        {
            int channels = shape[1];
            var x = c.Pair([.. c.RandomValues(shape.Aggregate(1, (a, b) => a * b), 3).Select(v => v + 1.5f)], shape);
            var gamma = c.RandomPair(channels);
            var beta = c.RandomPair(channels);
            var runningMean = c.RandomPair(channels);
            var runningVar = c.Pair([.. c.RandomValues(channels).Select(v => 1 + Math.Abs(v))], channels);
            var mean = c.ZeroPair(channels);
            var inverseStd = c.ZeroPair(channels);
            var y = c.ZeroPair(shape);
            foreach (var training in new[] { true, false, true })
            {
                c.Reference.BatchNormForward(x.Cpu, gamma.Cpu, beta.Cpu, runningMean.Cpu, runningVar.Cpu, mean.Cpu, inverseStd.Cpu, y.Cpu, training, 0.1f, 1e-5f);
                c.Candidate.BatchNormForward(x.Dev, gamma.Dev, beta.Dev, runningMean.Dev, runningVar.Dev, mean.Dev, inverseStd.Dev, y.Dev, training, 0.1f, 1e-5f);
                c.Compare(mean);
                c.Compare(inverseStd);
                c.Compare(runningMean);
                c.Compare(runningVar);
                c.Compare(y);
            }
            var gy = c.RandomPair(shape);
            var gx = c.ZeroPair(shape);
            var gGamma = c.RandomPair(channels);
            var gBeta = c.RandomPair(channels);
            c.Reference.BatchNormBackward(x.Cpu, gamma.Cpu, mean.Cpu, inverseStd.Cpu, gy.Cpu, gx.Cpu, gGamma.Cpu, gBeta.Cpu);
            c.Candidate.BatchNormBackward(x.Dev, gamma.Dev, mean.Dev, inverseStd.Dev, gy.Dev, gx.Dev, gGamma.Dev, gBeta.Dev);
            c.Compare(gx);
            c.Compare(gGamma);
            c.Compare(gBeta);
        }
    }

    private static void Elementwise4(ParityCase c)
    {
        var a = c.RandomPair(7, 333);
        var b = c.RandomPair(7, 333);
        var y = c.ZeroPair(7, 333);
        c.Reference.Multiply(a.Cpu, b.Cpu, y.Cpu);
        c.Candidate.Multiply(a.Dev, b.Dev, y.Dev);
        c.Compare(y);
        c.Reference.Add(a.Cpu, b.Cpu, y.Cpu);
        c.Candidate.Add(a.Dev, b.Dev, y.Dev);
        c.Compare(y);
        c.Reference.AddScaled(a.Cpu, -0.75f, y.Cpu);
        c.Candidate.AddScaled(a.Dev, -0.75f, y.Dev);
        c.Compare(y);
        c.Reference.Scale(y.Cpu, 3.25f);
        c.Candidate.Scale(y.Dev, 3.25f);
        c.Compare(y);
    }

    private static void SumOfSquares(ParityCase c)
    {
        foreach (var n in new[] { 1, 255, 100_003, 2_000_000 })
        {
            var x = c.RandomPair(n);
            double reference = c.Reference.SumOfSquares(x.Cpu), candidate = c.Candidate.SumOfSquares(x.Dev);
            c.Record(Math.Abs(reference - candidate) / Math.Max(1, reference));
        }
    }

    private static void AdamW(ParityCase c)
    {
        var p = c.RandomPair(1000);
        var m = c.ZeroPair(1000);
        var v = c.ZeroPair(1000);
        for (int step = 1; step <= 10; step++)
        {
            var g = c.RandomPair(1000);
            var hyper = new AdamWStep(1e-2f, 0.9f, 0.999f, 1e-8f, step % 2 == 0 ? 1e-2f : 0, step);
            c.Reference.AdamWUpdate(p.Cpu, g.Cpu, m.Cpu, v.Cpu, hyper);
            c.Candidate.AdamWUpdate(p.Dev, g.Dev, m.Dev, v.Dev, hyper);
        }
        c.Compare(p);
        c.Compare(m);
        c.Compare(v);
    }
}
