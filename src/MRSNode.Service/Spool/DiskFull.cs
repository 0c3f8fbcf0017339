namespace MRSNode.Service.Spool;

/// <summary>
/// Whether an I/O failure is a full disk: ENOSPC (errno 28, which .NET on Unix carries as the HResult) or Windows'
/// ERROR_DISK_FULL / ERROR_HANDLE_DISK_FULL. A disk that fills faster than the free-space watermark is handled like
/// the watermark (refuse, clean up, retry later), not as a bug.
/// </summary>
public static class DiskFull
{
    private const int Enospc = 28;
    private const int WindowsDiskFull = unchecked((int)0x80070070);
    private const int WindowsHandleDiskFull = unchecked((int)0x80070027);

    public static bool Is(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is IOException { HResult: Enospc or WindowsDiskFull or WindowsHandleDiskFull })
            {
                return true;
            }
        }
        return false;
    }
}
