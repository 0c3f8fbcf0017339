using System.Text.Json;
using MRSNode.Dicom;
using MRSNode.Dicom.IO;
using MRSNode.Dicom.Network.Scu;
using MRSNode.Quantification.Results;
using MRSNode.Service.Spool;
using MRSNode.Spectroscopy.Readers;
using MRSNode.Spectroscopy.Simulation;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Service.Tests;

/// <summary>The node as a scanner and a PACS see it: storescu in, outbox or Orthanc out.</summary>
[SlowTest]
public class NodeEndToEndTests
{
    private static readonly TimeSpan _jobTimeout = TimeSpan.FromSeconds(90);

    [PeerTheory("storescu")]
    [InlineData("dicom/siemens-xa60-svs.dcm")]
    [InlineData("dicom/siemens-csa-svs30.ima")]
    public async Task Storescu_VendorFile_SrInLocalOutboxInSourceStudy(string relative)
    {
        await using var node = await TestNode.StartAsync();
        var file = TestData.Path(relative);

        var r = await node.StorescuAsync(file);

        Assert.True(r.ExitCode == 0, r.StdErr);
        Assert.True(await TestNode.WaitUntilAsync(() => node.Jobs.Count(JobState.Done) + node.Jobs.Count(JobState.Failed) == 1, _jobTimeout));
        var job = Assert.Single(node.Jobs.List(JobState.Done));
        var outbox = Path.Combine(node.Outbox, job);
        Assert.Contains("sr.dcm", TestNode.FilesUnder(outbox));
        Assert.Equal(TestNode.Outputs(node.Jobs, job), TestNode.FilesUnder(outbox));
        var sr = DicomFile.Open(Path.Combine(outbox, "sr.dcm")).Dataset;
        Assert.Equal(TestNode.Uid(file, DicomTags.StudyInstanceUID), sr.GetString(DicomTags.StudyInstanceUID));
        Assert.Equal(DicomUids.ComprehensiveSRStorage, sr.GetString(DicomTags.SOPClassUID));
        Assert.True(File.Exists(Path.Combine(node.Jobs.JobFolder(JobState.Done, job), "outputs", "results.json")));
        Assert.Empty(TestNode.FilesUnder(Path.Combine(node.DataDirectory, "assembly")));
    }

    [PeerFact("storescu")]
    public async Task StatusEndpoints_AfterOneStudy_ReportQueuesAndVerdict()
    {
        await using var node = await TestNode.StartAsync();
        await node.StorescuAsync(TestData.Path("dicom/siemens-csa-svs30.ima"));
        Assert.True(await TestNode.WaitUntilAsync(async () => (await node.StatusAsync()).GetProperty("recentJobs").GetArrayLength() == 1, _jobTimeout));

        var status = await node.StatusAsync();
        using var http = new HttpClient();
        var health = await http.GetAsync($"http://127.0.0.1:{node.StatusPort}/health");
        var page = await http.GetStringAsync($"http://127.0.0.1:{node.StatusPort}/");

        Assert.Equal(200, (int)health.StatusCode);
        Assert.Equal(1, status.GetProperty("objectsReceived").GetInt64());
        Assert.Equal(1, status.GetProperty("queues").GetProperty("done").GetInt32());
        Assert.Equal(0, status.GetProperty("queues").GetProperty("failed").GetInt32());
        Assert.Equal(1, status.GetProperty("queues").GetProperty("localOutboxJobs").GetInt32());
        var recent = Assert.Single(status.GetProperty("recentJobs").EnumerateArray());
        Assert.Equal("done", recent.GetProperty("state").GetString());
        Assert.False(string.IsNullOrEmpty(recent.GetProperty("verdict").GetString()));
        Assert.Contains("<h2>Queues</h2>", page);
        Assert.Contains(recent.GetProperty("id").GetString()!, page);
    }

