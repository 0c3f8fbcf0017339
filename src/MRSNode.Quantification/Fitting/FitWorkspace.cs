using System.Numerics;

namespace MRSNode.Quantification.Fitting;

/// <summary>What one fit knows about its data and counts as it goes; created per fit, so a fitter serves many threads.</summary>
/// <param name="DataWindow">The data's spectrum over the window.</param>
/// <param name="PriorScale">Noise SD of the data (frequency domain): the priors' residual rows are (parameter / prior SD) × this.</param>
internal sealed record FitWorkspace(Complex[] DataWindow, double PriorScale)
{
    /// <summary>Model evaluations so far (each an FFT per component and a linear solve).</summary>
    public int Evaluations { get; set; }

    /// <summary>
    /// Whether each evaluation's linear solve starts from the previous one's positive amplitudes (the MRSI profile:
    /// the same minimum, fewer active-set steps, last digits differ).
    /// </summary>
    public bool ReuseActiveSet { get; init; }

    /// <summary>The last evaluation's positive amplitudes, with <see cref="ReuseActiveSet"/>.</summary>
    public bool[]? ActiveAmplitudes { get; set; }
}

/// <summary>The fit at one point of the nonlinear parameters: the model columns, the phased data and the linear solution.</summary>
internal sealed record VarproEvaluation(double Cost, VarproSolution Solution, double[][] Columns, double[] Y) : IResidualEvaluation
{
    public double[] Residual => Solution.Residual;

    public double[] Amplitudes => Solution.Amplitudes;

    public double[] Beta => Solution.Beta;
}
