using System.Diagnostics;
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

        var (exitCode, stdErr, peak) = await RunSampled([.. command, bomb]);

        Assert.Equal(1, exitCode);
        var line = Assert.Single(stdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", line);
        Assert.Contains("exceeds the", line);
        Assert.True(peak < PeakRssLimit, $"peak RSS {peak >> 20} MiB");
    }

    private static async Task<(int ExitCode, string StdErr, long PeakRss)> RunSampled(string[] args)
    {
        var psi = new ProcessStartInfo(Peers.Find("dotnet") ?? "dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(_dll);
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }
        using var process = Process.Start(psi)!;
        var stdOut = process.StandardOutput.ReadToEndAsync();
        var stdErr = process.StandardError.ReadToEndAsync();
        long peak = 0;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2)); // hang detector only
        while (!process.HasExited && !timeout.IsCancellationRequested)
        {
            try
            {
                process.Refresh();
                peak = Math.Max(peak, process.PeakWorkingSet64);
            }
            catch (InvalidOperationException)
            {
                break; // exited between the check and the read
            }
            await Task.Delay(5);
        }
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }
        await process.WaitForExitAsync();
        await stdOut;
        return (process.ExitCode, await stdErr, peak);
    }
}