    [PeerFact("storescu")]
    public async Task Storescu_PhilipsWithoutManifestEntry_QuantifiedWithASimulatedBasisRecordedInResultsAndSr()
    {
        await using var node = await TestNode.StartAsync();
        var file = TestData.Path("dicom/philips-mrs-2frame.dcm"); // 1.5 T PRIME (PRESS) TE 31.9 ms: no manifest entry

        Assert.Equal(0, (await node.StorescuAsync(file)).ExitCode);

        Assert.True(await TestNode.WaitUntilAsync(() => node.Jobs.Count(JobState.Done) + node.Jobs.Count(JobState.Failed) == 1, _jobTimeout));
        var job = Assert.Single(node.Jobs.List(JobState.Done));
        var results = QuantificationReport.FromJson(File.ReadAllText(Path.Combine(node.Jobs.JobFolder(JobState.Done, job), "outputs", "results.json")));
        var basis = results.Basis!;
        Assert.Equal("simulated", basis.Source);
        Assert.Equal("PRESS", basis.Sequence);
        Assert.Equal(31.9, basis.EchoTimeMs);
        Assert.Equal(1.5, basis.FieldT, 1);
        Assert.NotEmpty(results.Metabolites);
        Assert.True(File.Exists(Path.Combine(node.DataDirectory, "basis-cache", basis.CacheKey + ".BASIS")));
        var sr = DicomFile.Open(Path.Combine(node.Outbox, job, "sr.dcm")).Dataset;
        Assert.Contains(basis.Summary, SrTexts(sr));
    }

    /// <summary>Every TextValue in the SR's content tree.</summary>
    private static List<string> SrTexts(DicomDataset item)
    {
        var texts = new List<string>();
        if (item.GetString(DicomTags.TextValue) is { } text)
        {
            texts.Add(text);
        }
        foreach (var child in item.GetSequence(DicomTags.ContentSequence)?.Items ?? [])
        {
            texts.AddRange(SrTexts(child));
        }
        return texts;
    }

