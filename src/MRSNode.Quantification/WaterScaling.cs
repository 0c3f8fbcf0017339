using System.Numerics;
using MRSNode.Quantification.Metabolites;

namespace MRSNode.Quantification;

/// <summary>
/// LCModel's water-scaling parameters: WCONC (mM of NMR-visible water, here relaxation-corrected when
/// built from tissue), ATTH2O (water attenuation), ATTMET (metabolite attenuation). LCModel's defaults are
/// 35880 mM, 0.7, 1.0.
/// </summary>
public sealed record WaterScalingParameters(double WaterConcentrationMm = 35880, double WaterAttenuation = 0.7, double MetaboliteAttenuation = 1.0)
{
    public const double WaterMolarMassGPerMol = 18.015;

    public static WaterScalingParameters LcModelDefaults { get; } = new();

    /// <summary>
    /// From the voxel's tissue fractions and relaxation: WCONC = Σ fᵢ·ρᵢ/18.015·exp(−TE/T2ᵢ) (ρ in g/ml, → mM),
    /// ATTH2O = 1 (the water relaxation is in WCONC), ATTMET = exp(−TE/T2met). The ISMRM 2016 challenge
    /// (GM 0.6, WM 0.4, ρ 0.78/0.65 g/ml, T2 110/80 ms, T2met 160 ms, TE 30 ms) gives 29697 mM and 1/ATTMET = 1.206.
    /// </summary>
    public static WaterScalingParameters FromTissue(
        double gmFraction, double wmFraction, double csfFraction, double echoTimeMs,
        double t2GmMs = 110, double t2WmMs = 80, double t2CsfMs = 1000,
        double waterContentGm = 0.78, double waterContentWm = 0.65, double waterContentCsf = 0.97,
        double t2MetaboliteMs = 160)
    {
        double molPerMl = (gmFraction * waterContentGm * Math.Exp(-echoTimeMs / t2GmMs)
            + wmFraction * waterContentWm * Math.Exp(-echoTimeMs / t2WmMs)
            + csfFraction * waterContentCsf * Math.Exp(-echoTimeMs / t2CsfMs)) / WaterMolarMassGPerMol;
        // Metabolites live in tissue only: correct to the tissue fraction of the voxel.
        double tissue = gmFraction + wmFraction;
        double attMet = Math.Exp(-echoTimeMs / t2MetaboliteMs) * (tissue > 0 ? tissue / (gmFraction + wmFraction + csfFraction) : 1);
        return new WaterScalingParameters(molPerMl * 1e6, 1.0, attMet);
    }

    /// <summary>The ISMRM 2016 fitting challenge: 29697 mM, 1.0, exp(−30/160).</summary>
    public static WaterScalingParameters Ismrm2016 { get; } = new(29697, 1.0, Math.Exp(-30.0 / 160));

    /// <summary>The metabolite relaxation correction 1/ATTMET.</summary>
    public double MetaboliteCorrection => 1 / MetaboliteAttenuation;
}

/// <summary>
/// Absolute concentrations by water scaling, LCModel's equation with the basis's per-proton normalisation
/// made explicit: conc = amplitude × P × 2 × WCONC × ATTH2O / (ATTMET × water area), where the amplitude
/// is in basis units, P the area (FID first point) of one proton at 1 mM in basis units, and 2 water's protons.
/// LCModel builds P into its basis normalisation; MRSNode derives it from the basis (Cr or PCr area / 5
/// protons) unless given. (The ISMRM 2016 challenge's own text basis confirms the per-proton unit: its Cr FID
/// starts at 5.0 without and 5.1 with the 0.1-proton TMS reference; its .BASIS holds the same scaled by 1/64.) The water area is the FID's value at t = 0 (the spectrum's integral), from a
/// Voigt fit of the first points' magnitude (ln|s| = ln A − a·t − b·t²), the same definition as a basis
/// area (a basis FID's first point is its area).
/// </summary>
public static class WaterScaling
{
    public const double WaterProtons = 2;

    /// <summary>Protons per molecule of the reference metabolites used to find the basis's per-proton area: tCr's members.</summary>
    public static IReadOnlyDictionary<string, int> ReferenceProtons { get; } = MetaboliteCatalog.Standard.TotalCreatine.Members
        .ToDictionary(m => m.Name, m => m.Protons ?? throw new InvalidOperationException($"the catalog gives {m.Name} no proton count"), StringComparer.OrdinalIgnoreCase);

    /// <summary>The area of one proton at 1 mM in a basis (resampled, reference singlet removed): Cr (or PCr) area / 5; null if neither is present.</summary>
    public static double? BasisProtonArea(IEnumerable<FitComponent> components)
    {
        ArgumentNullException.ThrowIfNull(components);
        foreach (var c in components)
        {
            if (ReferenceProtons.TryGetValue(c.Name, out int protons) && c.Fid.Length > 0)
            {
                return c.Fid[0].Magnitude / protons;
            }
        }
        return null;
    }

    /// <summary>The area of the unsuppressed water signal (|FID| extrapolated to t = 0).</summary>
    public static double WaterArea(ReadOnlySpan<Complex> fid, double dwellSeconds)
    {
        double max = 0;
        foreach (var z in fid)
        {
            max = Math.Max(max, z.Magnitude);
        }
        // Fit over the points until the magnitude first drops below 30 % of its maximum (at most 256).
        int count = 0;
        while (count < fid.Length && count < 256 && (count < 8 || fid[count].Magnitude > 0.3 * max))
        {
            count++;
        }
        var a = new double[3, 3];
        var b = new double[3];
        for (int n = 0; n < count; n++)
        {
            double m = fid[n].Magnitude;
            if (m <= 0)
            {
                continue;
            }
            double t = n * dwellSeconds;
            double w = m * m;
            double[] x = [1, t, t * t];
            for (int i = 0; i < 3; i++)
            {
                b[i] += w * x[i] * Math.Log(m);
                for (int j = 0; j < 3; j++)
                {
                    a[i, j] += w * x[i] * x[j];
                }
            }
        }
        var c = DenseSolve.SolveSymmetric(a, b);
        return Math.Exp(c[0]);
    }

    /// <summary>Concentration (mM) of a metabolite amplitude, given the water area and the parameters.</summary>
    public static double Concentration(double amplitude, double waterArea, double basisProtonArea, WaterScalingParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return amplitude * basisProtonArea * parameters.WaterConcentrationMm * parameters.WaterAttenuation * WaterProtons
            / (parameters.MetaboliteAttenuation * waterArea);
    }
}
