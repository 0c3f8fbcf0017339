namespace MRSNode.TestSupport;

/// <summary>
/// The values of the "Category" trait every test carries, for `dotnet test --filter` (README "Tests"): Unit runs
/// in-process in well under a second; Interop needs a peer program (dcmtk, dciodvfy, pydicom, Orthanc, poppler,
/// python3); Slow takes more than about 5 s (node processes, big evaluations); Gpu needs CUDA.
/// </summary>
public static class TestCategory
{
    public const string Trait = "Category";
    public const string Unit = "Unit";
    public const string Interop = "Interop";
    public const string Slow = "Slow";
    public const string Gpu = "Gpu";
}
