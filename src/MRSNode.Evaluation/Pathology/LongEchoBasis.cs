using MRSNode.Evaluation.BasisAgreement;
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
        var (_, te1, te2) = PathologyCases.LongEchoProtocol;
        var names = grid.Metabolites.Select(m => m.Name).Where(n => !string.Equals(n, "Mac", StringComparison.OrdinalIgnoreCase)).ToList();
        return simulator.Simulate(IsmrmChallengeProtocol.Request(grid, names, te1, te2));
    }
}
