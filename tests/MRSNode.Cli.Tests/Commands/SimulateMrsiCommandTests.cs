using System.Text.Json;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Cli.Tests.Commands;

[SlowTest]
public class SimulateMrsiCommandTests
{
    private static string TempDir() => Path.Combine(Path.GetTempPath(), "mrsnode-simulate-mrsi-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void SimulateMrsi_TwoSlices_MrsiImagePerSliceAndTruth()
    {
        var dir = TempDir();
        try
        {
            var r = MrsnodeProcess.Run("simulate", "mrsi", "--out", dir, "--grid", "8x6x2", "--voxel-size", "20", "--seed", "2", "--press-box");

            Assert.True(r.ExitCode == 0, r.StdErr);
            Assert.True(File.Exists(Path.Combine(dir, "mrsi.dcm")));
            Assert.Equal(["t1-01.dcm", "t1-02.dcm"], Directory.GetFiles(dir, "t1-*.dcm").Select(Path.GetFileName).Order());
            var truth = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "truth.json"))).RootElement;
            Assert.Equal(96, truth.GetProperty("voxels").GetArrayLength());
            Assert.Equal(8, truth.GetProperty("grid").GetProperty("Columns").GetInt32());
            Assert.Equal(2, truth.GetProperty("seed").GetInt32());
            Assert.Contains("simulated a 8x6x2 MRSI phantom", r.StdOut, StringComparison.Ordinal);
        }
        finally
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, true);
            }
        }
    }

    [Fact]
    public void SimulateMrsi_BadGrid_OneErrorLineExitOne()
    {
        var r = MrsnodeProcess.Run("simulate", "mrsi", "--out", TempDir(), "--grid", "16x");

        Assert.Equal(1, r.ExitCode);
        Assert.Contains("--grid '16x' is not COLUMNSxROWS[xSLICES]", r.StdErr, StringComparison.Ordinal);
    }
}
