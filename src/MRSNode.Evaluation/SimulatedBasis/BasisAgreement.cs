using System.Globalization;
using System.Numerics;
using System.Text;
using MRSNode.Quantification;
using MRSNode.Quantification.Metabolites;
using MRSNode.Spectroscopy;

namespace MRSNode.Evaluation.SimulatedBasis;

/// <summary>How one metabolite's spectrum in a basis set compares with the same metabolite in a reference set.</summary>
/// <param name="Correlation">Pearson correlation of the real (absorption) spectra over the window, linewidths matched.</param>
/// <param name="AreaRatio">The basis's area over the reference's (FIDs' first points, reference singlets removed), relative to the
/// same ratio for Cr: 1 when the two sets are proton-normalised alike, whatever their overall scale.</param>
public sealed record MetaboliteAgreement(string Name, double Correlation, double AreaRatio);

/// <summary>
/// Per-metabolite agreement of a basis set (e.g. one this node simulated) with a reference basis set (the ISMRM 2016
/// organisers', Osprey's): both without their 0 ppm reference singlet, the basis put onto the reference's axis and moved
/// so that its Cr singlet sits where the reference's does, both broadened to the same Cr singlet width, then the correlation of their real spectra over a ppm window.
/// Metabolites are matched by the catalog's names, so Osprey's "PCh" meets the node's "PCho".
/// </summary>
public static class BasisAgreement
{
    /// <summary>The narrowest common linewidth (Hz) the spectra are compared at: well above any basis's own width.</summary>
    public const double MinimumMatchedWidthHz = 3;

    public static IReadOnlyList<MetaboliteAgreement> Compare(BasisSet basis, BasisSet reference, double lowPpm = 0.2, double highPpm = 4.2)
    {
        ArgumentNullException.ThrowIfNull(basis);
        ArgumentNullException.ThrowIfNull(reference);
        var axis = reference.Axis;
        var references = BasisResampler.Resample(reference, axis);
        var onAxis = Aligned(BasisResampler.Resample(basis, axis), CreatinePeakPpm(references));
        double widthBasis = CreatineWidthHz(onAxis), widthReference = CreatineWidthHz(references);
        double target = Math.Max(MinimumMatchedWidthHz, Math.Max(widthBasis, widthReference));
        double creatineScale = Counterpart(onAxis, "Cr") is { } bc && Counterpart(references, "Cr") is { } rc ? bc.Fid[0].Real / rc.Fid[0].Real : 1;
        var rows = new List<MetaboliteAgreement>();
        foreach (var r in references.Metabolites)
        {
            if (Counterpart(onAxis, r.Name) is not { } b)
            {
                continue;
            }
            var x = Spectrum(b.Fid, axis, target - widthBasis);
            var y = Spectrum(r.Fid, axis, target - widthReference);
            var (lo, hi) = Window(axis, lowPpm, highPpm);
            rows.Add(new MetaboliteAgreement(Canonical(r.Name), Pearson(x.AsSpan(lo, hi - lo), y.AsSpan(lo, hi - lo)), b.Fid[0].Real / r.Fid[0].Real / creatineScale));
        }
        return rows;
    }

    /// <summary>The entry of <paramref name="set"/> that is the same metabolite as <paramref name="name"/> (catalog names and aliases).</summary>
    internal static BasisMetabolite? Counterpart(BasisSet set, string name) =>
        set.Metabolites.FirstOrDefault(m => string.Equals(Canonical(m.Name), Canonical(name), StringComparison.OrdinalIgnoreCase));

    internal static string Canonical(string name) => MetaboliteCatalog.Standard.Find(name, StringComparison.OrdinalIgnoreCase)?.Name ?? name;