    [PeerFact("storescu")]
    public async Task Storescu_PhilipsWithoutMatchingBasis_VisibleFailedJobWithInputKeptAndNotUsableReportsSent()
    {
        // A site that turned simulation off: an acquisition without a manifest entry is refused.
        await using var node = await TestNode.StartAsync(s => s["Processing:SimulateBasisSets"] = "false");
        var file = TestData.Path("dicom/philips-mrs-2frame.dcm");

        await node.StorescuAsync(file);

        Assert.True(await TestNode.WaitUntilAsync(() => node.Jobs.Count(JobState.Failed) == 1, _jobTimeout));
        var job = Assert.Single(node.Jobs.List(JobState.Failed));
        var folder = node.Jobs.JobFolder(JobState.Failed, job);
        Assert.StartsWith("no basis set matches this acquisition (1H 1.5 T", File.ReadAllText(Path.Combine(folder, "error.txt")));
        var kept = Assert.Single(Directory.GetFiles(Path.Combine(folder, "inputs")));
        Assert.Equal(DatasetBytes(file), DatasetBytes(kept));
        var status = await node.StatusAsync();
        Assert.Equal(1, status.GetProperty("queues").GetProperty("failed").GetInt32());
        Assert.Equal(job, status.GetProperty("failedJobs")[0].GetProperty("id").GetString());
        // The PACS side still learns why: SR, PDF and capture saying "not usable", in the source study.
        var outbox = Path.Combine(node.Outbox, job);
        Assert.Equal(["capture.dcm", "report-pdf.dcm", "report.pdf", "sr.dcm"], Directory.GetFiles(outbox).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var results = MRSNode.Quantification.Results.QuantificationReport.FromJson(File.ReadAllText(Path.Combine(folder, "outputs", "results.json")));
        Assert.Equal(StudyVerdict.NotUsable, results.Verdict);
        Assert.StartsWith("not quantified: no basis set matches this acquisition (1H 1.5 T", results.Reasons[0]);
        Assert.Empty(results.Metabolites);
        var source = DicomFile.Open(file, DicomReadOptions.HeaderOnly).Dataset.GetString(DicomTags.StudyInstanceUID);
        foreach (var dcm in Directory.GetFiles(outbox, "*.dcm"))
        {
            Assert.Equal(source, DicomFile.Open(dcm, DicomReadOptions.HeaderOnly).Dataset.GetString(DicomTags.StudyInstanceUID));
        }
    }

    [Fact]
    public async Task Store_CorruptSpectroscopyObject_FailedJobKeepsItsBytesSaysWhyAndPublishesNotProcessedReport()
    {
        await using var node = await TestNode.StartAsync();
        var corrupt = CorruptSpectroscopy();

        var contexts = DicomClient.ProposeStorage([(DicomUids.MRSpectroscopyStorage, DicomUids.ExplicitVRLittleEndian)]);
        await using (var client = await DicomClient.ConnectAsync("127.0.0.1", node.Port, new DicomClientOptions { CalledAeTitle = "MRSNODE", CallingAeTitle = "SCANNER" }, contexts))
        {
            Assert.Equal(0x0000, (await client.StoreAsync(new DicomFile(corrupt))).Code);
            await client.ReleaseAsync();
        }

        Assert.True(await TestNode.WaitUntilAsync(() => node.Jobs.Count(JobState.Failed) == 1, _jobTimeout));
        var folder = node.Jobs.JobFolder(JobState.Failed, node.Jobs.List(JobState.Failed)[0]);
        Assert.StartsWith("cannot be read as MR spectroscopy: ", File.ReadAllText(Path.Combine(folder, "error.txt")));
        var kept = DicomFile.Open(Assert.Single(Directory.GetFiles(Path.Combine(folder, "inputs")))).Dataset;
        Assert.Equal(corrupt.GetString(DicomTags.SOPInstanceUID), kept.GetString(DicomTags.SOPInstanceUID));
        Assert.Equal(12, ((DicomElement)kept[DicomTags.SpectroscopyData]!).Value.Length);
        Assert.Equal(0, node.Jobs.Count(JobState.Done));
        // The radiologist hears of it too: the not-processed SR, PDF and capture are published for the study (just
        // after the job is filed as failed).
        var outbox = Path.Combine(node.Outbox, node.Jobs.List(JobState.Failed)[0]);
        Assert.True(await TestNode.WaitUntilAsync(() => TestNode.FilesUnder(outbox).Length == 4, _jobTimeout));
        Assert.Equal(["capture.dcm", "report-pdf.dcm", "report.pdf", "sr.dcm"], TestNode.FilesUnder(outbox));
    }

    [PeerFact("storescu", "Orthanc")]
    public async Task Storescu_WithOrthancDestination_OrthancHoldsSrInSourceStudy()
    {
        using var pacs = await OrthancServer.StartAsync();
        await using var node = await TestNode.StartAsync(s => Destination(s, pacs));
        var file = TestData.Path("dicom/siemens-xa60-svs.dcm");

        await node.StorescuAsync(file);

        Assert.True(await TestNode.WaitUntilAsync(() => node.Jobs.Count(JobState.Done) == 1, _jobTimeout));
        var job = node.Jobs.List(JobState.Done)[0];
        Assert.True(await TestNode.WaitUntilAsync(() => Directory.Exists(Path.Combine(node.Outbox, "PACS", ".sent", job)), TimeSpan.FromSeconds(20)));
        int expected = TestNode.DicomOutputs(node.Jobs);
        var instances = await pacs.InstancesAsync();
        Assert.Equal(expected, instances.Length);
        var tags = new List<Dictionary<string, JsonElement>>();
        foreach (var id in instances)
        {
            tags.Add(await pacs.TagsAsync(id));
        }
        var study = TestNode.Uid(file, DicomTags.StudyInstanceUID);
        Assert.All(tags, t => Assert.Equal(study, t["StudyInstanceUID"].GetString()));
        Assert.Single(tags, t => t["SOPClassUID"].GetString() == DicomUids.ComprehensiveSRStorage);
        var sent = node.Audit().Where(a => a.Event == "sent").ToList();
        Assert.Equal(expected, sent.Count);
        Assert.All(sent, a => Assert.Equal("0x0000", a.Status));
        Assert.True(new HashSet<string>(tags.Select(t => t["SOPInstanceUID"].GetString()!)).SetEquals(sent.Select(a => a.SopInstanceUid!)));
    }

    [PeerFact("storescu", "Orthanc")]
    public async Task Export_OrthancDownDuringProcessingThenRestarted_EveryResultDeliveredExactlyOnce()
    {
        using var pacs = await OrthancServer.StartAsync();
        await using var node = await TestNode.StartAsync(s => Destination(s, pacs));
        pacs.Stop();
        var files = new[] { TestData.Path("dicom/siemens-xa60-svs.dcm"), TestData.Path("dicom/siemens-csa-svs30.ima") };

        await node.StorescuAsync(files);
        Assert.True(await TestNode.WaitUntilAsync(() => node.Jobs.Count(JobState.Done) == 2, _jobTimeout));
        Assert.True(await TestNode.WaitUntilAsync(async () => await Failures(node) >= 2, TimeSpan.FromSeconds(20)));
        int expected = TestNode.DicomOutputs(node.Jobs);
        Assert.InRange(expected, 2, 10); // at least the two SRs
        Assert.Equal(expected, Pending(node));
        Assert.DoesNotContain(node.Audit(), a => a.Event == "sent");
        await pacs.RestartAsync();

        Assert.True(await TestNode.WaitUntilAsync(() => Pending(node) == 0, TimeSpan.FromSeconds(30)));
        Assert.Equal(expected, await OrthancCount(pacs));
        var sent = node.Audit().Where(a => a.Event == "sent").ToList();
        Assert.Equal(expected, sent.Count);
        Assert.Equal(expected, sent.Select(a => a.SopInstanceUid).Distinct().Count());
        var studies = new HashSet<string>(files.Select(f => TestNode.Uid(f, DicomTags.StudyInstanceUID)));
        Assert.True(studies.SetEquals(sent.Select(a => a.StudyInstanceUid!)));
        Assert.Empty(Directory.GetFiles(Path.Combine(node.Outbox, "PACS", "dead-letter"), "*", SearchOption.AllDirectories));
    }

    /// <summary>
    /// The end-to-end check: each vendor file and two studies simulated as DICOM, sent by storescu;
    /// Orthanc ends up with an SR, an Encapsulated PDF and a Secondary Capture in every one of those studies
    /// (the 1.5 T and 7 T files, which no shipped basis set fits, are quantified with bases simulated for them).
    /// </summary>
    [PeerFact("storescu", "Orthanc")]
    public async Task Storescu_EveryVendorFileAndSimulatedStudies_OrthancHoldsSrPdfAndCaptureInEachStudy()
    {
        var basis = LcModelBasisReader.Read(TestData.Path("mrs/ismrm2016/press3T_30ms.BASIS")) with { EchoTimeMs = 30 }; // as `mrsnode simulate` sets it from the manifest
        var simulated = SimulationWriter.Write(new SpectrumSimulator(basis, new SimulationParameters { Snr = new ValueRange(40, 40) }).Simulate(2, 2016),
            TestData.NewTempFolder(), SimulationFormat.Dicom);
        string[] files = [.. TestData.VendorDicomFiles.Select(TestData.Path), .. simulated];
        using var pacs = await OrthancServer.StartAsync();
        await using var node = await TestNode.StartAsync(s => Destination(s, pacs));

        foreach (var file in files)
        {
            Assert.Equal(0, (await node.StorescuAsync(file)).ExitCode);
        }

        Assert.True(await TestNode.WaitUntilAsync(() => node.Jobs.Count(JobState.Done) + node.Jobs.Count(JobState.Failed) == files.Length, TimeSpan.FromSeconds(180)));
        Assert.True(await TestNode.WaitUntilAsync(async () => await OrthancCount(pacs) == 3 * files.Length, TimeSpan.FromSeconds(60)));
        var byStudy = new Dictionary<string, List<string>>();
        foreach (var id in await pacs.InstancesAsync())
        {
            var tags = await pacs.TagsAsync(id);
            var study = tags["StudyInstanceUID"].GetString()!;
            (byStudy.TryGetValue(study, out var list) ? list : byStudy[study] = []).Add(tags["SOPClassUID"].GetString()!);
        }
        foreach (var file in files)
        {
            var classes = byStudy[TestNode.Uid(file, DicomTags.StudyInstanceUID)];
            string[] expected = [DicomUids.SecondaryCaptureImageStorage, DicomUids.EncapsulatedPdfStorage, DicomUids.ComprehensiveSRStorage];
            Assert.Equal(expected.Order(StringComparer.Ordinal), classes.Order(StringComparer.Ordinal));
        }
        Assert.Equal(files.Length, node.Jobs.Count(JobState.Done));
        Assert.Equal(0, node.Jobs.Count(JobState.Failed)); // 1.5 T Philips and 7 T: bases simulated for them
        Assert.Equal(2, Directory.GetFiles(Path.Combine(node.DataDirectory, "basis-cache"), "*.BASIS").Length);
    }

    /// <summary>
    /// Issue 19: what MRSNode does not quantify reaches the PACS as "not processed" SR, PDF and capture saying why, in
    /// the source study: a MEGA-PRESS, and a TE 144 PRESS for which the manifest has only TE 30 (a DICOM CSI with voxel
    /// positions is now mapped: NodeMrsiEndToEndTests).
    /// </summary>
    [PeerFact("storescu", "Orthanc", "pdftotext")]
    public async Task Storescu_UnsupportedAcquisitions_OrthancHoldsNotProcessedReportsWithTheReason()
    {
        var inputs = TestData.NewTempFolder();
        var reasons = new Dictionary<string, string>
        {
            [Pipeline.Tests.UnsupportedAcquisitions.MegaPressDicom(inputs)] =
                "this is an edited (MEGA-PRESS) acquisition: MRSNode quantifies unedited ¹H spectra only; edited GABA/GSH spectra need a dedicated analysis (e.g. Gannet/Osprey); no values are given",
            [Pipeline.Tests.UnsupportedAcquisitions.LongEchoDicom(inputs)] = "no basis set matches this acquisition (1H 2.9 T, TE 144 ms",
        };
        using var pacs = await OrthancServer.StartAsync();
        // Simulation off, so the TE 144 PRESS keeps the manifest's refusal.
        await using var node = await TestNode.StartAsync(s =>
        {
            Destination(s, pacs);
            s["Processing:SimulateBasisSets"] = "false";
        });

        foreach (var file in reasons.Keys)
        {
            Assert.Equal(0, (await node.StorescuAsync(file)).ExitCode);
        }

        Assert.True(await TestNode.WaitUntilAsync(() => node.Jobs.Count(JobState.Failed) == reasons.Count, _jobTimeout));
        Assert.True(await TestNode.WaitUntilAsync(async () => await OrthancCount(pacs) == 3 * reasons.Count, TimeSpan.FromSeconds(60)));
        var byStudy = new Dictionary<string, Dictionary<string, string>>();
        foreach (var id in await pacs.InstancesAsync())
        {
            var tags = await pacs.TagsAsync(id);
            var study = tags["StudyInstanceUID"].GetString()!;
            (byStudy.TryGetValue(study, out var objects) ? objects : byStudy[study] = [])[tags["SOPClassUID"].GetString()!] = await pacs.DownloadAsync(id);
        }
        Assert.Equal(0, node.Jobs.Count(JobState.Done));
        foreach (var (file, reason) in reasons)
        {
            var objects = byStudy[TestNode.Uid(file, DicomTags.StudyInstanceUID)];
            Assert.True(objects.ContainsKey(DicomUids.SecondaryCaptureImageStorage));
            var srTexts = Texts(DicomFile.Open(objects[DicomUids.ComprehensiveSRStorage]).Dataset).ToList();
            Assert.True(srTexts.Any(t => t.StartsWith("not quantified: " + reason, StringComparison.Ordinal)), string.Join(" | ", srTexts));
            var pdf = Path.Combine(inputs, Path.GetFileNameWithoutExtension(file) + ".pdf");
            var document = (DicomElement)DicomFile.Open(objects[DicomUids.EncapsulatedPdfStorage]).Dataset[DicomTags.EncapsulatedDocument]!;
            File.WriteAllBytes(pdf, document.Value.ToArray());
            var text = string.Join(' ', Peers.Run("pdftotext", ["-raw", pdf, "-"]).StdOut.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries));
            Assert.Contains(reason, text, StringComparison.Ordinal);
        }
    }

