using System.Numerics;
using MRSNode.Quantification.Metabolites;
using MRSNode.Spectroscopy;
using MRSNode.Spectroscopy.Processing;

namespace MRSNode.Evaluation.SimulatedBasis;

/// <summary>
/// What two basis sets from different makers need before they are compared entry by entry: the same names (the
/// catalog's: Osprey's "PCh" is the node's "PCho") and the same receiver position. Basis sets differ in where they put
/// the receiver: Osprey's lands Cr's singlet at 2.997 ppm on LCModel's 4.65 ppm centre, the organisers' and the node's
/// at 3.027. A fit absorbs that in its shift; a correlation of 2 Hz wide lines does not.
/// </summary>
public static class BasisAlignment
{
    /// <summary>The catalog's canonical name for a basis entry (the name itself when the catalog does not know it).</summary>
    public static string Canonical(string name) => MetaboliteCatalog.Standard.Find(name, StringComparison.OrdinalIgnoreCase)?.Name ?? name;

    /// <summary>The entry of <paramref name="set"/> that is the same metabolite as <paramref name="name"/>.</summary>
    public static BasisMetabolite? Counterpart(BasisSet set, string name)
    {
        ArgumentNullException.ThrowIfNull(set);
        return set.Metabolites.FirstOrDefault(m => string.Equals(Canonical(m.Name), Canonical(name), StringComparison.OrdinalIgnoreCase));
    }

    /// <summary><paramref name="set"/> moved as a whole (every entry by the same frequency) so that its Cr singlet peaks at <paramref name="creatinePpm"/>.</summary>
    public static BasisSet AlignedOnCreatine(BasisSet set, double creatinePpm)
    {
        ArgumentNullException.ThrowIfNull(set);
        double shiftHz = (CreatinePeakPpm(set) - creatinePpm) * set.FrequencyMHz;
        var moved = set.Metabolites.Select(m =>
        {
            var fid = m.Fid.ToArray();
            FidMath.ShiftAndPhase(fid, set.DwellTimeSeconds, shiftHz, 0);
            return new BasisMetabolite(m.Name, fid);
        }).ToList();
        return set with { Metabolites = moved };
    }

    /// <summary>Where Cr's singlet (2.93–3.13 ppm) peaks, on an 8-fold zero-filled absorption spectrum.</summary>
    public static double CreatinePeakPpm(BasisSet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        var fid = (Counterpart(set, "Cr") ?? throw new ArgumentException("the basis set has no Cr to align on", nameof(set))).Fid;
        var padded = new Complex[fid.Length * 8];
        fid.AsSpan().CopyTo(padded);
        var axis = set.Axis with { Points = padded.Length };
        var spectrum = SpectralAxis.Spectrum(padded);
        int from = (int)Math.Round(axis.IndexOf(3.13)), to = (int)Math.Round(axis.IndexOf(2.93));
        int peak = from;
        for (int k = from; k <= to; k++)
        {
            if (spectrum[k].Real > spectrum[peak].Real)
            {
                peak = k;
            }
        }
        return axis.Ppm(peak);
    }
}
