using System.Text.Json;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Cli.Tests.Commands;

[SlowTest]
public class SimulateCommandTests
{
    private static readonly string _basis = TestData.Path("mrs/ismrm2016/press3T_30ms.BASIS");

    private static string TempDir() => Path.Combine(Path.GetTempPath(), "mrsnode-simulate-" + Guid.NewGuid().ToString("N"));

    [Theory]
    [InlineData("nifti", ".nii")]
    [InlineData("lcmodel", ".RAW")]
    [InlineData("dicom", ".dcm")]
    public void Simulate_FiveSpectra_FilesAndTruthWithFiveEntries(string format, string extension)
    {
        var dir = TempDir();

        var r = MrsnodeProcess.Run("simulate", "--basis", _basis, "--count", "5", "--snr", "25", "--seed", "3", "--out", dir, "--format", format);

        Assert.True(r.ExitCode == 0, r.StdErr);
        Assert.Equal(5, Directory.GetFiles(dir, "*" + extension).Length);
        for (int i = 0; i < 5; i++)
        {
            Assert.True(File.Exists(Path.Combine(dir, $"sim_{i:D4}{extension}")));
        }
        var truth = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "truth.json"))).RootElement;
        Assert.Equal(5, truth.GetArrayLength());
        Assert.All(truth.EnumerateArray(), t => Assert.Equal(25, t.GetProperty("Snr").GetDouble()));
        Assert.Contains("simulated 5 spectra", r.StdOut);
    }

    [Theory]
    [InlineData("nifti")]
    [InlineData("lcmodel")]
    [InlineData("dicom")]
    public void Simulate_SameSeedTwice_IdenticalBytes(string format)
    {
        var first = TempDir();
        var second = TempDir();

        var a = MrsnodeProcess.Run("simulate", "--basis", _basis, "--count", "5", "--snr", "20", "--seed", "11", "--out", first, "--format", format);
        var b = MrsnodeProcess.Run("simulate", "--basis", _basis, "--count", "5", "--snr", "20", "--seed", "11", "--out", second, "--format", format);

        Assert.True(a.ExitCode == 0 && b.ExitCode == 0, a.StdErr + b.StdErr);
        var names = Directory.GetFiles(first).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(names, Directory.GetFiles(second).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList());
        Assert.Equal(format == "lcmodel" ? 11 : 6, names.Count);
        foreach (var name in names)
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(first, name!)), File.ReadAllBytes(Path.Combine(second, name!)));
        }
    }

    [Fact]
    public void Simulate_PointsAndSpectralWidth_WrittenAsAsked()
    {
        var dir = TempDir();

        var r = MrsnodeProcess.Run("simulate", "--basis", _basis, "--count", "2", "--seed", "1", "--out", dir, "--points", "2048", "--spectral-width", "2000");

        Assert.True(r.ExitCode == 0, r.StdErr);
        var info = MrsnodeProcess.Run("info", "--json", Path.Combine(dir, "sim_0001.nii"));
        var item = JsonDocument.Parse(info.StdOut).RootElement[0];
        Assert.Equal(2048, item.GetProperty("points").GetInt32());
        Assert.Equal(2000, item.GetProperty("spectralWidthHz").GetDouble(), 6);
    }

    [Fact]
    public void Simulate_MissingBasis_OneLineErrorExit1()
    {
        var r = MrsnodeProcess.Run("simulate", "--basis", "/nonexistent/x.BASIS", "--count", "2", "--out", TempDir());

        Assert.Equal(1, r.ExitCode);
        Assert.StartsWith("error:", r.StdErr.Trim(), StringComparison.Ordinal);
        Assert.Single(r.StdErr.Trim().Split('\n'));
    }
}
