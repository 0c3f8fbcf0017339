using System.Text.Json.Nodes;
using MRSNode.Service.Spool;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Service.Tests.Processing;

[SlowTest]
public sealed class JobRunnerTests
{
    private static readonly string _mrsnode = Path.Combine(AppContext.BaseDirectory, "mrsnode.dll");

    [Fact]
    public async Task Run_StudyAlsoGivenToMrsnodeQuantify_SameResultsJsonButItsTimes()
    {
        const string study = "dicom/siemens-csa-svs30.ima";
        var name = Path.GetFileName(study);
        var cliOutput = TestData.NewTempFolder();
        await using var node = await TestNode.StartAsync(settings => settings["Processing:Method"] = "both");
        var id = JobSpool.NewId();

        node.Jobs.Create(new JobManifest { Id = id, StudyInstanceUid = "1.2.826.0.1.3680043.2.1143.2", MetaboliteFiles = [name], InputFiles = [name] }, [TestData.Path(study)]);
        var cli = Peers.Run("dotnet", [_mrsnode, "quantify", TestData.Path(study), "--method", "both", "--out", cliOutput]);

        Assert.True(cli.ExitCode == 0, cli.StdErr);
        Assert.True(await TestNode.WaitUntilAsync(() => node.Jobs.Find(id) == JobState.Done, TimeSpan.FromSeconds(120)));
        var fromNode = WithoutTimes(Path.Combine(node.Jobs.JobFolder(JobState.Done, id), JobSpool.OutputsFolder, "results.json"));
        var fromCli = WithoutTimes(Path.Combine(cliOutput, "results.json"));
        Assert.Contains("\"neural\": {", fromCli, StringComparison.Ordinal); // both methods ran
        Assert.Equal(fromCli, fromNode);
    }

    /// <summary>results.json without what differs between two runs of the same study: when it was made and how long each method took.</summary>
    private static string WithoutTimes(string path)
    {
        var report = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        report.Remove("createdUtc");
        foreach (var method in new[] { "lcm", "neural" })
        {
            (report[method] as JsonObject)?.Remove("seconds");
        }
        return report.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });
    }
}
