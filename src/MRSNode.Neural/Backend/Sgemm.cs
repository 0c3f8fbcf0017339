using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MRSNode.Neural.Backend;

/// <summary>
/// Single-precision GEMM on row-major arrays: C = α·op(A)·op(B) + β·C. The core is a 4-row × 2-vector register
/// micro-kernel over panels of B (256 rows × 2 vectors, small enough to stay in L1 while every row block of A passes
/// over it); a transposed A is packed first, A·Bᵀ uses row dot products (TensorPrimitives.Dot). Rows are split over
/// threads when the product is big enough to pay for it.
/// </summary>
public static class Sgemm
{
    private const int KBlock = 256;
    private const int ParallelThreshold = 1 << 18;

    /// <param name="parallelism">The most threads to use (1: this thread only).</param>
    public static void Multiply(bool transposeA, bool transposeB, int m, int n, int k, float alpha,
        float[] a, int aOffset, float[] b, int bOffset, float beta, float[] c, int cOffset, int parallelism)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(c);
        var cSpan = c.AsSpan(cOffset, m * n);
        if (beta == 0)
        {
            cSpan.Clear();
        }
        else if (beta != 1)
        {
            TensorPrimitives.Multiply(cSpan, beta, cSpan);
        }
        if (m == 0 || n == 0 || k == 0 || alpha == 0)
        {
            return;
        }
        float[]? packedA = null, packedB = null;
        try
        {
            if (transposeA)
            {
                packedA = ArrayPool<float>.Shared.Rent(m * k);
                Transpose(a, aOffset, k, m, packedA);
                a = packedA;
                aOffset = 0;
            }
            if (transposeB && !transposeA)
            {
                DotRows(m, n, k, alpha, a, aOffset, b, bOffset, c, cOffset, parallelism);
                return;
            }
            if (transposeB)
            {
                packedB = ArrayPool<float>.Shared.Rent(k * n);
                Transpose(b, bOffset, n, k, packedB);
                b = packedB;
                bOffset = 0;
            }
            int threads = (long)m * n * k >= ParallelThreshold ? Math.Min(parallelism, (m + 3) / 4) : 1;
            if (threads <= 1)
            {
                Rows(0, m, n, k, alpha, a, aOffset, b, bOffset, c, cOffset);
            }
            else
            {
                int chunk = ((m + threads - 1) / threads + 3) / 4 * 4;
                var (aa, bb) = (a, b);
                int ao = aOffset, bo = bOffset;
                Parallel.For(0, (m + chunk - 1) / chunk, new ParallelOptions { MaxDegreeOfParallelism = threads },
                    t => Rows(t * chunk, Math.Min(m, (t + 1) * chunk), n, k, alpha, aa, ao, bb, bo, c, cOffset));
            }
        }
        finally
        {
            if (packedA is not null)
            {
                ArrayPool<float>.Shared.Return(packedA);
            }
            if (packedB is not null)
            {
                ArrayPool<float>.Shared.Return(packedB);
            }
        }
    }

    /// <summary>dst (cols×rows) = srcᵀ for src rows×cols at an offset.</summary>
    private static void Transpose(float[] src, int offset, int rows, int cols, float[] dst)
    {
        const int Tile = 32;
        for (int r0 = 0; r0 < rows; r0 += Tile)
        {
            for (int c0 = 0; c0 < cols; c0 += Tile)
            {
                int r1 = Math.Min(rows, r0 + Tile), c1 = Math.Min(cols, c0 + Tile);
                for (int r = r0; r < r1; r++)
                {
                    for (int col = c0; col < c1; col++)
                    {
                        dst[col * rows + r] = src[offset + r * cols + col];
                    }
                }
            }
        }
    }

    private static void DotRows(int m, int n, int k, float alpha, float[] a, int aOffset, float[] b, int bOffset, float[] c, int cOffset, int parallelism)
    {
        void Row(int i)
        {
            var ai = a.AsSpan(aOffset + i * k, k);
            for (int j = 0; j < n; j++)
            {
                c[cOffset + i * n + j] += alpha * TensorPrimitives.Dot(ai, b.AsSpan(bOffset + j * k, k));
            }
        }
        if ((long)m * n * k >= ParallelThreshold && parallelism > 1)
        {
            Parallel.For(0, m, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, Row);
        }
        else
        {
            for (int i = 0; i < m; i++)
            {
                Row(i);
            }
        }
    }

    /// <summary>C[i0..i1) += α·A[i0..i1)·B for A m×k and B k×n, both row-major.</summary>
    private static void Rows(int i0, int i1, int n, int k, float alpha, float[] a, int aOffset, float[] b, int bOffset, float[] c, int cOffset)
    {
        int w = Vector<float>.Count;
        ref float aRef = ref MemoryMarshal.GetArrayDataReference(a);
        ref float bRef = ref MemoryMarshal.GetArrayDataReference(b);
        ref float cRef = ref MemoryMarshal.GetArrayDataReference(c);
        for (int p0 = 0; p0 < k; p0 += KBlock)
        {
            int p1 = Math.Min(k, p0 + KBlock);
            int j = 0;
            for (; j + 2 * w <= n; j += 2 * w)
            {
                int i = i0;
                for (; i + 4 <= i1; i += 4)
                {
                    Kernel4x2(ref aRef, aOffset, ref bRef, bOffset, ref cRef, cOffset, i, j, n, k, p0, p1, alpha);
                }
                for (; i < i1; i++)
                {
                    Kernel1x2(ref aRef, aOffset, ref bRef, bOffset, ref cRef, cOffset, i, j, n, k, p0, p1, alpha);
                }
            }
            for (; j < n; j++)
            {
                for (int i = i0; i < i1; i++)
                {
                    float sum = 0;
                    for (int p = p0; p < p1; p++)
                    {
                        sum += a[aOffset + i * k + p] * b[bOffset + p * n + j];
                    }
                    c[cOffset + i * n + j] += alpha * sum;
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Kernel4x2(ref float a, int aOffset, ref float b, int bOffset, ref float c, int cOffset, int i, int j, int n, int k, int p0, int p1, float alpha)
    {
        int w = Vector<float>.Count;
        Vector<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default, c30 = default, c31 = default;
        nuint rowA = (nuint)(aOffset + i * k);
        for (int p = p0; p < p1; p++)
        {
            nuint bp = (nuint)(bOffset + p * n + j);
            var b0 = Vector.LoadUnsafe(ref b, bp);
            var b1 = Vector.LoadUnsafe(ref b, bp + (nuint)w);
            var a0 = new Vector<float>(Unsafe.Add(ref a, rowA + (nuint)p));
            var a1 = new Vector<float>(Unsafe.Add(ref a, rowA + (nuint)(k + p)));
            var a2 = new Vector<float>(Unsafe.Add(ref a, rowA + (nuint)(2 * k + p)));
            var a3 = new Vector<float>(Unsafe.Add(ref a, rowA + (nuint)(3 * k + p)));
            c00 = Vector.FusedMultiplyAdd(a0, b0, c00);
            c01 = Vector.FusedMultiplyAdd(a0, b1, c01);
            c10 = Vector.FusedMultiplyAdd(a1, b0, c10);
            c11 = Vector.FusedMultiplyAdd(a1, b1, c11);
            c20 = Vector.FusedMultiplyAdd(a2, b0, c20);
            c21 = Vector.FusedMultiplyAdd(a2, b1, c21);
            c30 = Vector.FusedMultiplyAdd(a3, b0, c30);
            c31 = Vector.FusedMultiplyAdd(a3, b1, c31);
        }
        var al = new Vector<float>(alpha);
        Accumulate(ref c, (nuint)(cOffset + i * n + j), w, al, c00, c01);
        Accumulate(ref c, (nuint)(cOffset + (i + 1) * n + j), w, al, c10, c11);
        Accumulate(ref c, (nuint)(cOffset + (i + 2) * n + j), w, al, c20, c21);
        Accumulate(ref c, (nuint)(cOffset + (i + 3) * n + j), w, al, c30, c31);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Kernel1x2(ref float a, int aOffset, ref float b, int bOffset, ref float c, int cOffset, int i, int j, int n, int k, int p0, int p1, float alpha)
    {
        int w = Vector<float>.Count;
        Vector<float> c0 = default, c1 = default;
        nuint rowA = (nuint)(aOffset + i * k);
        for (int p = p0; p < p1; p++)
        {
            nuint bp = (nuint)(bOffset + p * n + j);
            var a0 = new Vector<float>(Unsafe.Add(ref a, rowA + (nuint)p));
            c0 = Vector.FusedMultiplyAdd(a0, Vector.LoadUnsafe(ref b, bp), c0);
            c1 = Vector.FusedMultiplyAdd(a0, Vector.LoadUnsafe(ref b, bp + (nuint)w), c1);
        }
        Accumulate(ref c, (nuint)(cOffset + i * n + j), w, new Vector<float>(alpha), c0, c1);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Accumulate(ref float c, nuint at, int w, Vector<float> alpha, Vector<float> v0, Vector<float> v1)
    {
        Vector.FusedMultiplyAdd(alpha, v0, Vector.LoadUnsafe(ref c, at)).StoreUnsafe(ref c, at);
        Vector.FusedMultiplyAdd(alpha, v1, Vector.LoadUnsafe(ref c, at + (nuint)w)).StoreUnsafe(ref c, at + (nuint)w);
    }
}
