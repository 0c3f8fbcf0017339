using MRSNode.Quantification.Cuda.Driver;
using MRSNode.Quantification.Cuda.Kernels;

namespace MRSNode.Quantification.Cuda.Ops;

/// <summary>
/// Row-major, strided-batched SGEMM on device pointers: C_i = α·op(A_i)·op(B_i) + β·C_i for i &lt; batch, matrix i
/// at element offset i·stride (stride 0: the same matrix for every i). cuBLAS when it loads and a handle can be
/// made, else the own tiled kernel (gemm.cu).
/// <para>
/// cuBLAS is column-major; a row-major m×n C read column-major is Cᵀ, and Cᵀ = op(B)ᵀ·op(A)ᵀ, so the call swaps the
/// operands (B first), swaps m and n, and keeps each operand's own transpose flag; the leading dimensions are the
/// row lengths of the stored (untransposed) arrays.
/// </para>
/// </summary>
internal sealed class CudaGemm : IDisposable
{
    private readonly CudaContext _context;
    private readonly KernelLauncher _launcher;
    private readonly Cublas? _cublas;
    private readonly nint _handle;

    public CudaGemm(CudaContext context, KernelLauncher launcher, bool useCublas)
    {
        _context = context;
        _launcher = launcher;
        if (!useCublas)
        {
            Description = "own tiled kernel (cuBLAS disabled by option)";
            return;
        }
        var cublas = Cublas.TryGet(out var reason);
        if (cublas is null)
        {
            Description = $"own tiled kernel ({reason})";
            return;
        }
        try
        {
            _handle = cublas.Create();
            cublas.SetStream(_handle, context.Stream);
            _cublas = cublas;
            Description = $"cuBLAS ({cublas.LibraryName})";
        }
        catch (CudaException ex)
        {
            Description = $"own tiled kernel (cuBLAS did not start: {ex.Message})";
        }
    }

    /// <summary>Which GEMM runs and why, for the backend's description.</summary>
    public string Description { get; }

    public bool UsesCublas => _cublas is not null;

    public void Multiply(bool transposeA, bool transposeB, int m, int n, int k, float alpha,
        ulong a, long strideA, ulong b, long strideB, float beta, ulong c, long strideC, int batch = 1)
    {
        if (m == 0 || n == 0 || batch == 0)
        {
            return;
        }
        if (_cublas is not null)
        {
            int lda = transposeA ? m : k, ldb = transposeB ? k : n;
            // k == 0 is legal in BLAS (C = βC); cuBLAS only asks that leading dimensions be ≥ 1.
            _cublas.SgemmStridedBatched(_handle, transposeB, transposeA, n, m, k, alpha,
                b, Math.Max(1, ldb), strideB, a, Math.Max(1, lda), strideA, beta, c, n, strideC, batch);
            return;
        }
        const int T = KernelNames.GemmTile;
        _launcher.Launch(KernelNames.SgemmTiled, ((uint)((n + T - 1) / T), (uint)((m + T - 1) / T), (uint)batch), (T, T, 1),
            transposeA ? 1 : 0, transposeB ? 1 : 0, m, n, k, alpha, a, strideA, b, strideB, beta, c, strideC);
    }

    public void Dispose()
    {
        if (_cublas is not null)
        {
            _context.MakeCurrent();
            _cublas.Destroy(_handle);
        }
    }
}
