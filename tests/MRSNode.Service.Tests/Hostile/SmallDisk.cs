using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Service.Tests.Hostile;

/// <summary>Runs only where a tmpfs can be mounted: root on Linux (CI and the development container are).</summary>
internal sealed class SmallDiskFactAttribute : FactAttribute
{
    public SmallDiskFactAttribute()
    {
        // CI (MRSNODE_REQUIRE_PEERS) runs as root: there the test runs, and fails rather than skips if it cannot.
        if ((!OperatingSystem.IsLinux() || !Environment.IsPrivilegedProcess) && !Peers.RequirePeers)
        {
            Skip = "needs root on Linux to mount a small tmpfs (a real ENOSPC)";
        }
    }
}

/// <summary>A small tmpfs mounted on a fresh folder, to fill for real; unmounted on dispose.</summary>
internal sealed class SmallDisk : IDisposable
{
    private readonly string _filler;

    public SmallDisk(int megabytes)
    {
        Root = TestData.NewTempFolder();
        var mounted = Peers.Run("mount", ["-t", "tmpfs", "-o", $"size={megabytes}m", "tmpfs", Root]);
        Assert.True(mounted.ExitCode == 0, $"mount tmpfs failed: {mounted.StdErr}");
        _filler = Path.Combine(Root, "filler.bin");
    }

    public string Root { get; }

    /// <summary>Fills the disk to the last byte, then gives <paramref name="leaveBytes"/> back.</summary>
    public void Fill(long leaveBytes = 0)
    {
        using (var stream = new FileStream(_filler, FileMode.Append, FileAccess.Write, FileShare.ReadWrite, 0))
        {
            var block = new byte[64 * 1024];
            try
            {
                while (true)
                {
                    stream.Write(block);
                }
            }
            catch (IOException)
            {
                // ENOSPC: the disk is full (a partial block may have been written)
            }
        }
        using var shrink = new FileStream(_filler, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
        shrink.SetLength(Math.Max(0, shrink.Length - leaveBytes));
    }

    public void Free() => File.Delete(_filler);

    public void Dispose() => Peers.Run("umount", ["-l", Root]);
}
