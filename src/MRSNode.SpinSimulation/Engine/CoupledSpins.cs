namespace MRSNode.SpinSimulation.Engine;

/// <summary>
/// Spins that share one Hilbert space (dimension 2^n): each proton's shift and its couplings, after equivalent protons
/// are expanded. The simulated signal is multiplied by <see cref="Weight"/> (the group's weight, times the proton
/// count for an uncoupled entry that is simulated as one spin).
/// </summary>
internal sealed record CoupledSpins(IReadOnlyList<double> ShiftsPpm, double[,] CouplingsHz, double Weight)
{
    public int Count => ShiftsPpm.Count;

    public int Dimension => 1 << Count;

    /// <summary>One uncoupled spin (a singlet) of the given weight.</summary>
    public static CoupledSpins Singlet(double shiftPpm, double weight) => new([shiftPpm], new double[1, 1], weight);
}
