using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using MRSNode.Service.Spool;
using MRSNode.TestSupport;
using Xunit;
using Xunit.Abstractions;

namespace MRSNode.Service.Tests.ScaleOut;

/// <summary>
/// Issue 24's must-show runs: `mrsnode serve --role …` processes (one intake, workers, one export, each with its own
/// data directory) sharing one store and a real RabbitMQ broker, Orthanc as the PACS. Every study's three outputs
/// (SR, Encapsulated PDF, Secondary Capture) must reach Orthanc, and the export node must have sent each object once.
/// CI runs <see cref="DefaultStudies"/> studies; MRSNODE_SCALEOUT_STUDIES=200 is the issue's full run (docs/benchmarks.md).
/// </summary>
[SlowTest]
public class ScaleOutProcessTests(ITestOutputHelper output)
{
    public const string StudiesVariable = "MRSNODE_SCALEOUT_STUDIES";
    private const int DefaultStudies = 40;
    private static readonly int Studies =
        int.TryParse(Environment.GetEnvironmentVariable(StudiesVariable), CultureInfo.InvariantCulture, out int n) && n > 0 ? n : DefaultStudies;
    private static readonly int Senders = Math.Clamp(Studies / 5, 1, 20); // 40 studies from 8 senders in CI, 200 from 20 by hand

    /// <summary>
    /// A hang detector only: about 2 s of CPU per study, and 5 node processes on 2 shared cores (40 studies took 342 s
    /// at a load average of 34, 2026-12-05).
    /// </summary>
    private static TimeSpan Limit(int studies) => TimeSpan.FromSeconds(300 + 12 * studies);

    [PeerFact("storescu", "Orthanc", RabbitMqBroker.Server, RabbitMqBroker.Epmd)]
    public async Task Serve_OneIntakeThreeWorkersOneExport_EveryStudyInOrthancExactlyOnce()
    {
        var clock = Stopwatch.StartNew();
        await using var deployment = await ScaleOutDeployment.StartAsync();
        var studies = deployment.SimulateStudies(Studies);
        await deployment.StartRolesAsync(workers: 3);

        var sent = await deployment.SendAsync(studies, Senders);
        var received = clock.Elapsed;

        Assert.All(sent, r => Assert.True(r.ExitCode == 0, r.StdErr));
        await AssertEveryStudyOnceAsync(deployment, studies, clock);
        output.WriteLine($"scale-out: {Studies} studies from {Senders} senders, 3 workers: received in {received.TotalSeconds:F1} s, all in Orthanc after {clock.Elapsed.TotalSeconds:F1} s");
        var perWorker = Enumerable.Range(1, 3).Select(w => new JobSpool(Path.Combine(deployment.WorkerData(w), "jobs")).Count(JobState.Done)).ToArray();
        output.WriteLine($"jobs per worker: {string.Join(", ", perWorker)}");
        Assert.Equal(Studies, perWorker.Sum()); // each job ran once, on one worker
    }

    [PeerFact("storescu", "Orthanc", RabbitMqBroker.Server, RabbitMqBroker.Epmd)]
    public async Task Serve_WorkerKilledMidJob_JobRedeliveredAndCompletesOnce()
    {
        var clock = Stopwatch.StartNew();
        await using var deployment = await ScaleOutDeployment.StartAsync();
        var studies = deployment.SimulateStudies(8);
        await deployment.StartRolesAsync(workers: 0);
        var victim = deployment.StartWorker(1);
        var victimJobs = new JobSpool(Path.Combine(deployment.WorkerData(1), "jobs"));

        Assert.All(await deployment.SendAsync(studies, 2), r => Assert.True(r.ExitCode == 0, r.StdErr));
        string? killedJob = null;
        Assert.True(await TestNode.WaitUntilAsync(() =>
        {
            killedJob = victimJobs.List(JobState.Running) is [var first, ..] ? first : null;
            return killedJob is not null;
        }, TimeSpan.FromSeconds(120)), "the worker never ran a job");
        victim.Kill(entireProcessTree: true); // SIGKILL mid-job: its deliveries go back to the queue
        await victim.WaitForExitAsync();
        deployment.StartWorker(2);

        await AssertEveryStudyOnceAsync(deployment, studies, clock);
        var store = new MRSNode.Service.SharedStore.SharedJobStore(deployment.SharedStore);
        Assert.True(store.HasOutputs(killedJob!), $"job {killedJob} killed mid-run has no outputs in the shared store");
        Assert.Equal(JobState.Done, new JobSpool(Path.Combine(deployment.WorkerData(2), "jobs")).Find(killedJob!));
    }

