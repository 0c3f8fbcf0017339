namespace MRSNode.Quantification.Fitting;

/// <summary>
/// Where each nonlinear parameter sits in the fit's parameter vector: the five global ones (<see cref="FitParameters"/>'s
/// order, but the Gaussian as its FWHM squared), then per group g its own shift δ_g (Hz) and damping deviation ε_g (FWHM Hz),
/// then, for each group with widths of its own (the lipids': <see cref="FitOptions.OwnLipidLineshape"/>), its Gaussian
/// FWHM² γ_k (Hz², in place of the common one; that group's ε is its Lorentzian FWHM, not a deviation).
/// </summary>
internal static class LineshapeParameters
{
    public const int ShiftHz = 0;
    public const int LorentzHz = 1;
    /// <summary>
    /// The Gaussian FWHM squared (Hz², ≥ 0). The model depends on the FWHM only through its square, so in the FWHM
    /// itself the Jacobian column vanishes at 0 while the cost still curves there: Gauss–Newton steps then blow up and
    /// a fit whose data want no Gaussian stalls. In the square the column is −c·t²·s, the same at 0 as anywhere.
    /// </summary>
    public const int GaussSquaredHz2 = 2;
    public const int Phase0Rad = 3;
    public const int Phase1RadPerPpm = 4;
    public const int GlobalCount = 5;

    public static int Count(int groups, int ownGaussians = 0) => GlobalCount + 2 * groups + ownGaussians;

    public static int GroupShift(int group) => GlobalCount + 2 * group;

    public static int GroupDamping(int group) => GlobalCount + 2 * group + 1;

    /// <summary>The k-th own Gaussian FWHM² γ_k among <paramref name="groups"/> groups.</summary>
    public static int GroupGauss(int groups, int k) => GlobalCount + 2 * groups + k;

    /// <summary>The reported parameters (FWHM Gaussian) from a parameter vector.</summary>
    public static FitParameters ToFitParameters(double[] p) =>
        new(p[ShiftHz], Math.Abs(p[LorentzHz]), Math.Sqrt(Math.Max(0, p[GaussSquaredHz2])), p[Phase0Rad], p[Phase1RadPerPpm]);

    /// <summary>Whether parameter q is a group's damping deviation (bounded below by −|Lorentz|: the total stays ≥ 0).</summary>
    public static bool IsGroupDamping(int q, int groups) => q >= GlobalCount && q < GlobalCount + 2 * groups && (q - GlobalCount) % 2 == 1;

    /// <summary>Whether parameter q is a group's own Gaussian FWHM² (bounded below by 0).</summary>
    public static bool IsGroupGauss(int q, int groups) => q >= GlobalCount + 2 * groups;
}