    /// <summary>
    /// <paramref name="set"/> moved as a whole so that its Cr singlet sits at <paramref name="creatinePpm"/>: basis sets
    /// differ in where they put the receiver (Osprey's lands Cr at 2.997 ppm on LCModel's 4.65 ppm centre, the
    /// organisers' at 3.026), which a fit absorbs in its shift but a correlation of narrow lines does not.
    /// </summary>
    internal static BasisSet Aligned(BasisSet set, double creatinePpm)
    {
        double shiftHz = (CreatinePeakPpm(set) - creatinePpm) * set.FrequencyMHz;
        var moved = set.Metabolites.Select(m => new BasisMetabolite(m.Name, m.Fid.Select((z, t) =>
        {
            double arg = 2 * Math.PI * shiftHz * t * set.DwellTimeSeconds;
            return z * new Complex(Math.Cos(arg), Math.Sin(arg));
        }).ToArray())).ToList();
        return set with { Metabolites = moved };
    }

    /// <summary>Where the Cr (else the first entry's) singlet near 3.03 ppm peaks, on an 8-fold zero-filled spectrum.</summary>
    internal static double CreatinePeakPpm(BasisSet set)
    {
        var (axis, spectrum, peak) = CreatinePeak(set);
        return axis.Ppm(peak);
    }

    /// <summary>FWHM (Hz) of the Cr (else the first entry's) singlet near 3.03 ppm, measured on an 8-fold zero-filled spectrum.</summary>
    internal static double CreatineWidthHz(BasisSet set)
    {
        var (axis, spectrum, peak) = CreatinePeak(set);
        int n = axis.Points;
        double half = spectrum[peak].Real / 2;
        int left = peak, right = peak;
        while (left > 0 && spectrum[left].Real > half)
        {
            left--;
        }
        while (right < n - 1 && spectrum[right].Real > half)
        {
            right++;
        }
        return (right - left) * axis.HzPerPoint;
    }

    private static (SpectralAxis Axis, Complex[] Spectrum, int Peak) CreatinePeak(BasisSet set)
    {
        var fid = (Counterpart(set, "Cr") ?? set.Metabolites[0]).Fid;
        var padded = new Complex[fid.Length * 8];
        fid.AsSpan().CopyTo(padded);
        var axis = set.Axis with { Points = padded.Length };
        var spectrum = SpectralAxis.Spectrum(padded);
        var (lo, hi) = Window(axis, 2.93, 3.13);
        int peak = lo;
        for (int k = lo; k < hi; k++)
        {
            if (spectrum[k].Real > spectrum[peak].Real)
            {
                peak = k;
            }
        }
        return (axis, spectrum, peak);
    }

    private static double[] Spectrum(Complex[] fid, SpectralAxis axis, double extraLorentzianHz)
    {
        var broadened = new Complex[fid.Length];
        for (int t = 0; t < fid.Length; t++)
        {
            broadened[t] = fid[t] * Math.Exp(-Math.PI * extraLorentzianHz * t / axis.SpectralWidthHz);
        }
        return SpectralAxis.Spectrum(broadened).Select(z => z.Real).ToArray();
    }

    private static (int Low, int High) Window(SpectralAxis axis, double lowPpm, double highPpm)
    {
        int a = (int)Math.Round(axis.IndexOf(highPpm)), b = (int)Math.Round(axis.IndexOf(lowPpm));
        return (Math.Clamp(Math.Min(a, b), 0, axis.Points), Math.Clamp(Math.Max(a, b) + 1, 0, axis.Points));
    }

    private static double Pearson(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        double mx = 0, my = 0;
        for (int i = 0; i < x.Length; i++)
        {
            mx += x[i];
            my += y[i];
        }
        mx /= x.Length;
        my /= y.Length;
        double sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < x.Length; i++)
        {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxy / Math.Sqrt(sxx * syy);
    }

    public static string ToMarkdown(IReadOnlyList<MetaboliteAgreement> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var sb = new StringBuilder();
        sb.AppendLine("| metabolite | correlation | area ratio |");
        sb.AppendLine("|---|---:|---:|");
        foreach (var r in rows)
        {
            sb.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| {r.Name} | {r.Correlation:F4} | {r.AreaRatio:F3} |"));
        }
        return sb.ToString();
    }
}
