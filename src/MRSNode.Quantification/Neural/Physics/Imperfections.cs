namespace MRSNode.Quantification.Neural.Physics;

/// <summary>
/// The layout of the imperfection vector θ the physics layer takes (and its gradient): zero-order phase (rad),
/// first-order phase (degrees per ppm about the pivot), a frequency shift (Hz) and a Lorentzian damping (Hz, e^{−πdt})
/// per group, and one Gaussian width (FWHM Hz, e^{−(πgt)²/4ln2}) — the simulator's conventions.
/// </summary>
public readonly record struct Imperfections(int Groups)
{
    public const int Phase0 = 0;
    public const int Phase1 = 1;

    public int Length => 3 + 2 * Groups;

    public static int Shift(int group) => 2 + group;

    public int Damping(int group) => 2 + Groups + group;

    public int Gaussian => 2 + 2 * Groups;
}
