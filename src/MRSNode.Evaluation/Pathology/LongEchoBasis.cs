using MRSNode.Spectroscopy;
using MRSNode.SpinSimulation;

namespace MRSNode.Evaluation.Pathology;

/// <summary>The basis the long-echo pathology cases are made from and fitted with: PRESS TE 144 simulated on a given basis's grid.</summary>
public static class LongEchoBasis
{
    /// <summary>
    /// <see cref="PathologyCases.LongEchoProtocol"/> at <paramref name="grid"/>'s frequency, points, spectral width and
    /// centre, for its metabolites (a measured macromolecule entry has no spin system and is left out).
    /// </summary>
    public static BasisSet Simulate(BasisSet grid, IBasisSimulator simulator)
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(simulator);
        var (te, te1, te2) = PathologyCases.LongEchoProtocol;
        return simulator.Simulate(new BasisSimulationRequest
        {
            FrequencyMHz = grid.FrequencyMHz,
            Sequence = LocalizationSequence.Press,
            EchoTimeMs = te,
            Te1Ms = te1,
            Te2Ms = te2,
            Points = grid.Points,
            SpectralWidthHz = grid.SpectralWidthHz,
            ReferencePpm = grid.ReferencePpm,
            Metabolites = [.. grid.Metabolites.Select(m => m.Name).Where(n => !string.Equals(n, "Mac", StringComparison.OrdinalIgnoreCase))],
        });
    }
}
