using MRSNode.Spectroscopy.Readers;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Cli.Tests.Commands;

[SlowTest]
public class BasisCommandsTests
{
    [Fact]
    public void Simulate_PressTe35_WritesTheBasisWithProgressAndSeconds()
    {
        var path = Path.Combine(TestData.NewTempFolder(), "press35.BASIS");

        var r = MrsnodeProcess.Run("basis", "simulate", "--field", "3", "--sequence", "press", "--te", "35", "--te1", "13", "--te2", "22",
            "--points", "2048", "--spectral-width", "2000", "--metabolites", "NAA,Cr,PCho", "--out", path);

        Assert.True(r.ExitCode == 0, r.StdErr);
        var lines = r.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["metabolite 1/3", "metabolite 2/3", "metabolite 3/3"], lines[..3].Select(l => l[..l.IndexOf(':', StringComparison.Ordinal)]));
        Assert.Matches(@"^wrote .*press35\.BASIS: 3 metabolites, 2048 points, 2000 Hz, PRESS TE 35 ms, 127\.732 MHz, in \d+\.\d s$", lines[^1]);
        var basis = LcModelBasisReader.Read(path);
        Assert.Equal(["Cr", "NAA", "PCho"], basis.Metabolites.Select(m => m.Name).Order(StringComparer.Ordinal));
        Assert.Equal(2048, basis.Points);
        Assert.Equal(0.0005, basis.DwellTimeSeconds, 12);
        Assert.Equal(127.732, basis.FrequencyMHz, 3);
        Assert.Equal(35.0, basis.EchoTimeMs);
        Assert.Equal("PRESS", basis.Sequence);
        Assert.Equal(2.008, basis.Axis.PeakPpm(basis.Find("NAA")!.Fid, 1.9, 2.1), 0.01);
        Assert.Equal(3.027, basis.Axis.PeakPpm(basis.Find("Cr")!.Fid, 2.95, 3.1), 0.01);
    }

    [Fact]
    public void Simulate_SteamAtSevenTesla_TeAndSequenceInTheFile()
    {
        var path = Path.Combine(TestData.NewTempFolder(), "steam.BASIS");

        var r = MrsnodeProcess.Run("basis", "simulate", "--frequency", "297.22", "--sequence", "steam", "--te", "11", "--tm", "32", "--metabolites", "NAA", "--out", path);

        Assert.True(r.ExitCode == 0, r.StdErr);
        var basis = LcModelBasisReader.Read(path);
        Assert.Equal("STEAM", basis.Sequence);
        Assert.Equal(11.0, basis.EchoTimeMs);
        Assert.Equal(297.22, basis.FrequencyMHz, 6);
        Assert.Equal(4096, basis.Points);
        Assert.Equal(2.008, basis.Axis.PeakPpm(basis.Metabolites.Single().Fid, 1.9, 2.1), 0.01);
    }

    [Fact]
    public void Simulate_ShapedSemiLaser_ProvenanceNamesPulsesAndGrid()
    {
        var path = Path.Combine(TestData.NewTempFolder(), "slaser.BASIS");

        var r = MrsnodeProcess.Run("basis", "simulate", "--field", "3", "--sequence", "slaser", "--te", "30", "--pulses", "shaped", "--spatial-points", "2",
            "--metabolites", "Cr", "--out", path);

        Assert.True(r.ExitCode == 0, r.StdErr);
        Assert.Contains("shaped pulses: HS1 R20 4.5 ms 2 kHz refocusing at 3.0 ppm, 2?2 positions", File.ReadAllText(path), StringComparison.Ordinal);
        var basis = LcModelBasisReader.Read(path);
        Assert.Equal("sLASER", basis.Sequence);
        Assert.Equal(3.027, basis.Axis.PeakPpm(basis.Metabolites.Single().Fid, 2.95, 3.1), 0.01);
    }

    [Theory]
    [InlineData("error: --spatial-points goes with --pulses shaped.", "--field", "3", "--sequence", "slaser", "--te", "30", "--spatial-points", "4")]
    [InlineData("error: shaped pulses are modelled for sLASER and MEGA-PRESS; Press is simulated with ideal pulses.", "--field", "3", "--sequence", "press", "--te", "30", "--pulses", "shaped")]
    [InlineData("error: unknown metabolite 'Xyz'", "--field", "3", "--sequence", "press", "--te", "30", "--metabolites", "NAA,Xyz")]
    [InlineData("error: --te1 10 + --te2 10 ms is not --te 30 ms.", "--field", "3", "--sequence", "press", "--te", "30", "--te1", "10", "--te2", "10")]
    [InlineData("error: no field: give --field T or --frequency MHz.", "--sequence", "press", "--te", "30")]
    [InlineData("error: --tm is STEAM's mixing time; PRESS takes --te1 and --te2.", "--field", "3", "--sequence", "press", "--te", "30", "--tm", "10")]
    public void Simulate_BadCommandLine_ExitOneWithOneLine(string expected, params string[] args)
    {
        var path = Path.Combine(TestData.NewTempFolder(), "x.BASIS");

        var r = MrsnodeProcess.Run(["basis", "simulate", .. args, "--out", path]);

        Assert.Equal(1, r.ExitCode);
        var line = Assert.Single(r.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith(expected, line, StringComparison.Ordinal);
        Assert.False(File.Exists(path));
    }
}
