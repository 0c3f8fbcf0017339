using MRSNode.Spectroscopy;
using MRSNode.Spectroscopy.Simulation;

namespace MRSNode.Evaluation.Training;

/// <summary>Named simulation settings for training and evaluation.</summary>
public static class SimulationProtocols
{
    /// <summary>
    /// Hatami et al. 2018's ranges on a basis set: every amplitude (and the MM scale) uniform in [0, 1], per-metabolite
    /// shifts uniform in ±10 Hz and Lorentzian dampings in 0–10 Hz (MM extra damping too), no phase errors, Gaussian,
    /// baseline or water, and <paramref name="snr"/> as the simulator defines it (NAA height / noise SD; evaluation
    /// adds Hatami's first-point noise itself).
    /// </summary>
    public static SimulationParameters Hatami(BasisSet basis, ValueRange snr)
    {
        ArgumentNullException.ThrowIfNull(basis);
        return new SimulationParameters
        {
            Amplitudes = basis.Metabolites.ToDictionary(m => m.Name, _ => new ValueRange(0, 1), StringComparer.OrdinalIgnoreCase),
            FrequencyShiftHz = new ValueRange(-10, 10),
            DampingHz = new ValueRange(0, 10),
            GaussianHz = ValueRange.Fixed(0),
            ZeroOrderPhase = ValueRange.Fixed(0),
            FirstOrderPhaseDegPerPpm = ValueRange.Fixed(0),
            MmScale = new ValueRange(0, 1),
            MmExtraDampingHz = new ValueRange(0, 10),
            ResidualWater = false,
            Baseline = false,
            Snr = snr,
        };
    }

    /// <summary>"default" (<see cref="SimulationParameters"/>' healthy-adult ranges) or "hatami" (training SNR 2–100).</summary>
    public static SimulationParameters ByName(string name, BasisSet basis) => name switch
    {
        "default" => new SimulationParameters(),
        "hatami" => Hatami(basis, new ValueRange(2, 100)),
        _ => throw new ArgumentException($"unknown simulation protocol '{name}': use default or hatami", nameof(name)),
    };
}
