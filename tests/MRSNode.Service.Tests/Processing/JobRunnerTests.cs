using System.Text.Json;
using System.Text.Json.Nodes;
using MRSNode.Pipeline;
using MRSNode.Pipeline.Composition;
using MRSNode.Service.Configuration;
using MRSNode.Service.Export;
using MRSNode.Service.Processing;
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

    private const string Source = "dicom/siemens-xa60-svs.dcm";

    /// <summary>A spool with one running job on a real DICOM MRS object, an outbox with one destination, and a runner
    /// whose pipeline is <paramref name="run"/>.</summary>
    private static (JobRunner Runner, JobSpool Jobs, Outbox Outbox, string Id) Running(
        Func<QuantificationRequest, CancellationToken, QuantificationOutcome> run, double timeLimitSeconds = 600)
    {
        var data = TestData.NewTempFolder();
        var options = new NodeOptions();
        options.Processing.JobTimeLimitSeconds = timeLimitSeconds;
        options.Destinations.Add(new DestinationOptions { Name = "pacs", AeTitle = "PACS", Host = "127.0.0.1", Port = 104 });
        var jobs = new JobSpool(Path.Combine(data, "jobs"));
        var outbox = new Outbox(data, options.Destinations);
        var name = Path.GetFileName(Source);
        jobs.Create(new JobManifest { Id = "20250101T000000000-poison-1", StudyInstanceUid = "1.2.3", MetaboliteFiles = [name], InputFiles = [name] }, [TestData.Path(Source)]);
        var id = jobs.TryStartNext()!;
        return (new JobRunner(jobs, outbox, options, new PipelineSettings(), run), jobs, outbox, id);
    }

    private static string NotProcessedReason(JobSpool jobs, string id)
    {
        using var results = JsonDocument.Parse(File.ReadAllText(Path.Combine(jobs.JobFolder(JobState.Failed, id), JobSpool.OutputsFolder, "results.json")));
        Assert.Equal("not usable", results.RootElement.GetProperty("verdict").GetString());
        return results.RootElement.GetProperty("reasons")[0].GetString()!;
    }

    /// <summary>Issue 25: a fit that never ends is cancelled at Processing:JobTimeLimitSeconds and the PACS gets a not-processed report.</summary>
    [Fact]
    public void Run_PipelineOverTheTimeLimit_FailsWithNotProcessedReportPublished()
    {
        var (runner, jobs, outbox, id) = Running((_, ct) =>
        {
            while (true)
            {
                ct.ThrowIfCancellationRequested();
                Thread.Sleep(10);
            }
        }, timeLimitSeconds: 1);

        var result = runner.Run(id, CancellationToken.None);

        const string Reason = "processing took longer than the limit of 1 s (Processing:JobTimeLimitSeconds); the study was not quantified";
        Assert.False(result.Succeeded);
        Assert.Equal(Reason, result.Error);
        Assert.Equal(JobState.Failed, jobs.Find(id));
        Assert.Equal("not quantified: " + Reason, NotProcessedReason(jobs, id));
        Assert.Equal(3, outbox.PendingCount("pacs")); // SR, Encapsulated PDF, Secondary Capture
    }

    /// <summary>Issue 25: a bug (not an input problem) also tells the PACS, naming the job id and not the exception text.</summary>
    [Fact]
    public void Run_PipelineThrowsABug_InternalErrorReportNamesTheJob()
    {
        var (runner, jobs, outbox, id) = Running((_, _) => throw new InvalidOperationException("index out of range at 1.2.3.4"));

        var result = runner.Run(id, CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Equal("internal error (InvalidOperationException): index out of range at 1.2.3.4", result.Error);
        Assert.Equal($"not quantified: the node could not process the study because of an internal error (job {id}: see the node's log and failed/{id}/error.txt)",
            NotProcessedReason(jobs, id));
        Assert.Equal(3, outbox.PendingCount("pacs"));
    }

    /// <summary>A stop of the node is not the time limit: the cancellation goes back to the worker, which requeues the job.</summary>
    [Fact]
    public void Run_NodeStopsDuringTheFit_RethrownNoReport()
    {
        using var stop = new CancellationTokenSource();
        var (runner, jobs, outbox, id) = Running((_, ct) =>
        {
            stop.Cancel();
            ct.ThrowIfCancellationRequested();
            return null!;
        });

        Assert.ThrowsAny<OperationCanceledException>(() => runner.Run(id, stop.Token));

        Assert.Equal(JobState.Running, jobs.Find(id));
        Assert.False(Directory.Exists(Path.Combine(jobs.JobFolder(JobState.Running, id), JobSpool.OutputsFolder)));
        Assert.Equal(0, outbox.PendingCount("pacs"));
    }

    /// <summary>Finding 10: a study whose job the node died in Processing:MaxStarts times still reaches the PACS, as "not processed".</summary>
    [Fact]
    public void Run_StartedMoreThanMaxStarts_FailedUnrunWithNotProcessedReport()
    {
        bool ran = false;
        var (runner, jobs, outbox, id) = Running((_, _) =>
        {
            ran = true;
            throw new InvalidOperationException("must not run");
        });
        File.AppendAllLines(Path.Combine(jobs.JobFolder(JobState.Running, id), JobSpool.StartsFile), ["t2", "t3", "t4"]); // 4 starts, MaxStarts 3

        var result = runner.Run(id, CancellationToken.None);

        Assert.False(ran);
        Assert.Equal("the node stopped while this job ran 3 times (Processing:MaxStarts 3); not started again", result.Error);
        Assert.Equal($"not quantified: the node stopped 3 times while processing this study (job {id}); it was not processed", NotProcessedReason(jobs, id));
        Assert.Equal(3, outbox.PendingCount("pacs"));
    }
}
