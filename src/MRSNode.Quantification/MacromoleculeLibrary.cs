using System.Numerics;
using MRSNode.Quantification.Metabolites;
using MRSNode.Spectroscopy;

namespace MRSNode.Quantification;

/// <summary>
/// One line of a parametric macromolecule/lipid component: a Gaussian of <paramref name="FwhmPpm"/> times, in the time
/// domain, a Lorentzian of <paramref name="LorentzFwhmPpm"/> (0: a pure Gaussian, as all of LCModel's), i.e. a Voigt line.
/// </summary>
public sealed record GaussianLine(double Ppm, double FwhmPpm, double RelativeArea, double LorentzFwhmPpm = 0);

/// <summary>A parametric macromolecule or lipid component (a sum of Gaussian lines).</summary>
public sealed record ParametricComponent(string Name, IReadOnlyList<GaussianLine> Lines);

/// <summary>
/// LCModel's simulated lipid and macromolecule components (always fitted, beside any measured MM),
/// with LCModel's default positions, widths and relative areas (manual, section on Lip/MM): Lip13a/b,
/// Lip09, MM09, Lip20, MM20, MM12, MM14, MM17.
/// </summary>
public static class MacromoleculeLibrary
{
    public static IReadOnlyList<ParametricComponent> LcModelDefaults { get; } =
    [
        new("Lip13a", [new(1.28, 0.15, 2)]),
        new("Lip13b", [new(1.28, 0.089, 2)]),
        new("Lip09", [new(0.89, 0.14, 3)]),
        new("MM09", [new(0.91, 0.14, 3)]),
        new("Lip20", [new(2.04, 0.15, 1.33), new(2.25, 0.15, 0.67), new(2.8, 0.2, 0.87)]),
        new("MM20", [new(2.08, 0.15, 1.33), new(2.25, 0.2, 0.33), new(1.95, 0.15, 0.33), new(3.0, 0.2, 0.4)]),
        new("MM12", [new(1.21, 0.15, 2)]),
        new("MM14", [new(1.43, 0.17, 2)]),
        new("MM17", [new(1.67, 0.15, 2)]),
    ];

    /// <summary>LCModel's macromolecule components alone (<see cref="LcModelDefaults"/> without its lipids).</summary>
    public static IReadOnlyList<ParametricComponent> Macromolecules { get; } =
        [.. LcModelDefaults.Where(c => MetaboliteCatalog.Standard.KindOf(c.Name) != MetaboliteKind.Lipid)];

    /// <summary>
    /// For lipid-rich spectra (<see cref="SpectrumType.LipidRich"/>): LCModel's components plus copies of the 1.3, 0.9
    /// and 2.0 ppm lipids 0.04 ppm either side, broad ones (0.3 ppm) and Voigt lines at 1.28/1.32 ppm (Gaussian and
    /// Lorentzian 0.08 ppm each), so the amplitudes can move a lipid line a little off LCModel's position and give it
    /// Lorentzian wings. Tumour and scalp lipids do not sit exactly at 1.28/0.89 ppm nor are they Gaussian, and with one
    /// shift for all components a mismatch on a peak several times tCr was absorbed by the phases and the baseline,
    /// inflating every metabolite (measured, docs/accuracy.md "Pathology"). No line here is narrower than LCModel's
    /// Lip13b (0.089 ppm) off its 1.28 ppm: narrow lipid lines at 1.24/1.32/1.34 ppm are, in combination, the lactate
    /// doublet (1.28/1.34 ppm, ≈ 0.05 ppm lines), and under tumour lipids they traded with lactate at no cost in χ²
    /// (see <see cref="NarrowLipids"/>). Names keep their family's prefix so the Lip13* and Lip09* terms of the priors
    /// and the lipid content still find them.
    /// </summary>
    public static IReadOnlyList<ParametricComponent> LipidRich { get; } =
    [
        .. LcModelDefaults,
        new("Lip13c", [new(1.24, 0.15, 2)]),
        new("Lip13d", [new(1.32, 0.15, 2)]),
        new("Lip13w", [new(1.29, 0.3, 2)]),
        new("Lip13v", [new(1.28, 0.08, 2, 0.08)]),
        new("Lip13u", [new(1.32, 0.08, 2, 0.08)]),
        new("Lip09b", [new(0.85, 0.14, 3)]),
        new("Lip09c", [new(0.93, 0.14, 3)]),
        new("Lip09w", [new(0.89, 0.28, 3)]),
        new("Lip20b", [new(2.04, 0.15, 1)]),
    ];

