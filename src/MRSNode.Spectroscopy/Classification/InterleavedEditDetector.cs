using System.Numerics;

namespace MRSNode.Spectroscopy.Classification;

/// <summary>
/// Finds edit ON/OFF transients interleaved in the dynamics when no header says so. An edit pulse changes the spectrum
/// every other transient (MEGA's 1.9 ppm pulse saturates NAA at 2.01 ppm and edits GABA at 3.0 ppm), so the mean of
/// the odd transients minus the mean of the even ones holds signal at NAA/Cr; in unedited data it holds only noise and
/// shot-to-shot instability. Both are measured in the same regions from a same-parity split (transients 0, 4, 8, …
/// against 2, 6, 10, …; 1, 5, … against 3, 7, …), which carries the same noise and instability but no alternation.
/// </summary>
public static class InterleavedEditDetector
{
    /// <summary>The odd−even difference's highest peak must exceed the same-parity split's by this factor to say "edited".</summary>
    public const double Threshold = 2.5;

    /// <summary>Fewer transients give too few in each quarter for the same-parity split.</summary>
    public const int MinimumTransients = 8;

    private static IReadOnlyList<(double Low, double High)> Regions { get; } = [(1.85, 2.15), (2.85, 3.15)];

    /// <summary>
    /// The highest peak of the odd−even difference over the highest peak expected from the same-parity split, in the
    /// NAA and Cr regions, coils added in power; ≈1 for unedited data. Null when the transients are not held separately (or too few).
    /// </summary>
    public static double? AlternationRatio(MrsAcquisition acquisition)
    {
        ArgumentNullException.ThrowIfNull(acquisition);
        if (acquisition.Averages < MinimumTransients || acquisition.Voxels != 1)
        {
            return null;
        }
        var axis = acquisition.Axis;
        var bins = Bins(axis);
        if (bins.Count == 0)
        {
            return null;
        }
        var counts = new int[4];
        for (int a = 0; a < acquisition.Averages; a++)
        {
            counts[a % 4]++;
        }
        var difference = new double[bins.Count];
        var split = new double[bins.Count];
        for (int c = 0; c < acquisition.Coils; c++)
        {
            var means = QuarterMeans(acquisition, c, counts);
            var alternation = new Complex[acquisition.Points];
            var sameEven = new Complex[acquisition.Points];
            var sameOdd = new Complex[acquisition.Points];
            for (int t = 0; t < acquisition.Points; t++)
            {
                var even = (counts[0] * means[0][t] + counts[2] * means[2][t]) / (counts[0] + counts[2]);
                var odd = (counts[1] * means[1][t] + counts[3] * means[3][t]) / (counts[1] + counts[3]);
                alternation[t] = odd - even;
                sameEven[t] = means[0][t] - means[2][t];
                sameOdd[t] = means[1][t] - means[3][t];
            }
            AddEnergy(difference, alternation, bins, 1);
            AddEnergy(split, sameEven, bins, 0.5);
            AddEnergy(split, sameOdd, bins, 0.5);
        }
        // Under noise alone: var(odd − even) / var(same-parity difference), from the transients in each quarter.
        double alternationVariance = 1.0 / (counts[0] + counts[2]) + 1.0 / (counts[1] + counts[3]);
        double splitVariance = ((1.0 / counts[0]) + (1.0 / counts[2]) + (1.0 / counts[1]) + (1.0 / counts[3])) / 2;
        // Peak against peak: an edit effect is a few bins (the NAA singlet), and so is the residue of shot-to-shot
        // instability, which the same-parity split carries at the same peaks.
        double expected = split.Max() * alternationVariance / splitVariance;
        return expected > 0 ? Math.Sqrt(difference.Max() / expected) : null;
    }

    private static Complex[][] QuarterMeans(MrsAcquisition acquisition, int coil, int[] counts)
    {
        var means = new Complex[4][];
        for (int q = 0; q < 4; q++)
        {
            means[q] = new Complex[acquisition.Points];
        }
        for (int a = 0; a < acquisition.Averages; a++)
        {
            var fid = acquisition.Fid(0, a, coil);
            var target = means[a % 4];
            for (int t = 0; t < fid.Length; t++)
            {
                target[t] += fid[t];
            }
        }
        for (int q = 0; q < 4; q++)
        {
            for (int t = 0; t < acquisition.Points; t++)
            {
                means[q][t] /= counts[q];
            }
        }
        return means;
    }

    private static List<int> Bins(SpectralAxis axis)
    {
        var bins = new List<int>();
        foreach (var (low, high) in Regions)
        {
            int from = (int)Math.Ceiling(Math.Min(axis.IndexOf(low), axis.IndexOf(high)));
            int to = (int)Math.Floor(Math.Max(axis.IndexOf(low), axis.IndexOf(high)));
            for (int i = Math.Max(0, from); i <= Math.Min(axis.Points - 1, to); i++)
            {
                bins.Add(i);
            }
        }
        return bins;
    }

    /// <summary>Adds weight × |spectrum|² at each bin (coils add incoherently).</summary>
    private static void AddEnergy(double[] sum, Complex[] fid, List<int> bins, double weight)
    {
        var spectrum = SpectralAxis.Spectrum(fid);
        for (int k = 0; k < bins.Count; k++)
        {
            double m = spectrum[bins[k]].Magnitude;
            sum[k] += weight * m * m;
        }
    }
}
