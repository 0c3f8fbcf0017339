using MRSNode.Spectroscopy;

namespace MRSNode.SpinSimulation;

/// <summary>Makes a basis set for an acquisition protocol from the metabolites' spin systems.</summary>
public interface IBasisSimulator
{
    /// <summary>
    /// One FID per requested metabolite, proton-normalised, in MRSNode's convention (<see cref="BasisSet"/>), with
    /// the request's frequency, points, spectral width, echo time and sequence recorded on the result.
    /// </summary>
    BasisSet Simulate(BasisSimulationRequest request, IProgress<BasisSimulationProgress>? progress = null, CancellationToken cancellationToken = default);
}
