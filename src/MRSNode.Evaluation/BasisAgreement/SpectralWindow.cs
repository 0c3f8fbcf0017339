using System.Numerics;
using MRSNode.Spectroscopy;

namespace MRSNode.Evaluation.BasisAgreement;

/// <summary>
/// The absorption (real) spectrum of a FID between two chemical shifts, as compared between basis sets: its Pearson
/// correlation with another one, and its integral. The FID's first point is halved before the transform (the discrete
/// transform of a FID otherwise sits on a constant offset of half that point per bin), so the integral is the lines'
/// area inside the window.
/// </summary>
public sealed class SpectralWindow
{
    private readonly int _first;
    private readonly int _last;
    private readonly double _hzPerPoint;

    public SpectralWindow(SpectralAxis axis, double lowPpm, double highPpm)
    {
        if (!(lowPpm < highPpm))
        {
            throw new ArgumentOutOfRangeException(nameof(lowPpm), $"{lowPpm} ppm is not below {highPpm} ppm");
        }
        // Higher ppm lies at lower bin index in MRSNode's convention.
        _first = (int)Math.Clamp(Math.Ceiling(axis.IndexOf(highPpm)), 0, axis.Points - 1);
        _last = (int)Math.Clamp(Math.Floor(axis.IndexOf(lowPpm)), 0, axis.Points - 1);
        _hzPerPoint = axis.HzPerPoint;
        Axis = axis;
    }

    public SpectralAxis Axis { get; }

    public int Count => _last - _first + 1;

    /// <summary>Re(spectrum) at the window's points, from high to low ppm (first FID point halved).</summary>
    public double[] Absorption(ReadOnlySpan<Complex> fid)
    {
        var halved = fid.ToArray();
        if (halved.Length > 0)
        {
            halved[0] /= 2;
        }
        var spectrum = SpectralAxis.Spectrum(halved);
        var values = new double[Count];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = spectrum[_first + i].Real;
        }
        return values;
    }

    /// <summary>∑ Re(spectrum)·Δf over the window: a singlet a·e^{2πift} wholly inside has area a·SW/2.</summary>
    public double Area(ReadOnlySpan<Complex> fid) => Absorption(fid).Sum() * _hzPerPoint;

    /// <summary>Pearson correlation of two absorption spectra over the window.</summary>
    public double Correlation(ReadOnlySpan<Complex> a, ReadOnlySpan<Complex> b) => Pearson(Absorption(a), Absorption(b));

    internal static double Pearson(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        if (x.Count != y.Count || x.Count < 2)
        {
            throw new ArgumentException($"need two equal series of two or more points, got {x.Count} and {y.Count}");
        }
        double mx = x.Average(), my = y.Average();
        double sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < x.Count; i++)
        {
            double dx = x[i] - mx, dy = y[i] - my;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }
        return sxx > 0 && syy > 0 ? sxy / Math.Sqrt(sxx * syy) : 0;
    }
}
