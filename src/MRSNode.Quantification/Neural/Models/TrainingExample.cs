using MRSNode.Quantification.Neural.Input;

namespace MRSNode.Quantification.Neural.Models;

/// <summary>
/// One training spectrum: the model input, the amplitude targets in normalised units (uₘ = aₘ·κ/scale, per basis entry
/// of the model) and the true imperfection vector θ (for QNet's factor loss; empty when unknown).
/// </summary>
public sealed record TrainingExample(SpectrumInput Input, double[] Targets, double[] Theta);

/// <summary>One spectrum's result: amplitudes in the data's units (basis units × the FID's scale) per basis entry.</summary>
public sealed record NeuralPrediction(IReadOnlyList<string> Names, double[] Amplitudes)
{
    /// <summary>QNet: the predicted imperfection vector (see <see cref="Physics.Imperfections"/>).</summary>
    public double[]? Theta { get; init; }

    /// <summary>QNet: the model spectrum over the window, in the data's units.</summary>
    public System.Numerics.Complex[]? Fit { get; init; }
}
