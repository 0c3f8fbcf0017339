namespace MRSNode.Quantification.Cuda.Driver;

/// <summary>
/// cuBLAS (optional) for GEMM: the library is found lazily; a handle needs a current CUDA context (cuBLAS uses the
/// device's primary context, which is why the backend runs on the primary context too). Absent: the backend's own
/// tiled kernel does the GEMMs.
/// </summary>
internal sealed unsafe class Cublas
{
    private static readonly Lazy<(Cublas? Cublas, string? Reason)> Loaded = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly delegate* unmanaged<nint*, int> _create;
    private readonly delegate* unmanaged<nint, int> _destroy;
    private readonly delegate* unmanaged<nint, nint, int> _setStream;
    private readonly delegate* unmanaged<nint, int, int, int, int, int, float*, ulong, int, long, ulong, int, long, float*, ulong, int, long, int, int> _sgemmStridedBatched;

    private Cublas(nint lib, string name)
    {
        LibraryName = name;
        _create = (delegate* unmanaged<nint*, int>)NativeLibraryProbe.RequiredExport(lib, "cublasCreate_v2", name);
        _destroy = (delegate* unmanaged<nint, int>)NativeLibraryProbe.RequiredExport(lib, "cublasDestroy_v2", name);
        _setStream = (delegate* unmanaged<nint, nint, int>)NativeLibraryProbe.RequiredExport(lib, "cublasSetStream_v2", name);
        _sgemmStridedBatched = (delegate* unmanaged<nint, int, int, int, int, int, float*, ulong, int, long, ulong, int, long, float*, ulong, int, long, int, int>)
            NativeLibraryProbe.RequiredExport(lib, "cublasSgemmStridedBatched", name);
    }

    public static IReadOnlyList<string> Candidates { get; } = OperatingSystem.IsWindows()
        ? ["cublas64_13.dll", "cublas64_12.dll", "cublas64_11.dll"]
        : ["libcublas.so.13", "libcublas.so.12", "libcublas.so.11", "libcublas.so"];

    public string LibraryName { get; }

    public static Cublas? TryGet(out string? reason)
    {
        var (cublas, why) = Loaded.Value;
        reason = why;
        return cublas;
    }

    private static (Cublas?, string?) Load()
    {
        var lib = NativeLibraryProbe.TryLoad(Candidates, out var tried);
        if (lib == 0)
        {
            return (null, $"no cuBLAS ({tried} not found)");
        }
        try
        {
            return (new Cublas(lib, tried), null);
        }
        catch (DllNotFoundException ex)
        {
            return (null, $"unusable cuBLAS {tried}: {ex.Message}");
        }
    }

    public nint Create()
    {
        nint handle;
        Check(_create(&handle), "cublasCreate_v2");
        return handle;
    }

    public void Destroy(nint handle) => Check(_destroy(handle), "cublasDestroy_v2");

    public void SetStream(nint handle, nint stream) => Check(_setStream(handle, stream), "cublasSetStream_v2");

    /// <summary>Column-major strided-batched SGEMM, as cuBLAS defines it (the caller maps row-major onto it).</summary>
    public void SgemmStridedBatched(nint handle, bool transA, bool transB, int m, int n, int k, float alpha,
        ulong a, int lda, long strideA, ulong b, int ldb, long strideB, float beta, ulong c, int ldc, long strideC, int batch) =>
        Check(_sgemmStridedBatched(handle, transA ? 1 : 0, transB ? 1 : 0, m, n, k, &alpha, a, lda, strideA, b, ldb, strideB, &beta, c, ldc, strideC, batch),
            "cublasSgemmStridedBatched", $"m={m} n={n} k={k} batch={batch}");

    private static void Check(int code, string call, string? detail = null)
    {
        if (code != 0)
        {
            throw new CudaException(call, code, CudaErrorNames.ForCublas(code), detail);
        }
    }
}
