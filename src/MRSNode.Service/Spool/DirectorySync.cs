using System.Runtime.InteropServices;

namespace MRSNode.Service.Spool;

/// <summary>
/// Makes a rename durable: on Linux and macOS a new or moved directory entry survives a power loss only once its
/// directory has been fsynced (the file's own fsync covers its data, not its name). On Windows NTFS journals
/// the rename itself, so this is a no-op there.
/// </summary>
internal static partial class DirectorySync
{
    public static void Flush(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        int fd = SafeNativeMethods.Open(directory, 0 /* O_RDONLY */);
        if (fd < 0)
        {
            throw new IOException($"cannot open {directory} to flush it (errno {Marshal.GetLastPInvokeError()})");
        }
        try
        {
            if (SafeNativeMethods.Fsync(fd) != 0)
            {
                throw new IOException($"fsync of {directory} failed (errno {Marshal.GetLastPInvokeError()})");
            }
        }
        finally
        {
            _ = SafeNativeMethods.Close(fd);
        }
    }

    /// <summary>After a move between folders: both directory entries changed.</summary>
    public static void FlushParents(string from, string to)
    {
        var a = Path.GetDirectoryName(Path.GetFullPath(from))!;
        var b = Path.GetDirectoryName(Path.GetFullPath(to))!;
        Flush(b);
        if (!string.Equals(a, b, StringComparison.Ordinal))
        {
            Flush(a);
        }
    }

    private static partial class SafeNativeMethods
    {
        [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        public static partial int Open(string path, int flags);

        [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
        public static partial int Fsync(int fd);

        [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
        public static partial int Close(int fd);
    }
}
