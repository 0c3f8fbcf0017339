using MRSNode.Quantification.Cuda.Driver;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Quantification.Cuda.Tests;

[UnitTest]
public class CudaErrorTests
{
    [Theory]
    [InlineData(0, "CUDA_SUCCESS")]
    [InlineData(2, "CUDA_ERROR_OUT_OF_MEMORY")]
    [InlineData(100, "CUDA_ERROR_NO_DEVICE")]
    [InlineData(218, "CUDA_ERROR_INVALID_PTX")]
    [InlineData(222, "CUDA_ERROR_UNSUPPORTED_PTX_VERSION")]
    [InlineData(700, "CUDA_ERROR_ILLEGAL_ADDRESS")]
    [InlineData(999, "CUDA_ERROR_UNKNOWN")]
    public void ForDriver_KnownCode_GivesTheCuResultName(int code, string name) => Assert.Equal(name, CudaErrorNames.ForDriver(code));

    [Fact]
    public void ForDriver_UnknownCode_KeepsTheNumber() => Assert.Equal("CUDA_ERROR_UNKNOWN_CODE_12345", CudaErrorNames.ForDriver(12345));

    [Fact]
    public void ForNvrtcAndCublas_KnownCodes_GiveTheirNames()
    {
        Assert.Equal("NVRTC_ERROR_COMPILATION", CudaErrorNames.ForNvrtc(6));
        Assert.Equal("CUBLAS_STATUS_NOT_INITIALIZED", CudaErrorNames.ForCublas(1));
        Assert.Equal("CUBLAS_STATUS_UNKNOWN_CODE_99", CudaErrorNames.ForCublas(99));
    }

    [Fact]
    public void CudaException_Message_NamesTheCallTheCodeAndTheDetail()
    {
        var ex = new CudaException("cuMemAlloc_v2", 2, "CUDA_ERROR_OUT_OF_MEMORY", "1048576 bytes");
        Assert.Equal("cuMemAlloc_v2 failed: CUDA_ERROR_OUT_OF_MEMORY (2): 1048576 bytes", ex.Message);
        Assert.Equal(("cuMemAlloc_v2", 2, "CUDA_ERROR_OUT_OF_MEMORY"), (ex.Call, ex.Code, ex.CodeName));
        Assert.Equal("cuInit failed: CUDA_ERROR_NO_DEVICE (100)", new CudaException("cuInit", 100, "CUDA_ERROR_NO_DEVICE").Message);
    }

    /// <summary>Where libcuda is installed (even without a GPU), its own cuGetErrorName answers, and agrees with the table.</summary>
    [CudaDriverLibraryFact]
    public void DriverErrorName_RealDriver_AgreesWithTheTable()
    {
        var driver = CudaDriver.TryGet(out _)!;
        foreach (var code in new[] { 1, 2, 100, 200, 218, 700, 999 })
        {
            Assert.Equal(CudaErrorNames.ForDriver(code), driver.ErrorName(code));
        }
    }

    [CudaDriverLibraryFact]
    public void DriverCheck_FailingCode_ThrowsCudaExceptionWithTheDriversName()
    {
        var driver = CudaDriver.TryGet(out _)!;
        var ex = Assert.Throws<CudaException>(() => driver.Check(700, "cuLaunchKernel", "im2col_1d"));
        Assert.Equal("cuLaunchKernel failed: CUDA_ERROR_ILLEGAL_ADDRESS (700): im2col_1d", ex.Message);
    }
}
