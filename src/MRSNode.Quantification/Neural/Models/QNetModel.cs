using System.Numerics;
using MRSNode.Neural.Backend;
using MRSNode.Neural.Layers;
using MRSNode.Quantification.Neural.Input;
using MRSNode.Quantification.Neural.Physics;

namespace MRSNode.Quantification.Neural.Models;

/// <summary>
/// QNet-style model (after Chen et al. 2023): a 1-D CNN reads the normalised spectrum and predicts the imperfection
/// factors (phases, per-group shifts and dampings, Gaussian width); the physics layer
/// (<see cref="SpectralLeastSquares"/>) applies them to the basis and solves for non-negative amplitudes and the
/// baseline, so the concentrations are a least-squares fit inside the network. Loss: weighted MSE of the amplitudes
/// (through the solve) plus the factors against the simulation truth (weight <see cref="FactorLossWeight"/>).
/// </summary>
public sealed class QNetModel : NeuralModel
{
    private readonly Sequential _network;

    public QNetModel(IComputeBackend backend, GridBasis basis, NetworkSpec spec, SpectralLeastSquares physics, ImperfectionHead head, int seed)
        : base(backend, basis, spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(head);
        Physics = physics;
        Head = head;
        _network = Encoders.Convolutional(backend, new Random(seed), basis.Grid.Count, spec, head.Outputs);
    }

    public override string Kind => "qnet";

    public override Layer Network => _network;

    public SpectralLeastSquares Physics { get; }

    public ImperfectionHead Head { get; }

    public double FactorLossWeight { get; set; } = 1;

    public override double TrainBatch(IReadOnlyList<TrainingExample> batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        int b = batch.Count, p = Head.Outputs, m = Basis.Count;
        var z = Download(_network.Forward(InputTensor(batch.Select(e => e.Input).ToList()), training: true));
        var gradZ = new float[z.Length];
        var losses = new double[b];
        Parallel.For(0, b, i =>
        {
            var zi = z.AsSpan(i * p, p);
            var solution = Physics.Solve(Head.Map(zi), batch[i].Input.Window);
            var gradA = new double[m];
            double loss = 0;
            for (int k = 0; k < m; k++)
            {
                double d = solution.Amplitudes[k] - batch[i].Targets[k];
                loss += Weight(k) * d * d / m;
                gradA[k] = 2 * Weight(k) * d / m / b;
            }
            var gradTheta = Physics.Backward(solution, gradA);
            // The factor loss enters the batch mean like the amplitude loss: its gradient weight carries the 1/b.
            loss += b * Head.Backward(zi, gradTheta, batch[i].Theta, FactorLossWeight / b, gradZ.AsSpan(i * p, p));
            losses[i] = loss;
        });
        _network.Backward(UploadNew(gradZ, b, p));
        return losses.Average();
    }

    public override double[][] PredictNormalised(IReadOnlyList<SpectrumInput> inputs, out double[][]? theta, out Complex[][]? fits)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        int p = Head.Outputs;
        var z = Download(_network.Forward(InputTensor(inputs), training: false));
        var amplitudes = new double[inputs.Count][];
        var thetas = new double[inputs.Count][];
        var fitList = new Complex[inputs.Count][];
        for (int i = 0; i < inputs.Count; i++)
        {
            thetas[i] = Head.Map(z.AsSpan(i * p, p));
            var solution = Physics.Solve(thetas[i], inputs[i].Window);
            amplitudes[i] = solution.Amplitudes;
            fitList[i] = solution.Fit;
        }
        theta = thetas;
        fits = fitList;
        return amplitudes;
    }
}
