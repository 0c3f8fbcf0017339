using Xunit;

namespace MRSNode.TestSupport;

/// <summary>Finds files under the repository's tests/data (see tests/data/NOTICE.md for sources).</summary>
public static class TestData
{
    private static readonly Lazy<string> _root = new(FindRoot);

    /// <summary>The tests/data folder.</summary>
    public static string Root => _root.Value;

    /// <summary>The checkout's root (above tests/data), for the tests that read the sources and project files.</summary>
    public static string RepositoryRoot => System.IO.Path.GetFullPath(System.IO.Path.Combine(Root, "..", ".."));

    public static string Path(string relative) => System.IO.Path.Combine(Root, relative);

    /// <summary>The real scanner DICOM files every DICOM test runs over.</summary>
    public static IReadOnlyList<string> VendorDicomFiles { get; } =
    [
        "dicom/siemens-xa60-svs.dcm",
        "dicom/siemens-csa-svs30.ima",
        "dicom/philips-mrs-2frame.dcm",
        "dicom/siemens-xa60-7t-averaged.dcm",
    ];

    public static TheoryData<string> VendorDicom()
    {
        var data = new TheoryData<string>();
        foreach (var f in VendorDicomFiles)
        {
            data.Add(f);
        }
        return data;
    }

    /// <summary>A fresh empty folder under the system temp folder.</summary>
    public static string NewTempFolder()
    {
        var dir = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "mrsnode-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>
    /// Above the test assembly (bin/ inside the checkout), else above the working directory: the GPU tests also run
    /// from a self-contained bundle unpacked outside the checkout, started from its root (docs/gpu.md).
    /// </summary>
    private static string FindRoot() =>
        FindAbove(AppContext.BaseDirectory) ?? FindAbove(Environment.CurrentDirectory)
        ?? throw new DirectoryNotFoundException($"tests/data not found above {AppContext.BaseDirectory} or {Environment.CurrentDirectory}");

    private static string? FindAbove(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "tests", "data");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }
        return null;
    }
}