    /// <summary>Every Text Value in an SR content tree.</summary>
    internal static IEnumerable<string> Texts(DicomDataset dataset)
    {
        if (dataset.GetString(DicomTags.TextValue) is { } text)
        {
            yield return text;
        }
        foreach (var item in (dataset.GetSequence(DicomTags.ContentSequence)?.Items ?? []).SelectMany(Texts))
        {
            yield return item;
        }
    }

    /// <summary>Objects waiting for the PACS destination (dead-letter not included).</summary>
    private static int Pending(TestNode node) =>
        Directory.GetDirectories(Path.Combine(node.Outbox, "PACS")).Where(d => !Path.GetFileName(d).StartsWith('.') && Path.GetFileName(d) != "dead-letter")
            .Sum(d => Directory.GetFiles(d, "*.dcm").Length);

    internal static void Destination(Dictionary<string, string?> settings, OrthancServer pacs)
    {
        settings["Destinations:0:Name"] = "PACS";
        settings["Destinations:0:AeTitle"] = OrthancServer.AeTitle;
        settings["Destinations:0:Host"] = "127.0.0.1";
        settings["Destinations:0:Port"] = pacs.DicomPort.ToString();
    }

    private static async Task<int> Failures(TestNode node)
    {
        var status = await node.StatusAsync();
        return status.GetProperty("destinations")[0].GetProperty("consecutiveFailures").GetInt32();
    }

