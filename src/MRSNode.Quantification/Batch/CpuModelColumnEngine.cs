using System.Numerics;
using MathNet.Numerics.IntegralTransforms;

namespace MRSNode.Quantification.Batch;

/// <summary>
/// The model columns on the CPU with a sequential radix-2 FFT whose bit-reversal and twiddles are computed once per
/// fitter. Profiling the batch (dotnet-stack samples, docs/benchmarks.md) found ~¾ of a fit's time in MathNet's
/// managed FFT, whose 1024-point transform runs as Parallel.For work items: with every core already fitting its own
/// spectrum that is scheduling overhead, not speed. Lengths that are not a power of two fall back to MathNet.
/// Answers equal the fitter's own to FP64 rounding (another summation order).
/// </summary>
public sealed class CpuModelColumnEngine : IModelColumnEngine
{
    public IModelColumns Prepare(IReadOnlyList<Complex[]> fids, IReadOnlyList<int> envelopeOf, IReadOnlyList<int> bins)
    {
        ArgumentNullException.ThrowIfNull(fids);
        ArgumentNullException.ThrowIfNull(envelopeOf);
        ArgumentNullException.ThrowIfNull(bins);
        return new Columns(fids.ToArray(), envelopeOf.ToArray(), bins.ToArray());
    }

    private sealed class Columns : IModelColumns
    {
        private readonly Complex[][] _fids;
        private readonly int[] _envelopeOf;
        private readonly int[] _bins;
        private readonly Radix2Fft? _fft;

        public Columns(Complex[][] fids, int[] envelopeOf, int[] bins)
        {
            _fids = fids;
            _envelopeOf = envelopeOf;
            _bins = bins;
            int n = fids.Length > 0 ? fids[0].Length : 0;
            _fft = Radix2Fft.For(n);
        }

        public void Forward(Complex[] data)
        {
            ArgumentNullException.ThrowIfNull(data);
            if (_fft is { } fft && data.Length == fft.Length)
            {
                fft.Forward(data);
            }
            else
            {
                Fourier.Forward(data, FourierOptions.NoScaling);
            }
        }

        double[][] IModelColumns.Columns(IReadOnlyList<Complex[]> envelopes)
        {
            ArgumentNullException.ThrowIfNull(envelopes);
            var result = new double[_fids.Length][];
            if (_fft is not { } fft)
            {
                int n = _fids[0].Length;
                var work = new Complex[n];
                for (int j = 0; j < _fids.Length; j++)
                {
                    var fid = _fids[j];
                    var env = envelopes[_envelopeOf[j]];
                    for (int t = 0; t < n; t++)
                    {
                        work[t] = fid[t] * env[t];
                    }
                    Fourier.Forward(work, FourierOptions.NoScaling);
                    result[j] = RealAtBins(work, _bins);
                }
                return result;
            }
            // Two columns per transform: only the real parts are wanted, and Re DFT(x) = DFT(w) with w the Hermitian
            // part of x (w[n] = ½(x[n] + x̄[−n])), whose transform is real; so DFT(w₁ + i·w₂) holds column j in its
            // real part and column j+1 in its imaginary part: half the FFTs.
            var first = new Complex[fft.Length];
            var second = new Complex[fft.Length];
            var re = new double[fft.Length];
            var im = new double[fft.Length];
            for (int j = 0; j < _fids.Length; j += 2)
            {
                Product(_fids[j], envelopes[_envelopeOf[j]], first);
                if (j + 1 < _fids.Length)
                {
                    Product(_fids[j + 1], envelopes[_envelopeOf[j + 1]], second);
                }
                else
                {
                    Array.Clear(second);
                }
                fft.ForwardOfHermitianParts(first, second, re, im);
                var a = new double[_bins.Length];
                var b = j + 1 < _fids.Length ? new double[_bins.Length] : null;
                for (int k = 0; k < a.Length; k++)
                {
                    a[k] = re[_bins[k]];
                    if (b is not null)
                    {
                        b[k] = im[_bins[k]];
                    }
                }
                result[j] = a;
                if (b is not null)
                {
                    result[j + 1] = b;
                }
            }
            return result;
        }

        private static void Product(Complex[] fid, Complex[] envelope, Complex[] output)
        {
            for (int t = 0; t < output.Length; t++)
            {
                output[t] = fid[t] * envelope[t];
            }
        }

        private static double[] RealAtBins(Complex[] spectrum, int[] bins)
        {
            var column = new double[bins.Length];
            for (int k = 0; k < column.Length; k++)
            {
                column[k] = spectrum[bins[k]].Real;
            }
            return column;
        }
    }
}

/// <summary>An in-place iterative radix-2 forward DFT (e^{−2πi·nk/N}, no scaling) of one power-of-two length.</summary>
internal sealed class Radix2Fft
{
    private readonly int[] _reversed;
    private readonly double[][] _stageRe;
    private readonly double[][] _stageIm;

    private Radix2Fft(int n)
    {
        int bits = BitOperations.Log2((uint)n);
        _reversed = new int[n];
        for (int i = 0; i < n; i++)
        {
            _reversed[i] = (int)(ReverseBits((uint)i) >> (32 - bits));
        }
        var twiddles = new Complex[n / 2];
        for (int m = 0; m < n / 2; m++)
        {
            var (sin, cos) = Math.SinCos(2 * Math.PI * m / n);
            twiddles[m] = new Complex(cos, -sin);
        }
        // Stage s (size 2^(s+1)) uses twiddles[k·N/size], k < size/2: copied out contiguous for the SIMD stages.
        _stageRe = new double[bits][];
        _stageIm = new double[bits][];
        for (int stage = 0; stage < bits; stage++)
        {
            int size = 2 << stage, step = n / size;
            _stageRe[stage] = [.. Enumerable.Range(0, size / 2).Select(k => twiddles[k * step].Real)];
            _stageIm[stage] = [.. Enumerable.Range(0, size / 2).Select(k => twiddles[k * step].Imaginary)];
        }
    }