    /// <summary>
    /// For lipid-rich spectra from <see cref="LipidContent.LongEchoFromMs"/> echo time: <see cref="LipidRich"/> without the
    /// macromolecules (T2 ≈ 20–40 ms: under 10 % of their signal left at TE 100, 1–3 % at 144) and without the
    /// extra Gaussian 1.3 ppm shapes (Lip13c/d 0.04 ppm either side, Lip13w 0.3 ppm wide). At long TE the inverted lactate
    /// doublet lies under the 1.3 ppm lipid, and each further line shape between 1.1 and 1.5 ppm (those three, MM12, MM14)
    /// is freedom that trades with it: TE 144 tumour lipids, Lac's CRLB 1.0 → 0.8 mM and its SD over realisations 1.1 → 0.8 mM
    /// (docs/accuracy.md, "Pathology"). The Voigt lines stay: Gaussian lines alone cannot give a necrotic lipid's Lorentzian
    /// top, and lactate made up the difference (a quarter of its truth left).
    /// </summary>
    public static IReadOnlyList<ParametricComponent> LipidRichLongEcho { get; } =
    [
        .. LipidRich.Where(c => !c.Name.StartsWith("MM", StringComparison.Ordinal) && c.Name is not ("Lip13c" or "Lip13d" or "Lip13w")),
    ];

    /// <summary>
    /// Allylic (−CH₂−CH=, 2.03 ppm) to methylene (−(CH₂)n−, 1.30 ppm) protons of adipose triglyceride: 0.062 / 0.642 of the
    /// fat signal (Hamilton et al., NMR Biomed 2011;24:784, subcutaneous fat at 3 T).
    /// </summary>
    public const double FatAllylicToMethylene = 0.062 / 0.642;

    /// <summary>The narrow fat lines of <see cref="NarrowLipids"/> (what it adds to <see cref="LipidRich"/>).</summary>
    public static IReadOnlyList<ParametricComponent> NarrowFat { get; } =
    [
        new("Lip13n", [new(1.30, 0.03, 2, 0.05), new(2.03, 0.03, 2 * FatAllylicToMethylene, 0.05)]),
        new("Lip13m", [new(1.32, 0.03, 2, 0.05)]),
        new("Lip09n", [new(0.90, 0.03, 3, 0.05)]),
    ];

    /// <summary>
    /// <see cref="LipidRich"/> plus narrow Voigt lines of fat (Gaussian 0.03 and Lorentzian 0.05 ppm; fitted with a
    /// lineshape of their own, <see cref="FitOptions.OwnLipidLineshape"/>), for fat narrower than any tumour lipid
    /// (subcutaneous fat seen through the voxel's side lobes, ≈ 0.1 ppm): the methylene line at 1.30 ppm with its allylic
    /// line at 2.03 ppm in the adipose ratio (<see cref="FatAllylicToMethylene"/>: tied, so the 2.03 ppm line beside NAA's
    /// 2.01 cannot trade with NAA on its own), a second 1.32 ppm line and the methyl line at 0.90 ppm. Without them such
    /// fat bent the common lineshape (Lorentzian to 0) and the first-order phase (≈ 10°/ppm) to fit, and tNAA/tCr fell
    /// 18 %; under tumour lipids they traded with lactate. The lipid-rich fit uses them only where they materially lower
    /// the residual and carry most of the 1.3 ppm lipid (<c>LcmPlan</c>).
    /// </summary>
    public static IReadOnlyList<ParametricComponent> NarrowLipids { get; } = [.. LipidRich, .. NarrowFat];

    /// <summary>The FID of a component on an axis: area (first point) = Σ relative areas × <paramref name="scale"/>.</summary>
    public static Complex[] Fid(ParametricComponent component, SpectralAxis axis, double scale)
    {
        ArgumentNullException.ThrowIfNull(component);
        var fid = new Complex[axis.Points];
        double dwell = 1.0 / axis.SpectralWidthHz;
        foreach (var line in component.Lines)
        {
            double f = (axis.ReferencePpm - line.Ppm) * axis.FrequencyMHz;
            double w = line.FwhmPpm * axis.FrequencyMHz;
            double gaussRate = Math.PI * w * Math.PI * w / (4 * Math.Log(2));
            double lorentzRate = Math.PI * line.LorentzFwhmPpm * axis.FrequencyMHz;
            for (int n = 0; n < fid.Length; n++)
            {
                double t = n * dwell;
                double a = scale * line.RelativeArea * Math.Exp(-gaussRate * t * t - lorentzRate * t);
                fid[n] += a * new Complex(Math.Cos(2 * Math.PI * f * t), Math.Sin(2 * Math.PI * f * t));
            }
        }
        return fid;
    }
}
