using MRSNode.Spectroscopy.Simulation;

namespace MRSNode.Pipeline.Tests;

/// <summary>Simulation settings for the QC tests: one healthy brain spectrum with fixed lineshape and phase, SNR 40.</summary>
internal static class QcSimulation
{
    public static SimulationParameters Clean { get; } = new()
    {
        Amplitudes = SimulationParameters.DefaultAmplitudes.ToDictionary(kv => kv.Key, kv => ValueRange.Fixed((kv.Value.Min + kv.Value.Max) / 2), StringComparer.OrdinalIgnoreCase),
        FrequencyShiftHz = ValueRange.Fixed(0),
        DampingHz = ValueRange.Fixed(4),
        GaussianHz = ValueRange.Fixed(3),
        ZeroOrderPhase = ValueRange.Fixed(0),
        FirstOrderPhaseDegPerPpm = ValueRange.Fixed(0),
        Snr = ValueRange.Fixed(40),
        MmScale = ValueRange.Fixed(1),
        MmExtraDampingHz = ValueRange.Fixed(0),
        ResidualWater = false,
        Baseline = false,
    };
}