    public int Length => _reversed.Length;

    /// <summary>The transform for length <paramref name="n"/>, or null when it is not a power of two (≥ 2).</summary>
    public static Radix2Fft? For(int n) => n >= 2 && BitOperations.IsPow2(n) ? new Radix2Fft(n) : null;

    /// <summary>
    /// (<paramref name="re"/>, <paramref name="im"/>) = DFT(w₁ + i·w₂), wₖ[n] = ½(xₖ[n] + x̄ₖ[(N − n) mod N]): its real
    /// part is Re DFT(x₁), its imaginary part Re DFT(x₂). Split real/imaginary arrays, so the butterflies run on SIMD
    /// vectors (<see cref="SplitButterflies"/>).
    /// </summary>
    public void ForwardOfHermitianParts(Complex[] x1, Complex[] x2, double[] re, double[] im)
    {
        int n = re.Length;
        int mask = n - 1;
        for (int t = 0; t < n; t++)
        {
            int u = (n - t) & mask;
            var a = x1[t];
            var b = x1[u];
            var c = x2[t];
            var d = x2[u];
            // w₁ = ½(a + b̄), w₂ = ½(c + d̄); w₁ + i·w₂
            int r = _reversed[t];
            re[r] = 0.5 * (a.Real + b.Real - c.Imaginary + d.Imaginary);
            im[r] = 0.5 * (a.Imaginary - b.Imaginary + c.Real + d.Real);
        }
        SplitButterflies(re, im);
    }

    /// <summary>One butterfly: (u, v) at (a, b) → (u + v, u − v), v already multiplied by its twiddle.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static void Butterfly(double[] re, double[] im, int a, int b, double vr, double vi)
    {
        double ur = re[a], ui = im[a];
        re[a] = ur + vr;
        im[a] = ui + vi;
        re[b] = ur - vr;
        im[b] = ui - vi;
    }

    /// <summary>
    /// The radix-2 stages on split arrays: the first two (twiddles 1 and −i) by hand, the rest with each stage's
    /// twiddles contiguous (<see cref="_stageRe"/>) so that <see cref="Vector{T}"/> lanes take consecutive butterflies.
    /// Plain multiplies and adds (no fused multiply-add), so every lane rounds as the scalar code would.
    /// </summary>
    private void SplitButterflies(double[] re, double[] im)
    {
        int n = re.Length;
        for (int i = 0; i < n; i += 2)
        {
            Butterfly(re, im, i, i + 1, re[i + 1], im[i + 1]);
        }
        if (n >= 4)
        {
            for (int i = 0; i < n; i += 4)
            {
                Butterfly(re, im, i, i + 2, re[i + 2], im[i + 2]);
                // twiddle −i: v·(−i) = (vi, −vr)
                Butterfly(re, im, i + 1, i + 3, im[i + 3], -re[i + 3]);
            }
        }
        int lanes = Vector<double>.Count;
        for (int stage = 2, size = 8; size <= n; stage++, size <<= 1)
        {
            int half = size >> 1;
            var wr = _stageRe[stage];
            var wi = _stageIm[stage];
            for (int start = 0; start < n; start += size)
            {
                int k = 0;
                for (; k + lanes <= half; k += lanes)
                {
                    var twr = new Vector<double>(wr, k);
                    var twi = new Vector<double>(wi, k);
                    var ur = new Vector<double>(re, start + k);
                    var ui = new Vector<double>(im, start + k);
                    var xr = new Vector<double>(re, start + k + half);
                    var xi = new Vector<double>(im, start + k + half);
                    var vr = (xr * twr) - (xi * twi);
                    var vi = (xr * twi) + (xi * twr);
                    (ur + vr).CopyTo(re, start + k);
                    (ui + vi).CopyTo(im, start + k);
                    (ur - vr).CopyTo(re, start + k + half);
                    (ui - vi).CopyTo(im, start + k + half);
                }
                for (; k < half; k++)
                {
                    double xr = re[start + k + half], xi = im[start + k + half];
                    double vr = (xr * wr[k]) - (xi * wi[k]);
                    double vi = (xr * wi[k]) + (xi * wr[k]);
                    double ur = re[start + k], ui = im[start + k];
                    re[start + k] = ur + vr;
                    im[start + k] = ui + vi;
                    re[start + k + half] = ur - vr;
                    im[start + k + half] = ui - vi;
                }
            }
        }
    }

    /// <summary><paramref name="data"/> = DFT(data), in place: loaded into split arrays in bit-reversed order, the same butterflies.</summary>
    public void Forward(Complex[] data)
    {
        int n = data.Length;
        var re = new double[n];
        var im = new double[n];
        for (int t = 0; t < n; t++)
        {
            int r = _reversed[t];
            re[r] = data[t].Real;
            im[r] = data[t].Imaginary;
        }
        SplitButterflies(re, im);
        for (int k = 0; k < n; k++)
        {
            data[k] = new Complex(re[k], im[k]);
        }
    }

    private static uint ReverseBits(uint v)
    {
        v = ((v >> 1) & 0x55555555u) | ((v & 0x55555555u) << 1);
        v = ((v >> 2) & 0x33333333u) | ((v & 0x33333333u) << 2);
        v = ((v >> 4) & 0x0F0F0F0Fu) | ((v & 0x0F0F0F0Fu) << 4);
        v = ((v >> 8) & 0x00FF00FFu) | ((v & 0x00FF00FFu) << 8);
        return (v >> 16) | (v << 16);
    }
}
