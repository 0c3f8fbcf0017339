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
    /// <summary>The odd−even difference must exceed the same-parity split by this factor (RMS) to say "edited".</summary>
    public const double Threshold = 4;

    /// <summary>Fewer transients give too few in each quarter for the same-parity split.</summary>
    public const int MinimumTransients = 8;

    private static readonly (double Low, double High)[] Regions = [(1.85, 2.15), (2.85, 3.15)];

    /// <summary>
    /// RMS of the odd−even difference over the RMS expected from the same-parity split, in the NAA and Cr regions,
    /// summed over coils; ≈1 for unedited data. Null when the transients are not held separately (or too few).
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
        double difference = 0, split = 0;
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
            difference += Energy(alternation, bins);
            split += (Energy(sameEven, bins) + Energy(sameOdd, bins)) / 2;
        }
        // Under noise alone: var(odd − even) / var(same-parity difference), from the transients in each quarter.
        double alternationVariance = 1.0 / (counts[0] + counts[2]) + 1.0 / (counts[1] + counts[3]);
        double splitVariance = ((1.0 / counts[0]) + (1.0 / counts[2]) + (1.0 / counts[1]) + (1.0 / counts[3])) / 2;
        double expected = split * alternationVariance / splitVariance;
        return expected > 0 ? Math.Sqrt(difference / expected) : null;
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

    private static double Energy(Complex[] fid, List<int> bins)
    {
        var spectrum = SpectralAxis.Spectrum(fid);
        double sum = 0;
        foreach (int i in bins)
        {
            double m = spectrum[i].Magnitude;
            sum += m * m;
        }
        return sum;
    }
}
