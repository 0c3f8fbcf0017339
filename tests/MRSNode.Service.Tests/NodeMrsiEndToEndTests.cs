using System.Text.Json;
using MRSNode.Dicom;
using MRSNode.Dicom.IO;
using MRSNode.Service.Spool;
using MRSNode.Spectroscopy.Readers;
using MRSNode.Spectroscopy.Simulation;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Service.Tests;

/// <summary>
/// Issue 22's end to end: storescu sends the MRSI phantom (DICOM MR Spectroscopy with per-frame positions, PRESS box)
/// and its MR image of the same frame of reference in one association → the node maps the grid → Orthanc holds, in the
/// source study, the map captures, the Parametric Maps, the PDF and the SR of the grid (and the index voxel's page), each
/// dciodvfy clean; the Cho/NAA Parametric Map, read back from Orthanc by pydicom, holds the values results.json reports.
/// </summary>
[SlowTest]
public class NodeMrsiEndToEndTests
{
    [PeerFact("storescu", "Orthanc", "dciodvfy", "pydicom")]
    public async Task Storescu_MrsiPhantomAndItsMrImage_OrthancHoldsMapsParametricMapsPdfAndSrInTheStudy()
    {
        var basis = LcModelBasisReader.Read(TestData.Path("mrs/ismrm2016/press3T_30ms.BASIS")) with { EchoTimeMs = 30 };
        var phantom = new MrsiPhantom(basis, new MrsiPhantomParameters { Columns = 8, Rows = 8, PressBox = true, PressBoxVoxels = 4, Snr = 30, EchoTimeMs = 30 });
        var files = MrsiPhantomWriter.Write(phantom.Simulate(), phantom.Anatomy, TestData.NewTempFolder(), imageSize: 128);
        using var pacs = await OrthancServer.StartAsync();
        await using var node = await TestNode.StartAsync(s => NodeEndToEndTests.Destination(s, pacs));

        Assert.Equal(0, (await node.StorescuAsync([files.Spectroscopy, .. files.Images])).ExitCode);

        Assert.True(await TestNode.WaitUntilAsync(() => node.Jobs.Count(JobState.Done) + node.Jobs.Count(JobState.Failed) >= 1, TimeSpan.FromSeconds(600)));
        Assert.Equal(0, node.Jobs.Count(JobState.Failed));
        var job = Assert.Single(node.Jobs.List(JobState.Done));
        int expected = TestNode.DicomOutputs(node.Jobs);
        Assert.True(await TestNode.WaitUntilAsync(async () => await NodeEndToEndTests.OrthancCount(pacs) == expected, TimeSpan.FromSeconds(60)));

        using var results = JsonDocument.Parse(File.ReadAllText(Path.Combine(node.Jobs.JobFolder(JobState.Done, job), JobSpool.OutputsFolder, "results.json")));
        var mrsi = results.RootElement.GetProperty("mrsi");
        Assert.Equal(16, mrsi.GetProperty("voxels").GetProperty("total").GetInt32() - mrsi.GetProperty("voxels").GetProperty("notFitted").GetInt32());
        Assert.Equal(JsonValueKind.Object, mrsi.GetProperty("referenceImage").ValueKind);
        int maps = mrsi.GetProperty("maps").GetArrayLength();
        Assert.Equal(8, maps);

        var study = TestNode.Uid(files.Spectroscopy, DicomTags.StudyInstanceUID);
        var classes = new List<string>();
        string? choNaaMap = null;
        var folder = TestData.NewTempFolder();
        foreach (var id in await pacs.InstancesAsync())
        {
            var path = Path.Combine(folder, id + ".dcm");
            File.Copy(await pacs.DownloadAsync(id), path);
            var ds = DicomFile.Open(path, DicomReadOptions.HeaderOnly).Dataset;
            Assert.Equal(study, ds.GetString(DicomTags.StudyInstanceUID));
            classes.Add(ds.GetString(DicomTags.SOPClassUID)!);
            choNaaMap = ds.GetString(DicomTags.ContentLabel) == "CHO_NAA" ? path : choNaaMap;
            var check = Peers.Run("dciodvfy", [path]);
            var errors = (check.StdOut + check.StdErr).Split('\n').Where(l => l.StartsWith("Error", StringComparison.Ordinal)).ToList();
            Assert.True(errors.Count == 0, $"{ds.GetString(DicomTags.SOPClassUID)}: {string.Join(" | ", errors)}");
        }
        Assert.Equal(1, classes.Count(c => c == DicomUids.ComprehensiveSRStorage));
        Assert.Equal(1, classes.Count(c => c == DicomUids.EncapsulatedPdfStorage));
        Assert.Equal(maps + 1, classes.Count(c => c == DicomUids.SecondaryCaptureImageStorage)); // the maps and the index voxel's page
        Assert.Equal(maps, classes.Count(c => c == DicomUids.ParametricMapStorage));
        AssertChoNaaValues(Assert.IsType<string>(choNaaMap), mrsi);
    }

    /// <summary>
    /// The first frame of the Cho/NAA Parametric Map, decoded by pydicom, against results.json: the regions' values at
    /// their voxels, the map's range over the reported voxels and their count (the rest hold the padding value, -1).
    /// </summary>
    private static void AssertChoNaaValues(string path, JsonElement mrsi)
    {
        const string Script = "import struct, sys, pydicom\n" +
            "d = pydicom.dcmread(sys.argv[1])\n" +
            "n = d.Rows * d.Columns\n" +
            "print(d.FloatPixelPaddingValue, ' '.join(repr(v) for v in struct.unpack('<%df' % n, d.FloatPixelData[:4 * n])))";
        var r = Peers.Run(Peers.Python, ["-c", Script, path]);
        Assert.True(r.ExitCode == 0, r.StdErr);
        var numbers = r.StdOut.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(v => float.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var (padding, frame) = (numbers[0], numbers[1..]);
        var grid = mrsi.GetProperty("grid"); // [columns, rows, slices]
        var columns = grid[0].GetInt32();
        Assert.Equal(columns * grid[1].GetInt32(), frame.Length);
        foreach (var region in mrsi.GetProperty("regions").EnumerateArray())
        {
            var voxel = region.GetProperty("voxel");
            Assert.Equal((float)region.GetProperty("values").GetProperty("Cho/NAA").GetDouble(), frame[voxel.GetProperty("row").GetInt32() * columns + voxel.GetProperty("column").GetInt32()]);
        }
        var map = mrsi.GetProperty("maps").EnumerateArray().Single(m => m.GetProperty("name").GetString() == "Cho/NAA");
        var reported = frame.Where(v => v != padding).ToArray();
        Assert.Equal(-1f, padding);
        Assert.Equal(map.GetProperty("reportedVoxels").GetInt32(), reported.Length);
        Assert.Equal(((float)map.GetProperty("min").GetDouble(), (float)map.GetProperty("max").GetDouble()), (reported.Min(), reported.Max()));
    }
}
