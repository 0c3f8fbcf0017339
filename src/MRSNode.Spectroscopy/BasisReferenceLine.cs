using System.Numerics;
using System.Runtime.CompilerServices;

namespace MRSNode.Spectroscopy;

/// <summary>The reference singlet found in a basis FID: a·zⁿ with z = e^{(2πif − πd)Δt}.</summary>
public sealed record ReferenceLine(double FrequencyHz, double Ppm, double FwhmHz, Complex Amplitude);

/// <summary>
/// Simulated basis sets (LCModel's makebasis, the ISMRM 2016 challenge's) carry a TMS/DSS reference singlet at 0 ppm in
/// every entry; measured spectra do not. This finds that singlet and subtracts exactly it: one damped complex exponential,
/// fitted by variable projection to the spectrum within ±<see cref="SearchHz"/> of the reference ppm on top of a quadratic
/// complex background (the metabolites' and macromolecules' tails there). Zeroing a band of spectral points around 0 ppm
/// instead would also delete the macromolecule signal and the long dispersive tails inside the band, so a fit window that
/// reaches 0.2 ppm would see data the basis no longer has. On the ISMRM challenge's text basis, removing the line from
/// the TMS version reproduces the challenge's own "noTMS" version (tests).
/// </summary>
public static class BasisReferenceLine
{
    /// <summary>Half-width of the band fitted around the reference (Hz); at least 12 points are used either side.</summary>
    public const double SearchHz = 15;

    /// <summary>
    /// A line counts only if its peak height is this many times the RMS misfit of the band's fit (a reference singlet
    /// is hundreds of times; a smooth tail alone never reaches it) and it is narrower than <see cref="MaxFwhmHz"/>.
    /// </summary>
    private const double MinPeakToMisfit = 20;

    /// <summary>Reference singlets are made narrow (about 1–2 Hz); a broad feature at 0 ppm is not one.</summary>
    public const double MaxFwhmHz = 8;

    /// <summary>The reference line of <paramref name="fid"/> near <paramref name="ppm"/>, or null when there is none.</summary>
    public static ReferenceLine? Find(ReadOnlySpan<Complex> fid, SpectralAxis axis, double ppm = 0)
    {
        int n = fid.Length;
        if (n < 64 || axis.Points != n)
        {
            return null;
        }
        double centre = axis.IndexOf(ppm);
        int half = (int)Math.Max(12, Math.Ceiling(SearchHz / axis.HzPerPoint));
        int first = (int)Math.Round(centre) - half, last = (int)Math.Round(centre) + half;
        if (first < 0 || last >= n)
        {
            return null;
        }
        var spectrum = SpectralAxis.Spectrum(fid);
        var band = new BandFit(spectrum, first, last, axis);

        // Grid over the inner band (0.25 point) and widths, then golden-section refinement of each in turn.
        double bestF = 0, bestD = 0, bestCost = double.PositiveInfinity;
        double[] widths = [0, 0.25, 0.5, 1, 2, 3, 5, MaxFwhmHz];
        for (double k = first + 3; k <= last - 3; k += 0.25)
        {
            double f = axis.FrequencyHz(0) + k * axis.HzPerPoint;
            foreach (double d in widths)
            {
                double cost = band.Cost(f, d, out _);
                if (cost < bestCost)
                {
                    (bestCost, bestF, bestD) = (cost, f, d);
                }
            }
        }
        double step = axis.HzPerPoint;
        for (int round = 0; round < 4; round++)
        {
            double d0 = bestD;
            bestF = GoldenMinimum(f => band.Cost(f, d0, out _), bestF - 0.25 * step, bestF + 0.25 * step);
            double f0 = bestF;
            bestD = GoldenMinimum(d => band.Cost(f0, d, out _), Math.Max(0, bestD - step), bestD + step);
            step /= 2;
        }
        double misfit = band.Cost(bestF, bestD, out var amplitude);
        double rms = Math.Sqrt(misfit / band.Count);
        double peak = band.PeakHeight(bestF, bestD, amplitude);
        if (!(bestD <= MaxFwhmHz) || !(peak > MinPeakToMisfit * Math.Max(rms, 1e-300)))
        {
            return null;
        }
        return new ReferenceLine(bestF, axis.ReferencePpm - bestF / axis.FrequencyMHz, bestD, amplitude);
    }

    /// <summary><paramref name="fid"/> without its reference line (a copy; unchanged when there is none).</summary>
    public static Complex[] Remove(ReadOnlySpan<Complex> fid, SpectralAxis axis, double ppm = 0) =>
        Subtract(fid, axis, Find(fid, axis, ppm));

