using ILGPU;

namespace MRSNode.Accelerators.Neural.Kernels;

/// <summary>
/// Batched, tiled SGEMM: C_z = α·op(A_z)·op(B_z) + β·C_z for row-major matrices, one group per Tile×Tile block of C
/// and batch item z (grid Z). Each K-step loads a tile of A and of B into shared memory, waits at a barrier, and
/// accumulates. The tile is a launch argument up to <see cref="MaxTile"/> because groups are small on some devices
/// (ILGPU's default CPU accelerator: 16 threads, so 4×4 tiles; GPUs: 16×16).
/// </summary>
internal static class GemmKernel
{
    public const int MaxTile = 16;

    public static void Multiply(ArrayView<float> a, ArrayView<float> b, ArrayView<float> c, GemmArguments p)
    {
        var tileA = SharedMemory.Allocate<float>(MaxTile * MaxTile);
        var tileB = SharedMemory.Allocate<float>(MaxTile * MaxTile);
        int tile = p.Tile;
        int tx = Group.IdxX, ty = Group.IdxY;
        int row = Grid.IdxY * tile + ty, col = Grid.IdxX * tile + tx, z = Grid.IdxZ;
        int aBase = p.AOffset + z * p.AStride, bBase = p.BOffset + z * p.BStride, cBase = p.COffset + z * p.CStride;
        float sum = 0;
        for (int t = 0; t < p.K; t += tile)
        {
            int ka = t + tx;
            float av = 0;
            if (row < p.M && ka < p.K)
            {
                av = a[aBase + (p.TransposeA != 0 ? ka * p.M + row : row * p.K + ka)];
            }
            tileA[ty * MaxTile + tx] = av;
            int kb = t + ty;
            float bv = 0;
            if (col < p.N && kb < p.K)
            {
                bv = b[bBase + (p.TransposeB != 0 ? col * p.K + kb : kb * p.N + col)];
            }
            tileB[ty * MaxTile + tx] = bv;
            Group.Barrier();
            for (int i = 0; i < tile; i++)
            {
                sum += tileA[ty * MaxTile + i] * tileB[i * MaxTile + tx];
            }
            Group.Barrier();
        }
        if (row < p.M && col < p.N)
        {
            int index = cBase + row * p.N + col;
            // β = 0 overwrites C without reading it (C may hold garbage or NaN), as Sgemm does.
            c[index] = p.Beta == 0 ? p.Alpha * sum : p.Alpha * sum + p.Beta * c[index];
        }
    }
}

/// <summary>A GEMM launch's scalars: shapes, transposes, scalars, element offsets and per-batch strides (0 broadcasts).</summary>
internal readonly struct GemmArguments(bool transposeA, bool transposeB, int m, int n, int k, float alpha, float beta, int tile)
{
    public readonly int TransposeA = transposeA ? 1 : 0;
    public readonly int TransposeB = transposeB ? 1 : 0;
    public readonly int M = m;
    public readonly int N = n;
    public readonly int K = k;
    public readonly float Alpha = alpha;
    public readonly float Beta = beta;
    public readonly int Tile = tile;
    public int AOffset { get; init; }
    public int BOffset { get; init; }
    public int COffset { get; init; }
    public int AStride { get; init; }
    public int BStride { get; init; }
    public int CStride { get; init; }
}
