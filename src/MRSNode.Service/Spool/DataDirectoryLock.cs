namespace MRSNode.Service.Spool;

/// <summary>Another process holds the data directory's lock: a second node there would recover (delete, requeue) the live node's work.</summary>
public sealed class DataDirectoryInUseException : IOException
{
    public DataDirectoryInUseException()
    {
    }

    public DataDirectoryInUseException(string message)
        : base(message)
    {
    }

    public DataDirectoryInUseException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// &lt;DataDirectory&gt;/node.lock opened with FileShare.None for the node's lifetime: an OS lock (flock on Linux, a
/// share mode on Windows), so a second node on the same folder refuses to start instead of running spool recovery
/// over the first one's in-flight objects and jobs. The OS releases it when the process ends, kill -9 included, so a
/// restart after a crash is never locked out by a stale file.
/// </summary>
public sealed class DataDirectoryLock : IDisposable
{
    public const string FileName = "node.lock";

    private readonly FileStream _file;

    private DataDirectoryLock(FileStream file) => _file = file;

    /// <summary>Takes the lock or throws <see cref="DataDirectoryInUseException"/> naming the folder.</summary>
    public static DataDirectoryLock Acquire(string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        var path = Path.Combine(dataDirectory, FileName);
        try
        {
            var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            try
            {
                // The holder's process id, for the operator who finds the folder locked (informational only).
                file.SetLength(0);
                var pid = System.Text.Encoding.ASCII.GetBytes(Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\n");
                file.Write(pid);
                file.Flush();
            }
            catch
            {
                file.Dispose();
                throw;
            }
            return new DataDirectoryLock(file);
        }
        catch (IOException ex) when (ex is not DataDirectoryInUseException)
        {
            throw new DataDirectoryInUseException(
                $"the data directory {dataDirectory} is in use by another mrsnode process ({path} is locked); one node per data directory", ex);
        }
    }

    public void Dispose() => _file.Dispose();
}
