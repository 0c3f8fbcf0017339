using System.Globalization;
using System.Net.Http.Json;
using System.Numerics;
using System.Text.Json;
using MRSNode.Dicom.IO;
using MRSNode.Service.Spool;
using MRSNode.Service.Tests.Processing;
using MRSNode.Spectroscopy;
using MRSNode.Spectroscopy.Readers;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Service.Tests.Hostile;

/// <summary>
/// Issue 25, finding 2, against the running node: a job that runs for ever is stopped at Processing:JobTimeLimitSeconds
/// with a not-processed report while /health says the worker is stuck; a poison object (a FID of zeros, which hung a
/// worker for ever) fails fast with its reason; the worker goes on; a failing destination makes /health degraded.
/// </summary>
[SlowTest]
public sealed class PoisonJobTests
{
    private const string Source = "dicom/siemens-xa60-svs.dcm";

    /// <summary>The XA60 single voxel with every sample zero, written by the project's DICOM MRS writer.</summary>
    private static string ZeroFid(string folder)
    {
        var source = new DicomMrsReader().Read(TestData.Path(Source), MrsReadOptions.Default)[0];
        var path = Path.Combine(folder, "zero.dcm");
        MrsDicomWriter.Write(source.With(new Complex[source.Data.Length], source.Points, source.Averages, source.Coils, source.Voxels), path,
            details: MrsAcquisitionDetails.FromDicom(DicomFile.Open(TestData.Path(Source)).Dataset));
        return path;
    }

    private static JobManifest Manifest(string id, string file) =>
        new() { Id = id, StudyInstanceUid = "1.2.826.0.1.3680043.2.1143.25", MetaboliteFiles = [file], InputFiles = [file] };

    private static async Task<JsonElement> HealthAsync(TestNode node)
    {
        using var http = new HttpClient();
        var response = await http.GetAsync($"http://127.0.0.1:{node.StatusPort}/health");
        Assert.Equal(200, (int)response.StatusCode); // degraded is a 200 too: the node runs; the body says what is wrong
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static string Reasons(JsonElement health) => string.Join(" | ", health.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));

    private static string NotProcessedReason(JobSpool jobs, string id)
    {
        using var results = JsonDocument.Parse(File.ReadAllText(Path.Combine(jobs.JobFolder(JobState.Failed, id), JobSpool.OutputsFolder, "results.json")));
        return results.RootElement.GetProperty("reasons")[0].GetString()!;
    }

    [Fact]
    public async Task Node_FitOverTheTimeLimitThenPoison_DegradedWhileStuckBothNotProcessedThenOk()
    {
        var inputs = TestData.NewTempFolder();
        var longFit = LongFitStudy.Write(inputs, 65536); // minutes of fitting on a 2-core host
        var zero = ZeroFid(inputs);
        await using var node = await TestNode.StartAsync(s => s["Processing:JobTimeLimitSeconds"] = "20");
        const string LongId = "20250101T000000000-long-1", ZeroId = "20250101T000000001-zero-1";

        node.Jobs.Create(Manifest(LongId, "long.dcm"), [longFit]);
        node.Jobs.Create(Manifest(ZeroId, "zero.dcm"), [zero]);

        JsonElement health = default;
        Assert.True(await TestNode.WaitUntilAsync(async () => (health = await HealthAsync(node)).GetProperty("status").GetString() == "degraded", TimeSpan.FromSeconds(60)),
            "never degraded while the fit ran past half the limit");
        Assert.StartsWith($"worker stuck: job {LongId} has run ", Reasons(health), StringComparison.Ordinal);
        Assert.True(await TestNode.WaitUntilAsync(() => node.Jobs.Find(ZeroId) == JobState.Failed, TimeSpan.FromSeconds(120)), "the worker did not go on to the next job");

        Assert.Equal(JobState.Failed, node.Jobs.Find(LongId));
        Assert.Equal("not quantified: processing took longer than the limit of 20 s (Processing:JobTimeLimitSeconds); the study was not quantified", NotProcessedReason(node.Jobs, LongId));
        Assert.Equal("not quantified: zero.dcm: the spectrum holds no signal (every sample of the FID is zero)", NotProcessedReason(node.Jobs, ZeroId));
        Assert.Equal(2, (await node.StatusAsync()).GetProperty("queues").GetProperty("localOutboxJobs").GetInt32()); // both reports published
        health = await HealthAsync(node);
        Assert.Equal("ok", health.GetProperty("status").GetString());
        Assert.Equal(0, health.GetProperty("reasons").GetArrayLength());
    }

    [Fact]
    public async Task Node_DestinationUnreachable_HealthDegradedNamingTheDestination()
    {
        var zero = ZeroFid(TestData.NewTempFolder());
        int closed = Ports.Free(); // nobody listens there
        await using var node = await TestNode.StartAsync(s =>
        {
            s["Destinations:0:Name"] = "pacs";
            s["Destinations:0:AeTitle"] = "PACS";
            s["Destinations:0:Host"] = "127.0.0.1";
            s["Destinations:0:Port"] = closed.ToString(CultureInfo.InvariantCulture);
        });
        Assert.Equal("ok", (await HealthAsync(node)).GetProperty("status").GetString());

        node.Jobs.Create(Manifest("20250101T000000000-zero-2", "zero.dcm"), [zero]); // its not-processed report goes to the outbox

        JsonElement health = default;
        Assert.True(await TestNode.WaitUntilAsync(async () => (health = await HealthAsync(node)).GetProperty("status").GetString() == "degraded", TimeSpan.FromSeconds(60)));
        Assert.StartsWith("destination pacs failing: ", Reasons(health), StringComparison.Ordinal);
        Assert.Contains("consecutive failure(s), retrying with backoff", Reasons(health), StringComparison.Ordinal);
    }

    /// <summary>A poison object sent like any other: refused when its study is assembled, and still reported to the PACS.</summary>
    [PeerFact("storescu")]
    public async Task Node_ZeroFidSentByStorescu_RefusedAtAssemblyWithNotProcessedReport()
    {
        var zero = ZeroFid(TestData.NewTempFolder());
        await using var node = await TestNode.StartAsync();

        var sent = await node.StorescuAsync(zero);

        Assert.True(sent.ExitCode == 0, sent.StdErr);
        Assert.True(await TestNode.WaitUntilAsync(() => node.Jobs.List(JobState.Failed).Count == 1
            && Directory.Exists(Path.Combine(node.Jobs.JobFolder(JobState.Failed, node.Jobs.List(JobState.Failed)[0]), JobSpool.OutputsFolder)), TimeSpan.FromSeconds(60)));
        var id = node.Jobs.List(JobState.Failed)[0];
        var reason = NotProcessedReason(node.Jobs, id);
        Assert.StartsWith("not quantified: cannot be read as MR spectroscopy: ", reason, StringComparison.Ordinal);
        Assert.EndsWith(".dcm: the spectrum holds no signal (every sample of the FID is zero)", reason, StringComparison.Ordinal);
        // The report is copied to the outbox after the failed job's outputs are written: wait for it, not for the order.
        int outbox = -1;
        Assert.True(await TestNode.WaitUntilAsync(async () => (outbox = (await node.StatusAsync()).GetProperty("queues").GetProperty("localOutboxJobs").GetInt32()) == 1, TimeSpan.FromSeconds(30)), $"local outbox jobs: {outbox}");
    }
}
