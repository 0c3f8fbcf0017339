using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Service.Tests;

/// <summary>`mrsnode serve --windows-service` as a process, outside the service control manager.</summary>
[UnitTest]
public class ServeWindowsServiceTests
{
    private static readonly string _mrsnode = Path.Combine(AppContext.BaseDirectory, "mrsnode.dll");

    [Fact]
    public void Serve_WindowsServiceOutsideTheScm_ExitsOneWithOneLineError()
    {
        var data = TestData.NewTempFolder();
        var result = Peers.Run("dotnet", [_mrsnode, "serve", "--windows-service"], TimeSpan.FromSeconds(60));

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("", result.StdOut);
        if (OperatingSystem.IsWindows())
        {
            Assert.StartsWith("error: --windows-service needs the process to be started by the Windows service control manager", line);
        }
        else
        {
            Assert.Equal("error: --windows-service runs only on Windows; elsewhere run 'mrsnode serve' under the system's service manager (installers/linux for systemd)", line.TrimEnd('\r'));
        }
        Assert.Empty(Directory.EnumerateFileSystemEntries(data));
    }
}
