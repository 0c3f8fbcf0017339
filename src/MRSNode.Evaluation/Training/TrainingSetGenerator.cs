using MRSNode.Quantification;
using MRSNode.Quantification.Neural.Input;
using MRSNode.Quantification.Neural.Models;
using MRSNode.Quantification.Neural.Physics;
using MRSNode.Spectroscopy;
using MRSNode.Spectroscopy.Simulation;

namespace MRSNode.Evaluation.Training;

/// <summary>
/// Training and validation spectra for a model: simulated from the basis set (<see cref="SpectrumSimulator"/>), read
/// through the same input path as real data (<see cref="SpectrumInput.FromFid"/>), with targets from the truth:
/// amplitudes (the MM entry's is its scale) normalised as uₘ = aₘ·κ/scale, and θ (per group: the mean of its members'
/// shifts and dampings; the MM entry has shift 0 and its extra damping). Spectrum i depends only on (seed, i).
/// </summary>
public sealed class TrainingSetGenerator(BasisSet basis, SimulationParameters parameters, GridBasis gridBasis)
{
    private readonly SpectrumSimulator _simulator = new(basis, parameters);

    public IReadOnlyList<TrainingExample> Generate(int count, int seed, int parallelism = 1)
    {
        var master = new Random(seed);
        var seeds = Enumerable.Range(0, count).Select(_ => master.Next()).ToArray();
        var examples = new TrainingExample[count];
        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism) }, i =>
        {
            var s = _simulator.SimulateOne(i, seeds[i]);
            examples[i] = Example(s);
        });
        return examples;
    }

    public TrainingExample Example(SimulatedSpectrum spectrum)
    {
        ArgumentNullException.ThrowIfNull(spectrum);
        var input = SpectrumInput.FromFid(LcmQuantifier.Combine(spectrum.Acquisition), spectrum.Acquisition.Axis, gridBasis.Grid);
        var truth = spectrum.Truth;
        var targets = gridBasis.Names.Select(n => Amplitude(truth, n) * gridBasis.Kappa / input.Scale).ToArray();
        return new TrainingExample(input, targets, Theta(truth));
    }

    private double Amplitude(SimulationTruth truth, string name) =>
        IsMacromolecule(name) ? truth.MmScale : truth.Amplitudes.TryGetValue(name, out var a) ? a : 0;

    private bool IsMacromolecule(string name) => string.Equals(name, parameters.MacromoleculeName, StringComparison.OrdinalIgnoreCase);

    private double[] Theta(SimulationTruth truth)
    {
        var layout = new Imperfections(gridBasis.GroupCount);
        var theta = new double[layout.Length];
        theta[Imperfections.Phase0] = truth.ZeroOrderPhaseRad;
        theta[Imperfections.Phase1] = truth.FirstOrderPhaseDegPerPpm;
        theta[layout.Gaussian] = truth.GaussianHz;
        var counts = new int[layout.Groups];
        for (int m = 0; m < gridBasis.Count; m++)
        {
            string name = gridBasis.Names[m];
            int g = gridBasis.Groups[m];
            bool mm = IsMacromolecule(name);
            theta[Imperfections.Shift(g)] += mm ? 0 : truth.ShiftsHz.GetValueOrDefault(name);
            theta[layout.Damping(g)] += mm ? truth.MmExtraDampingHz : truth.DampingsHz.GetValueOrDefault(name);
            counts[g]++;
        }
        for (int g = 0; g < layout.Groups; g++)
        {
            theta[Imperfections.Shift(g)] /= Math.Max(1, counts[g]);
            theta[layout.Damping(g)] /= Math.Max(1, counts[g]);
        }
        return theta;
    }
}
