using System.Text.Json;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Cli.Tests.Commands;

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

    [Fact]
    public void Train_DeviceCuda_SaysTheBackendIsNotInThisBuild()
    {
        var r = MrsnodeProcess.Run("train", "--basis", Basis, "--out", TestData.NewTempFolder(), "--device", "cuda");
        Assert.Equal(1, r.ExitCode);
        Assert.Equal("error: the CUDA backend is not in this build", r.StdErr.Trim());
    }
}
