using System.Globalization;
using System.Numerics;
using System.Text;
using MRSNode.SpinSimulation.SpinSystems;
using MRSNode.Spectroscopy;

namespace MRSNode.Evaluation.BasisAgreement;

/// <summary>One metabolite's agreement between a simulated basis and a reference basis of the same protocol.</summary>
/// <param name="Name">The reference basis's name for it.</param>
/// <param name="Protons">Its protons in the spin-system library (what each area is divided by).</param>
/// <param name="Correlation">Pearson correlation of the absorption spectra over the window, linewidths matched.</param>
/// <param name="AreaRatio">Simulated over reference area per proton, each relative to the same set's Cr area per proton.</param>
public sealed record BasisAgreementRow(string Name, double Protons, double Correlation, double AreaRatio)
{
    /// <summary>
    /// Area per proton over the whole band (every line, the 0 ppm reference removed), simulated / reference: the proton
    /// normalisation itself, free of lines that one set places just inside the 0.2–4.2 ppm window and the other just outside.
    /// </summary>
    public double WholeBandAreaRatio { get; init; } = double.NaN;
}

/// <summary>The rows, and how the linewidths were matched.</summary>
public sealed record BasisAgreementResult(IReadOnlyList<BasisAgreementRow> Rows, LinewidthMatch Linewidth, double LowPpm, double HighPpm)
{
    /// <summary>Points before the reference's zero filling (all points when it has none).</summary>
    public int AcquiredPoints { get; init; }
}

/// <summary>
/// Compares a simulated basis set with a reference one of the same protocol (e.g. the ISMRM 2016 challenge's PRESS
/// TE 30 basis), metabolite by metabolite (docs/accuracy.md, "Simulated basis vs the ISMRM 2016 basis"):
/// <list type="number">
/// <item>each entry's 0 ppm reference singlet is removed (<see cref="BasisReferenceLine"/>; the challenge's basis has
/// one in every entry, a simulated one none);</item>
/// <item>the narrower set is broadened until Cr's methyl singlet has the same FWHM in both (<see cref="LinewidthMatch"/>);</item>
/// <item>where the reference's FIDs are zero-filled (the challenge's 2048 acquired points stored as 4096), the simulated
/// FIDs are cut at the same point, so both spectra carry the same truncation ripple;</item>
/// <item>correlation: Pearson's r of the absorption spectra over <see cref="LowPpm"/>–<see cref="HighPpm"/>;</item>
/// <item>area: ∑ absorption over the same window / the metabolite's protons, divided by Cr's area per proton in the
/// same set, so the two sets' arbitrary scales cancel; the ratio simulated/reference is 1 when the proton
/// normalisation and the signal lost to J-evolution at that TE agree.</item>
/// </list>
/// </summary>
public static class BasisAgreementEvaluation
{
    public const double LowPpm = 0.2;
    public const double HighPpm = 4.2;

    /// <summary>The singlet whose FWHM is matched and whose area per proton sets each set's scale: Cr's methyl.</summary>
    public const string ScaleMetabolite = "Cr";
    public const double ScaleSingletPpm = 3.027;

    /// <summary>The issue's targets: r ≥ 0.99 and proton-normalised area within 2 %.</summary>
    public const double MinCorrelation = 0.99;
    public const double MaxAreaDeviation = 0.02;

    public static bool Passes(BasisAgreementRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row.Correlation >= MinCorrelation && Math.Abs(row.AreaRatio - 1) <= MaxAreaDeviation;
    }

