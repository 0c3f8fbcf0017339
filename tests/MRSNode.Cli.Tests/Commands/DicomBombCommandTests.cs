using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Cli.Tests.Commands;

/// <summary>
/// Issue 25, finding 1: `dicom dump` and `info` on a 2 MB deflate bomb (2 GiB of zeros) reached 4.3 GB. Now each prints
/// one error line and exits 1, its peak RSS bounded (sampled from VmHWM while it runs; a generous bound, not a timing).
/// </summary>
[UnitTest]
public class DicomBombCommandTests
{
    private const long PeakRssLimit = 1L << 30;
    private static readonly string _dll = Path.Combine(AppContext.BaseDirectory, "mrsnode.dll");

    [Theory]
    [InlineData("dicom", "dump")]
    [InlineData("dicom", "dump", "--header-only")]
    [InlineData("info")]
    public async Task Command_DeflateBomb_OneErrorLineExit1AndBoundedRss(params string[] command)
    {
        var bomb = Path.Combine(TestData.NewTempFolder(), "bomb.dcm");
        await File.WriteAllBytesAsync(bomb, DeflateBomb.Part10((2L << 30) - (1 << 20), "1.2.826.0.1.3680043.10.1447.25.2"));

        var (result, peak) = Peers.RunSampled("dotnet", [_dll, .. command, bomb]);

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", line);
        Assert.Contains("exceeds the", line);
        Assert.True(peak < PeakRssLimit, $"peak RSS {peak >> 20} MiB");
    }
}
