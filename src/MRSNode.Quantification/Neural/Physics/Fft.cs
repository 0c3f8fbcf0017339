using System.Collections.Concurrent;
using System.Numerics;

namespace MRSNode.Quantification.Neural.Physics;

/// <summary>
/// In-place radix-2 complex FFT (forward kernel e^{−2πi·jn/N}, no scaling) with twiddles cached per size: the physics
/// layer runs dozens per spectrum, so it avoids the general library's per-call set-up.
/// </summary>
public static class Fft
{
    private static readonly ConcurrentDictionary<int, Complex[]> Twiddles = new();

    public static void Forward(Span<Complex> data)
    {
        int n = data.Length;
        if (n < 2 || (n & (n - 1)) != 0)
        {
            throw new ArgumentException($"FFT length {n} is not a power of two", nameof(data));
        }
        var w = Twiddles.GetOrAdd(n, size =>
        {
            var t = new Complex[size / 2];
            for (int k = 0; k < t.Length; k++)
            {
                t[k] = Complex.FromPolarCoordinates(1, -2 * Math.PI * k / size);
            }
            return t;
        });
        for (int i = 1, j = 0; i < n; i++)
        {
            int bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1)
            {
                j ^= bit;
            }
            j ^= bit;
            if (i < j)
            {
                (data[i], data[j]) = (data[j], data[i]);
            }
        }
        for (int length = 2; length <= n; length <<= 1)
        {
            int half = length / 2, stride = n / length;
            for (int start = 0; start < n; start += length)
            {
                for (int k = 0; k < half; k++)
                {
                    var u = data[start + k];
                    var v = data[start + k + half] * w[k * stride];
                    data[start + k] = u + v;
                    data[start + k + half] = u - v;
                }
            }
        }
    }
}
