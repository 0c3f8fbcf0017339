namespace MRSNode.Quantification.Fitting;

/// <summary>
/// Where each nonlinear parameter sits in the fit's parameter vector: the five global ones (<see cref="FitParameters"/>'s
/// order), then per group g its own shift δ_g (Hz) and damping deviation ε_g (FWHM Hz).
/// </summary>
internal static class LineshapeParameters
{
    public const int ShiftHz = 0;
    public const int LorentzHz = 1;
    public const int GaussHz = 2;
    public const int Phase0Rad = 3;
    public const int Phase1RadPerPpm = 4;
    public const int GlobalCount = 5;

    public static int Count(int groups) => GlobalCount + 2 * groups;

    public static int GroupShift(int group) => GlobalCount + 2 * group;

    public static int GroupDamping(int group) => GlobalCount + 2 * group + 1;

    /// <summary>Whether parameter q is a group's damping deviation (bounded below by −|Lorentz|: the total stays ≥ 0).</summary>
    public static bool IsGroupDamping(int q) => q >= GlobalCount && (q - GlobalCount) % 2 == 1;
}
