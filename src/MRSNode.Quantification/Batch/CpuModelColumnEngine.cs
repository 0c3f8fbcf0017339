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
            var packed = new Complex[fft.Length];
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
                fft.ForwardOfHermitianParts(first, second, packed);
                var a = new double[_bins.Length];
                var b = j + 1 < _fids.Length ? new double[_bins.Length] : null;
                for (int k = 0; k < a.Length; k++)
                {
                    var z = packed[_bins[k]];
                    a[k] = z.Real;
                    if (b is not null)
                    {
                        b[k] = z.Imaginary;
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
    private readonly Complex[] _twiddles;

    private Radix2Fft(int n)
    {
        int bits = BitOperations.Log2((uint)n);
        _reversed = new int[n];
        for (int i = 0; i < n; i++)
        {
            _reversed[i] = (int)(ReverseBits((uint)i) >> (32 - bits));
        }
        _twiddles = new Complex[n / 2];
        for (int m = 0; m < n / 2; m++)
        {
            var (sin, cos) = Math.SinCos(2 * Math.PI * m / n);
            _twiddles[m] = new Complex(cos, -sin);
        }
    }

    public int Length => _reversed.Length;

    /// <summary>The transform for length <paramref name="n"/>, or null when it is not a power of two (≥ 2).</summary>
    public static Radix2Fft? For(int n) => n >= 2 && BitOperations.IsPow2(n) ? new Radix2Fft(n) : null;

    /// <summary>
    /// <paramref name="output"/> = DFT(w₁ + i·w₂), wₖ[n] = ½(xₖ[n] + x̄ₖ[(N − n) mod N]): Re of it is Re DFT(x₁), Im of it
    /// Re DFT(x₂). Loaded in bit-reversed order.
    /// </summary>
    public void ForwardOfHermitianParts(Complex[] x1, Complex[] x2, Complex[] output)
    {
        int mask = output.Length - 1;
        for (int t = 0; t < output.Length; t++)
        {
            int u = (output.Length - t) & mask;
            var a = x1[t];
            var b = x1[u];
            var c = x2[t];
            var d = x2[u];
            // w₁ = ½(a + b̄), w₂ = ½(c + d̄); w₁ + i·w₂
            output[_reversed[t]] = new Complex(0.5 * (a.Real + b.Real - c.Imaginary + d.Imaginary), 0.5 * (a.Imaginary - b.Imaginary + c.Real + d.Real));
        }
        Butterflies(output);
    }

    /// <summary><paramref name="data"/> = DFT(data), in place.</summary>
    public void Forward(Complex[] data)
    {
        for (int t = 0; t < data.Length; t++)
        {
            int r = _reversed[t];
            if (t < r)
            {
                (data[t], data[r]) = (data[r], data[t]);
            }
        }
        Butterflies(data);
    }

    private void Butterflies(Complex[] output)
    {
        int n = output.Length;
        for (int size = 2; size <= n; size <<= 1)
        {
            int half = size >> 1;
            int step = n / size;
            for (int start = 0; start < n; start += size)
            {
                for (int k = 0, w = 0; k < half; k++, w += step)
                {
                    var u = output[start + k];
                    var v = output[start + k + half] * _twiddles[w];
                    output[start + k] = u + v;
                    output[start + k + half] = u - v;
                }
            }
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
