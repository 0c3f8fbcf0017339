using MRSNode.Neural.Backend;
using MRSNode.Neural.Layers;

namespace MRSNode.Quantification.Neural.Models;

/// <summary>The networks of the two model kinds, built from a <see cref="NetworkSpec"/> and a seeded generator.</summary>
public static class Encoders
{
    /// <summary>
    /// QNet's encoder: [B, 2, W] → [B, outputs]. A wide first convolution, then stride-2 stages (GELU, BatchNorm) with a
    /// residual block, flatten, two fully connected layers; the last one starts 10× smaller so the first predictions
    /// sit at the centre of the trained ranges.
    /// </summary>
    public static Sequential Convolutional(IComputeBackend backend, Random random, int window, NetworkSpec spec, int outputs)
    {
        ArgumentNullException.ThrowIfNull(spec);
        int c = spec.Channels;
        int length = window;
        var layers = new List<Layer>
        {
            new Conv1d(backend, random, 2, c, 9, padding: 4),
            new Gelu(backend),
            new Conv1d(backend, random, c, c, 7, stride: 2, padding: 3),
            new BatchNorm1d(backend, c),
            new Gelu(backend),
            new Residual(backend, new Sequential(backend, new Conv1d(backend, random, c, c, 5, padding: 2), new Gelu(backend))),
            new Conv1d(backend, random, c, 2 * c, 5, stride: 2, padding: 2),
            new BatchNorm1d(backend, 2 * c),
            new Gelu(backend),
            new Conv1d(backend, random, 2 * c, 2 * c, 5, stride: 2, padding: 2),
            new BatchNorm1d(backend, 2 * c),
            new Gelu(backend),
            new Conv1d(backend, random, 2 * c, 2 * c, 3, stride: 2, padding: 1),
            new Gelu(backend),
            new Flatten(backend),
        };
        for (int i = 0; i < 4; i++)
        {
            length = (length - 1) / 2 + 1;
        }
        layers.Add(new Linear(backend, random, 2 * c * length, spec.Hidden));
        layers.Add(new Gelu(backend));
        layers.Add(new Linear(backend, random, spec.Hidden, outputs, weightScale: 0.1f));
        return new Sequential(backend, [.. layers]);
    }

    /// <summary>
    /// Hatami et al. 2018's kind of CNN: convolutions with CReLU (which doubles the channels and keeps the sign of the
    /// real/imaginary input), max pooling, then fully connected layers regressing the amplitudes directly.
    /// </summary>
    public static Sequential Hatami(IComputeBackend backend, Random random, int window, NetworkSpec spec, int outputs, int dropoutSeed)
    {
        ArgumentNullException.ThrowIfNull(spec);
        int c = spec.Channels / 2;
        int length = window / 2 / 2 / 2;
        return new Sequential(backend,
            new Conv1d(backend, random, 2, c, 9, padding: 4),
            new CRelu(backend),
            new MaxPool1d(backend, 2),
            new Conv1d(backend, random, 2 * c, 2 * c, 7, padding: 3),
            new CRelu(backend),
            new MaxPool1d(backend, 2),
            new Conv1d(backend, random, 4 * c, 2 * c, 5, padding: 2),
            new CRelu(backend),
            new MaxPool1d(backend, 2),
            new Flatten(backend),
            new Linear(backend, random, 4 * c * length, spec.Hidden),
            new Relu(backend),
            new Dropout(backend, 0.1f, dropoutSeed),
            new Linear(backend, random, spec.Hidden, outputs, weightScale: 0.1f));
    }
}
