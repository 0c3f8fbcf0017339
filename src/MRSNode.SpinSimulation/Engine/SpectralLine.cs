using System.Numerics;

namespace MRSNode.SpinSimulation.Engine;

/// <summary>One transition of a simulated spectrum: its frequency (Hz from the reference, MRSNode's sign) and complex amplitude at t = 0.</summary>
internal readonly record struct SpectralLine(double FrequencyHz, Complex Amplitude);
