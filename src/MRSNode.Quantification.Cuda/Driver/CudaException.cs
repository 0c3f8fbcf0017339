namespace MRSNode.Quantification.Cuda.Driver;

/// <summary>A CUDA driver, NVRTC or cuBLAS call failed: which call, the numeric code and its name.</summary>
public sealed class CudaException : Exception
{
    public CudaException(string call, int code, string codeName, string? detail = null)
        : base($"{call} failed: {codeName} ({code}){(string.IsNullOrEmpty(detail) ? string.Empty : ": " + detail)}")
    {
        Call = call;
        Code = code;
        CodeName = codeName;
    }

    public CudaException()
        : this("(unknown call)", -1, "UNKNOWN")
    {
    }

    public CudaException(string message)
        : base(message)
    {
        Call = "(unknown call)";
        CodeName = "UNKNOWN";
    }

    public CudaException(string message, Exception innerException)
        : base(message, innerException)
    {
        Call = "(unknown call)";
        CodeName = "UNKNOWN";
    }

    /// <summary>The API function, e.g. "cuMemAlloc_v2".</summary>
    public string Call { get; }

    /// <summary>The CUresult / nvrtcResult / cublasStatus_t value.</summary>
    public int Code { get; }

    /// <summary>e.g. "CUDA_ERROR_OUT_OF_MEMORY".</summary>
    public string CodeName { get; }
}