    /// <summary>
    /// A basis entry's FID without its 0 ppm reference line (a copy). The search is remembered per FID array and axis:
    /// one basis set is resampled for the fit, put on QNet's grid and simulated from, and each would search again.
    /// </summary>
    public static Complex[] Remove(BasisMetabolite entry, SpectralAxis axis)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (!s_found.TryGetValue(entry.Fid, out var found) || found.Axis != axis)
        {
            found = new FoundLine(axis, Find(entry.Fid, axis));
            s_found.AddOrUpdate(entry.Fid, found);
        }
        return Subtract(entry.Fid, axis, found.Line);
    }

    private sealed record FoundLine(SpectralAxis Axis, ReferenceLine? Line);

    private static readonly ConditionalWeakTable<Complex[], FoundLine> s_found = [];

    /// <summary><paramref name="fid"/> minus <paramref name="line"/> (a copy).</summary>
    public static Complex[] Subtract(ReadOnlySpan<Complex> fid, SpectralAxis axis, ReferenceLine? line)
    {
        var result = fid.ToArray();
        if (line is null)
        {
            return result;
        }
        var z = Pole(line.FrequencyHz, line.FwhmHz, 1 / axis.SpectralWidthHz);
        var term = line.Amplitude;
        for (int t = 0; t < result.Length; t++)
        {
            result[t] -= term;
            term *= z;
        }
        return result;
    }

    private static Complex Pole(double frequencyHz, double fwhmHz, double dwell) =>
        Complex.Exp(new Complex(-Math.PI * fwhmHz * dwell, 2 * Math.PI * frequencyHz * dwell));

    private static double GoldenMinimum(Func<double, double> f, double a, double b)
    {
        const double r = 0.6180339887498949;
        double c = b - r * (b - a), d = a + r * (b - a);
        double fc = f(c), fd = f(d);
        for (int i = 0; i < 30; i++)
        {
            if (fc < fd)
            {
                (b, d, fd) = (d, c, fc);
                c = b - r * (b - a);
                fc = f(c);
            }
            else
            {
                (a, c, fc) = (c, d, fd);
                d = a + r * (b - a);
                fd = f(d);
            }
        }
        return (a + b) / 2;
    }

    /// <summary>The band's spectrum fitted by one line plus a complex quadratic (amplitudes by linear least squares).</summary>
    private sealed class BandFit
    {
        private const int Columns = 4;
        private readonly Complex[] _data;
        private readonly int[] _index;
        private readonly double[] _x;
        private readonly int _points;
        private readonly double _dwell;

        public BandFit(Complex[] spectrum, int first, int last, SpectralAxis axis)
        {
            _points = spectrum.Length;
            _dwell = 1 / axis.SpectralWidthHz;
            _index = Enumerable.Range(first, last - first + 1).ToArray();
            _data = _index.Select(k => spectrum[k]).ToArray();
            double mid = (first + last) / 2.0, span = (last - first) / 2.0;
            _x = _index.Select(k => (k - mid) / span).ToArray();
        }

        public int Count => _data.Length;

        /// <summary>
        /// The line's spectrum at the band's points: the DFT of a·zⁿ over the FID's N points, fftshifted as
        /// <see cref="SpectralAxis.Spectrum"/>: (1 − z^N) / (1 − z·e^{−2πik'/N}), k' = k − N/2 (unit amplitude).
        /// </summary>
        public Complex[] LineShape(double frequencyHz, double fwhmHz)
        {
            var z = Pole(frequencyHz, fwhmHz, _dwell);
            var zn = Complex.Exp(_points * new Complex(-Math.PI * fwhmHz * _dwell, 2 * Math.PI * frequencyHz * _dwell));
            var g = new Complex[_index.Length];
            for (int j = 0; j < g.Length; j++)
            {
                double angle = -2 * Math.PI * (_index[j] - _points / 2) / _points;
                g[j] = (1 - zn) / (1 - z * Complex.FromPolarCoordinates(1, angle));
            }
            return g;
        }

        public double PeakHeight(double frequencyHz, double fwhmHz, Complex amplitude) =>
            LineShape(frequencyHz, fwhmHz).Max(g => (amplitude * g).Magnitude);

        /// <summary>Residual sum of squares of the best line amplitude and background at (f, d).</summary>
        public double Cost(double frequencyHz, double fwhmHz, out Complex amplitude)
        {
            var g = LineShape(frequencyHz, fwhmHz);
            var normal = new Complex[Columns, Columns];
            var rhs = new Complex[Columns];
            var column = new Complex[Columns];
            for (int j = 0; j < g.Length; j++)
            {
                column[0] = g[j];
                column[1] = 1;
                column[2] = _x[j];
                column[3] = _x[j] * _x[j];
                for (int a = 0; a < Columns; a++)
                {
                    rhs[a] += Complex.Conjugate(column[a]) * _data[j];
                    for (int b = 0; b < Columns; b++)
                    {
                        normal[a, b] += Complex.Conjugate(column[a]) * column[b];
                    }
                }
            }
            var solution = Solve(normal, rhs);
            amplitude = solution[0];
            double cost = 0;
            for (int j = 0; j < g.Length; j++)
            {
                var model = solution[0] * g[j] + solution[1] + solution[2] * _x[j] + solution[3] * _x[j] * _x[j];
                var r = _data[j] - model;
                cost += r.Real * r.Real + r.Imaginary * r.Imaginary;
            }
            return cost;
        }

        /// <summary>Gaussian elimination with partial pivoting (4×4 complex; singular pivots give zeros).</summary>
        private static Complex[] Solve(Complex[,] a, Complex[] b)
        {
            int n = b.Length;
            for (int col = 0; col < n; col++)
            {
                int pivot = col;
                for (int r = col + 1; r < n; r++)
                {
                    if (a[r, col].Magnitude > a[pivot, col].Magnitude)
                    {
                        pivot = r;
                    }
                }
                for (int c = 0; c < n; c++)
                {
                    (a[col, c], a[pivot, c]) = (a[pivot, c], a[col, c]);
                }
                (b[col], b[pivot]) = (b[pivot], b[col]);
                if (a[col, col].Magnitude < 1e-300)
                {
                    continue;
                }
                for (int r = col + 1; r < n; r++)
                {
                    var factor = a[r, col] / a[col, col];
                    for (int c = col; c < n; c++)
                    {
                        a[r, c] -= factor * a[col, c];
                    }
                    b[r] -= factor * b[col];
                }
            }
            var x = new Complex[n];
            for (int r = n - 1; r >= 0; r--)
            {
                var sum = b[r];
                for (int c = r + 1; c < n; c++)
                {
                    sum -= a[r, c] * x[c];
                }
                x[r] = a[r, r].Magnitude < 1e-300 ? Complex.Zero : sum / a[r, r];
            }
            return x;
        }
    }
}
