using MRSNode.Neural;
using MRSNode.Neural.Backend;
using MRSNode.Neural.Layers;
using MRSNode.Quantification.Neural.Input;
using MRSNode.Quantification.Neural.Physics;

namespace MRSNode.Quantification.Neural.Models;

/// <summary>
/// A trainable quantification model on a <see cref="GridBasis"/>: a network plus how its output becomes amplitudes.
/// Outputs are named by the basis entries it was trained on. Amplitude targets and outputs are normalised
/// (u = a·κ/scale); <see cref="Predict"/> maps them back to the data's units. Not thread-safe: layers keep per-pass
/// state, so callers serialise passes (see <see cref="NeuralQuantifier"/>) or use one model per thread.
/// </summary>
public abstract class NeuralModel(IComputeBackend backend, GridBasis basis, NetworkSpec spec)
{
    /// <summary>Where the network's tensors live.</summary>
    public IComputeBackend Backend { get; } = backend;

    public GridBasis Basis { get; } = basis;

    public NetworkSpec Spec { get; } = spec;

    /// <summary>"qnet" or "cnn".</summary>
    public abstract string Kind { get; }

    public abstract Layer Network { get; }

    public IReadOnlyList<string> Names => Basis.Names;

    /// <summary>Per-entry weights of the amplitude loss (default 1).</summary>
    public float[] LossWeights { get; set; } = [];

    /// <summary>Forward, loss and backward on a batch: gradients accumulate in <see cref="Network"/>; returns the mean loss.</summary>
    public abstract double TrainBatch(IReadOnlyList<TrainingExample> batch);

    /// <summary>Amplitudes in normalised units, one row per input.</summary>
    public abstract double[][] PredictNormalised(IReadOnlyList<SpectrumInput> inputs, out double[][]? theta, out System.Numerics.Complex[][]? fits);

    public IReadOnlyList<NeuralPrediction> Predict(IReadOnlyList<SpectrumInput> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var u = PredictNormalised(inputs, out var theta, out var fits);
        return inputs.Select((input, i) => new NeuralPrediction(Names, u[i].Select(x => Math.Max(0, x) * input.Scale / Basis.Kappa).ToArray())
        {
            Theta = theta?[i],
            Fit = fits?[i].Select(z => z * input.Scale).ToArray(),
        }).ToList();
    }

    protected Tensor InputTensor(IReadOnlyList<SpectrumInput> inputs)
    {
        int w = Basis.Grid.Count;
        var host = new float[inputs.Count * 2 * w];
        for (int i = 0; i < inputs.Count; i++)
        {
            inputs[i].WriteChannels(host.AsSpan(i * 2 * w, 2 * w));
        }
        var x = Backend.Allocate(inputs.Count, 2, w);
        Backend.Upload(host, x);
        return x;
    }

    protected float[] Download(Tensor t)
    {
        var host = new float[t.Length];
        Backend.Download(t, host);
        return host;
    }

    protected Tensor UploadNew(float[] host, params int[] shape)
    {
        var t = Backend.Allocate(shape);
        Backend.Upload(host, t);
        return t;
    }

    protected float Weight(int m) => LossWeights.Length > m ? LossWeights[m] : 1;
}
