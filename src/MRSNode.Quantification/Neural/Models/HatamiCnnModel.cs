using System.Numerics;
using MRSNode.Neural.Backend;
using MRSNode.Neural.Layers;
using MRSNode.Quantification.Neural.Input;
using MRSNode.Quantification.Neural.Physics;

namespace MRSNode.Quantification.Neural.Models;

/// <summary>
/// Hatami-style model: the CNN reads the real and imaginary rows and regresses the normalised amplitudes of every basis
/// entry (MM included) directly; loss: weighted MSE. Negative outputs are reported as 0.
/// </summary>
public sealed class HatamiCnnModel : NeuralModel
{
    private readonly Sequential _network;

    public HatamiCnnModel(IComputeBackend backend, GridBasis basis, NetworkSpec spec, int seed)
        : base(backend, basis, spec)
    {
        ArgumentNullException.ThrowIfNull(basis);
        _network = Encoders.Hatami(backend, new Random(seed), basis.Grid.Count, spec, basis.Count, seed + 1);
    }

    public override string Kind => "cnn";

    public override Layer Network => _network;

    public override double TrainBatch(IReadOnlyList<TrainingExample> batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        int b = batch.Count, m = Basis.Count;
        var y = Download(_network.Forward(InputTensor(batch.Select(e => e.Input).ToList()), training: true));
        var grad = new float[y.Length];
        double loss = 0;
        for (int i = 0; i < b; i++)
        {
            for (int k = 0; k < m; k++)
            {
                double d = y[i * m + k] - batch[i].Targets[k];
                loss += Weight(k) * d * d / (b * m);
                grad[i * m + k] = (float)(2 * Weight(k) * d / (b * m));
            }
        }
        _network.Backward(UploadNew(grad, b, m));
        return loss;
    }

    public override double[][] PredictNormalised(IReadOnlyList<SpectrumInput> inputs, out double[][]? theta, out Complex[][]? fits)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        int m = Basis.Count;
        var y = Download(_network.Forward(InputTensor(inputs), training: false));
        theta = null;
        fits = null;
        return Enumerable.Range(0, inputs.Count).Select(i => y.AsSpan(i * m, m).ToArray().Select(v => (double)v).ToArray()).ToArray();
    }
}
