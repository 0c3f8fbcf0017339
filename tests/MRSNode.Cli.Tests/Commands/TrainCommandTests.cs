using System.Text.Json;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Cli.Tests.Commands;

[SlowTest]
public class TrainCommandTests
{
    private static string Basis => TestData.Path("mrs/ismrm2016/press3T_30ms.BASIS");

    [Fact]
    public void Train_TinyCnnTwoEpochs_WritesModelCardAndValidation()
    {
        var output = Path.Combine(TestData.NewTempFolder(), "cnn-tiny");
        var r = MrsnodeProcess.Run("train", "--model", "cnn", "--basis", Basis, "--out", output,
            "--samples", "64", "--validation", "16", "--epochs", "2", "--batch", "16", "--channels", "8", "--hidden", "32", "--seed", "3");
        Assert.True(r.ExitCode == 0, r.StdErr);
        Assert.Contains("| NAA |", r.StdOut);
        Assert.True(File.Exists(Path.Combine(output, "model.safetensors")));
        Assert.True(File.Exists(Path.Combine(output, "checkpoint.safetensors")));
        using var card = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "model.json")));
        Assert.Equal("cnn", card.RootElement.GetProperty("kind").GetString());
        Assert.Equal(8, card.RootElement.GetProperty("training").GetProperty("steps").GetInt32());
        Assert.Equal(3, card.RootElement.GetProperty("training").GetProperty("seed").GetInt32());
        Assert.True(card.RootElement.GetProperty("validation").GetProperty("smapePercent").TryGetProperty("NAA", out _));
        Assert.Contains("| NAA |", File.ReadAllText(Path.Combine(output, "validation.md")));
    }

    /// <summary>Without a GPU (CI): one clear error line. On a GPU machine the same command trains one tiny epoch on it.</summary>
    [Fact]
    public void Train_DeviceCuda_TrainsOnTheGpuOrSaysWhyItCannot()
    {
        var output = Path.Combine(TestData.NewTempFolder(), "cuda");
        var r = MrsnodeProcess.Run("train", "--model", "cnn", "--basis", Basis, "--out", output, "--device", "cuda",
            "--samples", "32", "--validation", "8", "--epochs", "1", "--batch", "16", "--channels", "8", "--hidden", "32");
        if (r.ExitCode == 0)
        {
            using var card = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "model.json")));
            Assert.Equal("cuda", card.RootElement.GetProperty("training").GetProperty("device").GetString());
            return;
        }
        Assert.Equal(1, r.ExitCode);
        Assert.StartsWith("error: CUDA requested but not available: ", r.StdErr.Trim(), StringComparison.Ordinal);
        Assert.DoesNotContain('\n', r.StdErr.Trim());
    }
}