    internal static async Task<int> OrthancCount(OrthancServer pacs)
    {
        try
        {
            return (await pacs.InstancesAsync()).Length;
        }
        catch (HttpRequestException)
        {
            return -1;
        }
    }

    /// <summary>An MR Spectroscopy object whose data is 12 bytes where 1024 complex points are declared.</summary>
    private static DicomDataset CorruptSpectroscopy()
    {
        var uid = DicomUidGenerator.Default.Generate;
        return new DicomDataset()
            .AddOrUpdate(DicomTags.SOPClassUID, DicomVR.UI, DicomUids.MRSpectroscopyStorage)
            .AddOrUpdate(DicomTags.SOPInstanceUID, DicomVR.UI, uid())
            .AddOrUpdate(DicomTags.StudyInstanceUID, DicomVR.UI, uid())
            .AddOrUpdate(DicomTags.SeriesInstanceUID, DicomVR.UI, uid())
            .AddOrUpdate(DicomTags.Modality, DicomVR.CS, "MR")
            .AddOrUpdate(DicomTags.PatientID, DicomVR.LO, "CORRUPT-1")
            .AddOrUpdate<ushort>(DicomTags.Rows, DicomVR.US, 1)
            .AddOrUpdate<ushort>(DicomTags.Columns, DicomVR.US, 1)
            .AddOrUpdate<uint>(DicomTags.DataPointRows, DicomVR.UL, 1)
            .AddOrUpdate<uint>(DicomTags.DataPointColumns, DicomVR.UL, 1024)
            .AddOrUpdate(DicomTags.DataRepresentation, DicomVR.CS, "COMPLEX")
            .AddOrUpdate<float>(DicomTags.SpectroscopyData, DicomVR.OF, 1f, 2f, 3f);
    }

    private static byte[] DatasetBytes(string path)
    {
        var file = DicomFile.Open(path);
        return DicomDatasetSerializer.ToBytes(file.Dataset, file.TransferSyntax);
    }
}
