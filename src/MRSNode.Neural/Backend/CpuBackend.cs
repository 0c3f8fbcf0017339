using System.Numerics.Tensors;

namespace MRSNode.Neural.Backend;

/// <summary>
/// The CPU backend: host arrays, SIMD through System.Numerics.Tensors and <see cref="Sgemm"/>, batches split over
/// threads with Parallel.For up to <see cref="Parallelism"/> (1 for single-core inference timing).
/// </summary>
public sealed class CpuBackend(int parallelism) : IComputeBackend
{
    public CpuBackend()
        : this(Environment.ProcessorCount)
    {
    }

    public string Name => "cpu";

    public int Parallelism { get; } = Math.Max(1, parallelism);

    /// <summary>Nothing to release: the tensors are managed arrays.</summary>
    public void Dispose()
    {
    }

    public Tensor Allocate(params int[] shape) => Tensor.Zeros(shape);

    public void Upload(ReadOnlySpan<float> host, Tensor destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        host.CopyTo(destination.Span);
    }

    public void Download(Tensor source, Span<float> host)
    {
        ArgumentNullException.ThrowIfNull(source);
        source.Span.CopyTo(host);
    }

    public void Copy(Tensor source, Tensor destination)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(destination);
        source.Span.CopyTo(destination.Span);
    }

    public void Fill(Tensor destination, float value)
    {
        ArgumentNullException.ThrowIfNull(destination);
        destination.Span.Fill(value);
    }

    public void Gemm(bool transposeA, bool transposeB, int m, int n, int k, float alpha, Tensor a, Tensor b, float beta, Tensor c) =>
        Sgemm.Multiply(transposeA, transposeB, m, n, k, alpha, Host(a), 0, Host(b), 0, beta, Host(c), 0, Parallelism);

    public void Conv1dForward(Tensor input, Tensor weight, Tensor? bias, Tensor output, Tensor columns, Conv1dGeometry geometry) =>
        CpuConvolution.Forward(Host(input), Host(weight), bias is null ? null : Host(bias), Host(output), Host(columns), geometry, Parallelism);

    public void Conv1dBackward(Tensor columns, Tensor weight, Tensor gradOutput, Tensor? gradInput, Tensor gradWeight, Tensor? gradBias, Conv1dGeometry geometry) =>
        CpuConvolution.Backward(Host(columns), Host(weight), Host(gradOutput), gradInput is null ? null : Host(gradInput), Host(gradWeight), gradBias is null ? null : Host(gradBias), geometry, Parallelism);

    public void LinearForward(Tensor input, Tensor weight, Tensor? bias, Tensor output)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(weight);
        ArgumentNullException.ThrowIfNull(output);
        int batch = input[0], inFeatures = input[1], outFeatures = weight[0];
        Sgemm.Multiply(false, true, batch, outFeatures, inFeatures, 1, Host(input), 0, Host(weight), 0, 0, Host(output), 0, Parallelism);
        if (bias is not null)
        {
            var y = output.Span;
            var bs = bias.Span;
            for (int r = 0; r < batch; r++)
            {
                TensorPrimitives.Add(y.Slice(r * outFeatures, outFeatures), bs, y.Slice(r * outFeatures, outFeatures));
            }
        }
    }

    public void LinearBackward(Tensor input, Tensor weight, Tensor gradOutput, Tensor? gradInput, Tensor gradWeight, Tensor? gradBias)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(weight);
        ArgumentNullException.ThrowIfNull(gradOutput);
        int batch = input[0], inFeatures = input[1], outFeatures = weight[0];
        Sgemm.Multiply(true, false, outFeatures, inFeatures, batch, 1, Host(gradOutput), 0, Host(input), 0, 1, Host(gradWeight), 0, Parallelism);
        if (gradInput is not null)
        {
            Sgemm.Multiply(false, false, batch, inFeatures, outFeatures, 1, Host(gradOutput), 0, Host(weight), 0, 0, Host(gradInput), 0, Parallelism);
        }
        if (gradBias is not null)
        {
            var g = gradOutput.Span;
            var gb = gradBias.Span;
            for (int r = 0; r < batch; r++)
            {
                TensorPrimitives.Add(gb, g.Slice(r * outFeatures, outFeatures), gb);
            }
        }
    }

    public void ActivationForward(Activation activation, Tensor input, Tensor output) =>
        CpuPointwise.ActivationForward(activation, input.Span, output.Span);

    public void ActivationBackward(Activation activation, Tensor input, Tensor gradOutput, Tensor gradInput) =>
        CpuPointwise.ActivationBackward(activation, input.Span, gradOutput.Span, gradInput.Span);

    public void CReluForward(Tensor input, Tensor output)
    {
        ArgumentNullException.ThrowIfNull(input);
        int batch = input[0], block = input.Length / batch;
        var x = input.Span;
        var y = output.Span;
        for (int b = 0; b < batch; b++)
        {
            var xb = x.Slice(b * block, block);
            TensorPrimitives.Max(xb, 0f, y.Slice(2 * b * block, block));
            var negative = y.Slice((2 * b + 1) * block, block);
            TensorPrimitives.Negate(xb, negative);
            TensorPrimitives.Max(negative, 0f, negative);
        }
    }

    public void CReluBackward(Tensor input, Tensor gradOutput, Tensor gradInput)
    {
        ArgumentNullException.ThrowIfNull(input);
        int batch = input[0], block = input.Length / batch;
        var x = input.Span;
        var gy = gradOutput.Span;
        var gx = gradInput.Span;
        for (int b = 0; b < batch; b++)
        {
            for (int i = 0; i < block; i++)
            {
                float v = x[b * block + i];
                gx[b * block + i] = v > 0 ? gy[2 * b * block + i] : v < 0 ? -gy[(2 * b + 1) * block + i] : 0;
            }
        }
    }

    public void MaxPoolForward(Tensor input, Tensor output, int[] argmax, Pool1dGeometry geometry) =>
        CpuPooling.MaxForward(input.Span, output.Span, argmax, geometry);

    public void MaxPoolBackward(Tensor gradOutput, int[] argmax, Tensor gradInput, Pool1dGeometry geometry) =>
        CpuPooling.MaxBackward(gradOutput.Span, argmax, gradInput.Span, geometry);

    public void AvgPoolForward(Tensor input, Tensor output, Pool1dGeometry geometry) =>
        CpuPooling.AvgForward(input.Span, output.Span, geometry);

    public void AvgPoolBackward(Tensor gradOutput, Tensor gradInput, Pool1dGeometry geometry) =>
        CpuPooling.AvgBackward(gradOutput.Span, gradInput.Span, geometry);

    public void BatchNormForward(Tensor input, Tensor gamma, Tensor beta, Tensor runningMean, Tensor runningVar, Tensor mean, Tensor inverseStd, Tensor output, bool training, float momentum, float epsilon) =>
        CpuBatchNorm.Forward(input, gamma.Span, beta.Span, runningMean.Span, runningVar.Span, mean.Span, inverseStd.Span, output.Span, training, momentum, epsilon);

    public void BatchNormBackward(Tensor input, Tensor gamma, Tensor mean, Tensor inverseStd, Tensor gradOutput, Tensor gradInput, Tensor gradGamma, Tensor gradBeta) =>
        CpuBatchNorm.Backward(input, gamma.Span, mean.Span, inverseStd.Span, gradOutput.Span, gradInput.Span, gradGamma.Span, gradBeta.Span);

    public void Multiply(Tensor x, Tensor mask, Tensor y) => TensorPrimitives.Multiply(x.Span, mask.Span, y.Span);

    public void Add(Tensor a, Tensor b, Tensor y) => TensorPrimitives.Add(a.Span, b.Span, y.Span);

    public void AddScaled(Tensor x, float alpha, Tensor y) => TensorPrimitives.MultiplyAdd(x.Span, alpha, y.Span, y.Span);

    public void Scale(Tensor x, float alpha) => TensorPrimitives.Multiply(x.Span, alpha, x.Span);

    public double SumOfSquares(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        double sum = 0;
        var s = x.Span;
        for (int i = 0; i < s.Length; i += 4096)
        {
            var chunk = s.Slice(i, Math.Min(4096, s.Length - i));
            sum += TensorPrimitives.Dot(chunk, chunk);
        }
        return sum;
    }

    public void AdamWUpdate(Tensor parameter, Tensor gradient, Tensor firstMoment, Tensor secondMoment, AdamWStep hyperparameters)
    {
        var p = parameter.Span;
        var g = gradient.Span;
        var m = firstMoment.Span;
        var v = secondMoment.Span;
        var step = hyperparameters;
        float c1 = 1 / (1 - MathF.Pow(step.Beta1, step.Step));
        float c2 = 1 / (1 - MathF.Pow(step.Beta2, step.Step));
        float decay = 1 - step.LearningRate * step.WeightDecay;
        for (int i = 0; i < p.Length; i++)
        {
            m[i] = step.Beta1 * m[i] + (1 - step.Beta1) * g[i];
            v[i] = step.Beta2 * v[i] + (1 - step.Beta2) * g[i] * g[i];
            p[i] = p[i] * decay - step.LearningRate * (m[i] * c1) / (MathF.Sqrt(v[i] * c2) + step.Epsilon);
        }
    }

    private static float[] Host(Tensor t)
    {
        ArgumentNullException.ThrowIfNull(t);
        return t.Storage is HostStorage h ? h.Data : throw new InvalidOperationException("the CPU backend computes on host tensors only");
    }
}