    [PeerFact("storescu", "Orthanc", RabbitMqBroker.Server, RabbitMqBroker.Epmd)]
    public async Task Serve_BrokerStoppedThirtySecondsMidLoad_IntakeKeepsAcceptingNothingLostOrDoubled()
    {
        var clock = Stopwatch.StartNew();
        await using var deployment = await ScaleOutDeployment.StartAsync();
        var studies = deployment.SimulateStudies(12);
        await deployment.StartRolesAsync(workers: 2);
        Assert.All(await deployment.SendAsync(studies[..6], 3), r => Assert.True(r.ExitCode == 0, r.StdErr));
        var intakeJobs = new JobSpool(Path.Combine(deployment.Folder, "intake", "jobs"));
        Assert.True(await TestNode.WaitUntilAsync(() => intakeJobs.Count(JobState.Done) >= 3, TimeSpan.FromSeconds(60)), "the intake forwarded nothing");

        await deployment.Broker.StopAsync(); // mid-load: jobs forwarded, in the workers, and on their way
        var outage = Stopwatch.StartNew();
        Assert.All(await deployment.SendAsync(studies[6..], 3), r => Assert.True(r.ExitCode == 0, r.StdErr)); // accepted while the broker is away
        Assert.True(await TestNode.WaitUntilAsync(() => intakeJobs.Count(JobState.Queued) > 0, TimeSpan.FromSeconds(30)), "no job waited in the intake's spool");
        using var http = new HttpClient();
        var health = await http.GetFromJsonAsync<JsonElement>($"http://127.0.0.1:{deployment.IntakeStatusPort}/health");
        Assert.Equal("degraded", health.GetProperty("status").GetString());
        Assert.StartsWith("broker unreachable (intake role)", health.GetProperty("reasons")[0].GetString(), StringComparison.Ordinal);
        await Task.Delay(TimeSpan.FromSeconds(30) - outage.Elapsed is { Ticks: > 0 } rest ? rest : TimeSpan.Zero);
        output.WriteLine($"broker down {outage.Elapsed.TotalSeconds:F0} s; intake queued {intakeJobs.Count(JobState.Queued)} job(s) meanwhile");
        await deployment.Broker.StartAsync();

        await AssertEveryStudyOnceAsync(deployment, studies, clock);
        Assert.Equal(0, intakeJobs.Count(JobState.Queued));
        Assert.Equal(studies.Length, intakeJobs.Count(JobState.Done));
    }

    /// <summary>Orthanc holds SR, PDF and capture for every study and nothing else; the export node sent each object once.</summary>
    private static async Task AssertEveryStudyOnceAsync(ScaleOutDeployment deployment, string[] studies, Stopwatch clock)
    {
        int expected = 3 * studies.Length;
        Assert.True(await TestNode.WaitUntilAsync(async () => deployment.Sent().Count >= expected, Limit(studies.Length) - clock.Elapsed),
            $"the export node sent {deployment.Sent().Count} of {expected} objects after {clock.Elapsed.TotalSeconds:F0} s");
        await Task.Delay(TimeSpan.FromSeconds(3)); // a duplicate would show up now
        var byStudy = await deployment.OrthancInstancesByStudyAsync();
        foreach (var study in studies.Select(ScaleOutDeployment.StudyUid))
        {
            Assert.True(byStudy.TryGetValue(study, out int count) && count == 3, $"study {study}: {count} object(s) in Orthanc");
        }
        Assert.Equal(studies.Length, byStudy.Count);
        var sent = deployment.Sent();
        Assert.Equal(expected, sent.Count);
        Assert.Equal(expected, sent.Select(s => s.SopInstanceUid).Distinct().Count());
    }
}
