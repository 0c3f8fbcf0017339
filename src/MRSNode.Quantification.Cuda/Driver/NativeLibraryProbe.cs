using System.Runtime.InteropServices;

namespace MRSNode.Quantification.Cuda.Driver;

/// <summary>
/// Finds an optional native library by trying candidate names in order. Nothing here throws: a machine without
/// the library simply gets null and the names that were tried, for the log line that says why.
/// </summary>
internal static class NativeLibraryProbe
{
    public static nint TryLoad(IEnumerable<string> candidates, out string tried)
    {
        var names = candidates.ToList();
        tried = string.Join(", ", names);
        foreach (var name in names)
        {
            if (NativeLibrary.TryLoad(name, out var handle))
            {
                tried = name;
                return handle;
            }
        }
        return 0;
    }

    /// <summary>The exported symbol, or 0 where this library version lacks it.</summary>
    public static nint Export(nint library, string symbol) =>
        library != 0 && NativeLibrary.TryGetExport(library, symbol, out var address) ? address : 0;

    /// <summary>The exported symbol; a library without it is not usable.</summary>
    public static nint RequiredExport(nint library, string symbol, string libraryName) =>
        Export(library, symbol) is var address and not 0
            ? address
            : throw new DllNotFoundException($"{libraryName} has no export '{symbol}' (too old?)");
}