    /// <summary>The reference's metabolites that the library knows (by name or alias), in the reference's order.</summary>
    public static IReadOnlyList<string> CommonMetabolites(BasisSet reference, SpinSystemLibrary library)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(library);
        return reference.Metabolites.Select(m => m.Name).Where(n => library.Find(n) is not null).ToList();
    }

    public static BasisAgreementResult Compare(BasisSet reference, BasisSet simulated, SpinSystemLibrary library, double atFwhmHz = 0)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(simulated);
        ArgumentNullException.ThrowIfNull(library);
        var axis = reference.Axis;
        if (simulated.Axis != axis)
        {
            throw new ArgumentException($"the simulated basis's axis {simulated.Axis} differs from the reference's {axis}: simulate on the same grid");
        }
        var window = new SpectralWindow(axis, LowPpm, HighPpm);
        var wholeBand = new SpectralWindow(axis, axis.Ppm(axis.Points - 1), axis.Ppm(0));
        var pairs = CommonMetabolites(reference, library)
            .Select(name => (Name: name, System: library.Find(name)!, Reference: reference.Find(name)!, Simulated: FindSimulated(simulated, library.Find(name)!)))
            .Where(p => p.Simulated is not null)
            .ToList();
        var scale = pairs.FirstOrDefault(p => string.Equals(p.System.Name, ScaleMetabolite, StringComparison.OrdinalIgnoreCase));
        if (scale.Simulated is null)
        {
            throw new ArgumentException($"both basis sets need {ScaleMetabolite}: its singlet matches the linewidths and sets the area scale");
        }
        var referenceCr = new BasisMetabolite(scale.Reference.Name, BasisReferenceLine.Remove(scale.Reference.Fid, axis));
        var simulatedCr = new BasisMetabolite(scale.Simulated.Name, BasisReferenceLine.Remove(scale.Simulated.Fid, axis));
        var linewidth = LinewidthMatch.Measure(referenceCr, simulatedCr, axis, ScaleSingletPpm) with { TargetFwhmHz = atFwhmHz };

        int acquired = AcquiredPoints(scale.Reference.Fid);

        (Complex[] Reference, Complex[] Simulated) Matched(BasisMetabolite r, BasisMetabolite s) =>
            (linewidth.MatchReference(BasisReferenceLine.Remove(r.Fid, axis), axis),
             Truncate(linewidth.MatchSimulated(BasisReferenceLine.Remove(s.Fid, axis), axis), acquired));

        var (crReference, crSimulated) = Matched(scale.Reference, scale.Simulated);
        double referenceScale = window.Area(crReference) / scale.System.Protons;
        double simulatedScale = window.Area(crSimulated) / scale.System.Protons;
        double referenceWholeScale = wholeBand.Area(crReference) / scale.System.Protons;
        double simulatedWholeScale = wholeBand.Area(crSimulated) / scale.System.Protons;

        var rows = new List<BasisAgreementRow>();
        foreach (var (name, system, r, s) in pairs)
        {
            var (fr, fs) = Matched(r, s!);
            double areaReference = window.Area(fr) / system.Protons / referenceScale;
            double areaSimulated = window.Area(fs) / system.Protons / simulatedScale;
            double wholeReference = wholeBand.Area(fr) / system.Protons / referenceWholeScale;
            double wholeSimulated = wholeBand.Area(fs) / system.Protons / simulatedWholeScale;
            rows.Add(new BasisAgreementRow(name, system.Protons, window.Correlation(fr, fs), areaSimulated / areaReference)
            {
                WholeBandAreaRatio = wholeSimulated / wholeReference,
            });
        }
        return new BasisAgreementResult(rows, linewidth, LowPpm, HighPpm) { AcquiredPoints = acquired };
    }

    /// <summary>
    /// Where a singlet's FID (Cr's) falls by more than a factor of 20 from one point to the next and stays below 1 % of
    /// its start: the start of zero filling. A decaying singlet never drops like that between two points.
    /// </summary>
    internal static int AcquiredPoints(IReadOnlyList<Complex> fid)
    {
        double start = fid[0].Magnitude;
        for (int t = 1; t < fid.Count; t++)
        {
            if (fid[t].Magnitude < fid[t - 1].Magnitude / 20 && Enumerable.Range(t, fid.Count - t).All(k => fid[k].Magnitude < 0.01 * start))
            {
                return t;
            }
        }
        return fid.Count;
    }

    private static Complex[] Truncate(Complex[] fid, int points)
    {
        Array.Clear(fid, Math.Min(points, fid.Length), Math.Max(0, fid.Length - points));
        return fid;
    }

    private static BasisMetabolite? FindSimulated(BasisSet simulated, MetaboliteSpinSystem system) =>
        system.Aliases.Prepend(system.Name).Select(simulated.Find).FirstOrDefault(m => m is not null);

    public static string ToMarkdown(BasisAgreementResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine(inv, $"Linewidth matched on Cr's 3.027 ppm singlet: reference {result.Linewidth.ReferenceFwhmHz:F2} Hz, simulated {result.Linewidth.SimulatedFwhmHz:F2} Hz, both compared at {result.Linewidth.MatchedFwhmHz:F2} Hz; FIDs compared over the reference's {result.AcquiredPoints} acquired points.");
        sb.AppendLine();
        sb.AppendLine(inv, $"| metabolite | protons | r ({result.LowPpm:0.0}–{result.HighPpm:0.0} ppm) | area per proton, simulated / reference | same, whole band | within target |");
        sb.AppendLine("|---|---:|---:|---:|---:|---|");
        foreach (var row in result.Rows)
        {
            sb.AppendLine(inv, $"| {row.Name} | {row.Protons:0.##} | {row.Correlation:F4} | {row.AreaRatio:F4} | {row.WholeBandAreaRatio:F4} | {(Passes(row) ? "yes" : "**no**")} |");
        }
        return sb.ToString();
    }
}
