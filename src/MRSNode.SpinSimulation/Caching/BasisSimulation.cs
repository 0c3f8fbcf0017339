using MRSNode.SpinSimulation.SpinSystems;

namespace MRSNode.SpinSimulation.Caching;

/// <summary>
/// A simulator with what identifies its output beyond the request: the spin-system library it simulates and its version
/// (<see cref="CurrentVersion"/>: bump it when the simulator's output for the same request changes, so every cached
/// basis is simulated again rather than reused).
/// </summary>
public sealed record BasisSimulation(IBasisSimulator Simulator, SpinSystemLibrary Library, string Version)
{
    public const string CurrentVersion = "density-matrix-1";

    /// <summary>The shipped simulator (<see cref="DensityMatrixBasisSimulator"/>, ideal pulses) on the embedded library.</summary>
    public static BasisSimulation Default()
    {
        var library = SpinSystemLibrary.LoadEmbedded();
        return new BasisSimulation(new DensityMatrixBasisSimulator(library), library, CurrentVersion);
    }
}
