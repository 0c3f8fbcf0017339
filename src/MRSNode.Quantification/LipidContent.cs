namespace MRSNode.Quantification;

/// <summary>How much lipid a fit found at 0.9/1.3 ppm, relative to creatine, and the spectrum type that implies.</summary>
public static class LipidContent
{
    /// <summary>
    /// The lipid-to-creatine area ratio from which a spectrum is lipid-rich. Healthy short-TE brain fits put the 0.9/1.3
    /// ppm components well below the creatine area; tumour lipids are several times it (docs/accuracy.md, "Pathology").
    /// </summary>
    public const double LipidRichAtOrAbove = 1.0;

    /// <summary>
    /// The lipid-to-creatine ratio from which lactate at 1.3 ppm cannot be read, present or absent, even in a spectrum not
    /// fitted as lipid-rich: at TE 144 the inverted lactate doublet cancels part of a positive lipid line, so the first fit
    /// sees less lipid than there is (measured: healthy simulated spectra 0.00–0.01, the in vivo Philips TE 30 scan 0.09,
    /// scalp lipid 2.8; docs/accuracy.md, "Pathology").
    /// </summary>
    public const double LactateMaskedAtOrAbove = 0.3;

    /// <summary>Σ area of the fitted Lip13*/Lip09* components over the area of tCr's members (area = amplitude × |FID(0)|); 0 without creatine.</summary>
    public static double LipidToCreatine(IReadOnlyList<FitComponent> components, IReadOnlyList<double> amplitudes)
    {
        ArgumentNullException.ThrowIfNull(components);
        ArgumentNullException.ThrowIfNull(amplitudes);
        var names = components.Select(c => c.Name).ToList();
        double Area(int i) => amplitudes[i] * components[i].Fid[0].Magnitude;
        double lipid = Enumerable.Range(0, components.Count)
            .Where(i => names[i].StartsWith("Lip13", StringComparison.Ordinal) || names[i].StartsWith("Lip09", StringComparison.Ordinal))
            .Sum(Area);
        double creatine = Metabolites.MetaboliteCatalog.Standard.TotalCreatine.MemberIndices(names)?.Sum(Area) ?? 0;
        return creatine > 0 ? lipid / creatine : 0;
    }

    /// <summary>The echo time from which the first fit's lipid reads low for lactate's cancelling it (TE ≈ 144 ms inverts the doublet).</summary>
    public const double LongEchoFromMs = 100;

    /// <summary>
    /// Lipid-rich from <see cref="LipidRichAtOrAbove"/>; from <see cref="LongEchoFromMs"/> echo time the threshold is
    /// <see cref="LactateMaskedAtOrAbove"/>, because the first (brain) fit puts the inverted lactate doublet against the
    /// positive 1.3 ppm lipid and reads 0.8–0.9 × creatine for lipid that the lipid-rich fit reads as 2.2 (TE 144 tumour
    /// lipids, docs/accuracy.md "Pathology"); fitted as brain, such spectra lost all their lactate.
    /// </summary>
    public static SpectrumType TypeOf(double lipidToCreatine, double? echoTimeMs = null) =>
        lipidToCreatine >= (echoTimeMs >= LongEchoFromMs ? LactateMaskedAtOrAbove : LipidRichAtOrAbove) ? SpectrumType.LipidRich : SpectrumType.Brain;
}
