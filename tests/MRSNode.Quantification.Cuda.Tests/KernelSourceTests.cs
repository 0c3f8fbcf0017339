using System.Reflection;
using System.Text.RegularExpressions;
using MRSNode.Quantification.Cuda.Driver;
using MRSNode.Quantification.Cuda.Kernels;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Quantification.Cuda.Tests;

/// <summary>The embedded kernels match what the C# launches: no GPU needed.</summary>
[UnitTest]
public partial class KernelSourceTests
{
    /// <summary>Every kernel name constant in KernelNames (what the backend launches).</summary>
    private static List<string> LaunchedKernels() => typeof(KernelNames)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral && f.FieldType == typeof(string))
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToList();

    [GeneratedRegex(@"extern ""C"" __global__ void (\w+)\(")]
    private static partial Regex GlobalKernel();

    [GeneratedRegex(@"^\.visible \.entry (\w+)\(", RegexOptions.Multiline)]
    private static partial Regex PtxEntry();

    [Fact]
    public void KernelNames_EveryConstant_HasAModule()
    {
        var launched = LaunchedKernels();
        Assert.Equal(24, launched.Count);
        Assert.All(launched, k => Assert.True(KernelNames.Modules.ContainsKey(k), $"{k} has no module"));
        Assert.Equal(launched.Order(StringComparer.Ordinal), KernelNames.Modules.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Sources_EveryModule_DefinesExactlyItsKernels()
    {
        foreach (var stem in KernelSources.Stems)
        {
            var source = KernelSources.Read(stem, "cu");
            Assert.True(source is not null, $"{stem}.cu is not embedded");
            var defined = GlobalKernel().Matches(source).Select(m => m.Groups[1].Value).Order(StringComparer.Ordinal);
            var expected = KernelNames.Modules.Where(p => p.Value == stem).Select(p => p.Key).Order(StringComparer.Ordinal);
            Assert.Equal(expected, defined);
        }
    }

    [Fact]
    public void Ptx_EveryModule_HasEveryKernelAsAnEntryForCompute70()
    {
        foreach (var stem in KernelSources.Stems)
        {
            var ptx = KernelSources.Read(stem, "ptx");
            Assert.True(ptx is not null, $"{stem}.ptx is not embedded: run tools/cuda/build-ptx.sh");
            Assert.Contains(".target sm_70", ptx, StringComparison.Ordinal);
            var entries = PtxEntry().Matches(ptx).Select(m => m.Groups[1].Value).Order(StringComparer.Ordinal);
            var expected = KernelNames.Modules.Where(p => p.Value == stem).Select(p => p.Key).Order(StringComparer.Ordinal);
            Assert.Equal(expected, entries);
        }
    }

    [Fact]
    public void Sources_LaunchConstants_MatchTheDefinesInTheKernels()
    {
        Assert.Contains($"#define GEMM_TILE {KernelNames.GemmTile}\n", KernelSources.Read("gemm", "cu"), StringComparison.Ordinal);
        Assert.Contains($"#define BN_THREADS {KernelNames.ReduceThreads}\n", KernelSources.Read("batchnorm", "cu"), StringComparison.Ordinal);
        Assert.Contains($"#define REDUCE_THREADS {KernelNames.ReduceThreads}\n", KernelSources.Read("reduce", "cu"), StringComparison.Ordinal);
        Assert.Contains($"#define REDUCE_THREADS {KernelNames.ReduceThreads}\n", KernelSources.Read("layers", "cu"), StringComparison.Ordinal);
    }

    /// <summary>The NVRTC fallback path for real: every embedded .cu compiles and yields exactly its kernels.</summary>
    [NvrtcFact]
    public void Nvrtc_EveryModule_CompilesToPtxWithEveryKernel()
    {
        var nvrtc = Nvrtc.TryGet(out _)!;
        int arch = nvrtc.ArchitectureFor(70);
        Assert.Equal(70, arch);
        foreach (var stem in KernelSources.Stems)
        {
            var ptx = nvrtc.CompileToPtx(KernelSources.Read(stem, "cu")!, stem + ".cu", arch);
            var entries = PtxEntry().Matches(ptx).Select(m => m.Groups[1].Value).Order(StringComparer.Ordinal);
            Assert.Equal(KernelNames.Modules.Where(p => p.Value == stem).Select(p => p.Key).Order(StringComparer.Ordinal), entries);
        }
    }

    [NvrtcFact]
    public void Nvrtc_SyntaxError_ThrowsWithTheCompilerLog()
    {
        var nvrtc = Nvrtc.TryGet(out _)!;
        var ex = Assert.Throws<CudaException>(() => nvrtc.CompileToPtx("extern \"C\" __global__ void broken(float* x) { x[0] = undefined_name; }", "broken.cu", 70));
        Assert.Equal("nvrtcCompileProgram", ex.Call);
        Assert.Equal("NVRTC_ERROR_COMPILATION", ex.CodeName);
        Assert.Contains("undefined_name", ex.Message, StringComparison.Ordinal);
    }

    [NvrtcFact]
    public void Nvrtc_DeviceNewerThanItKnows_TargetsItsNewestArchitecture()
    {
        var nvrtc = Nvrtc.TryGet(out _)!;
        var supported = nvrtc.SupportedArchitectures();
        Assert.NotEmpty(supported);
        Assert.Equal(supported.Max(), nvrtc.ArchitectureFor(1000));
        Assert.Throws<CudaException>(() => nvrtc.ArchitectureFor(10));
    }

    [CublasLibraryFact]
    public void Cublas_Library_ResolvesEveryEntryPointTheBackendCalls()
    {
        var cublas = Cublas.TryGet(out var reason);
        Assert.True(cublas is not null, reason);
        Assert.Contains("cublas", cublas.LibraryName, StringComparison.Ordinal);
    }
}
