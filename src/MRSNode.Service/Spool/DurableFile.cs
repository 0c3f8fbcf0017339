using System.Text;

namespace MRSNode.Service.Spool;

/// <summary>Writes that are on the disk when they return: temporary name, fsync, rename.</summary>
internal static class DurableFile
{
    public static void WriteText(string path, string text) => WriteBytes(path, Encoding.UTF8.GetBytes(text));

    public static void WriteBytes(string path, ReadOnlySpan<byte> bytes)
    {
        var temp = path + ".tmp";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            stream.Write(bytes);
            stream.Flush(flushToDisk: true);
        }
        File.Move(temp, path, overwrite: true);
        DirectorySync.Flush(Path.GetDirectoryName(Path.GetFullPath(path))!);
    }

    /// <summary>Copies and flushes; the target appears complete or not at all.</summary>
    public static void Copy(string source, string target)
    {
        var temp = target + ".tmp";
        using (var input = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.Read))
        using (var output = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            input.CopyTo(output);
            output.Flush(flushToDisk: true);
        }
        File.Move(temp, target, overwrite: true);
        DirectorySync.Flush(Path.GetDirectoryName(Path.GetFullPath(target))!);
    }
}
