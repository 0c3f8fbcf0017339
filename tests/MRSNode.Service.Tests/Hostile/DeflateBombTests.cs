using System.Diagnostics;
using System.Text.Json;
using MRSNode.Dicom;
using MRSNode.Dicom.IO;
using MRSNode.Dicom.Network.Dimse;
using MRSNode.TestSupport;
using Xunit;
using Xunit.Abstractions;

namespace MRSNode.Service.Tests.Hostile;

/// <summary>
/// Issue 25, finding 1: a 2 MB C-STORE in Deflated Explicit VR LE holding 2 GiB of zeros, sent to `mrsnode serve`
/// as a real process. Before the fix the node reached 8.3 GB; now it answers C000 naming the cause, stores nothing
/// and its peak RSS (VmHWM) stays under 300 MB.
/// </summary>
[SlowTest]
public class DeflateBombTests(ITestOutputHelper output)
{
    private const long PeakRssLimit = 300L << 20;
    private static readonly string _mrsnode = Path.Combine(AppContext.BaseDirectory, "mrsnode.dll");

    [Fact]
    public async Task Serve_DeflateBombCStore_RefusedWithC000AndRssBounded()
    {
        var data = TestData.NewTempFolder();
        int port = Ports.Free();
        var config = Path.Combine(data, "node.json");
        File.WriteAllText(config, JsonSerializer.Serialize(new
        {
            Node = new { DataDirectory = Path.Combine(data, "node"), Port = port, ListenAddress = "127.0.0.1" },
            Processing = new { SettleSeconds = 0.2, Workers = 1 },
            Status = new { Port = 0 },
        }));
        var bomb = DeflateBomb.DataSet((2L << 30) - (1 << 20), "1.2.826.0.1.3680043.10.1447.25.1");
        using var node = Peers.StartBackground("dotnet", [_mrsnode, "serve", "--config", config]);
        try
        {
            Assert.True(await Ports.WaitListening(port), "mrsnode serve did not listen");
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2)); // hang detector only

            var response = await RawStoreScu.StoreAsync(port, DeflateBomb.MRSpectroscopyStorage, "1.2.826.0.1.3680043.10.1447.25.1",
                DeflateBomb.DeflatedExplicitVRLittleEndian, bomb, timeout.Token);
            long peak = PeakRss(node);
            output.WriteLine($"C-STORE {bomb.Length} bytes deflated: status 0x{response.Status.Code:X4} \"{response.ErrorComment}\", node VmHWM {peak >> 20} MiB");

            Assert.Equal(DimseStatus.CannotUnderstand, response.Status);
            Assert.StartsWith("inflated size exceeds the limit", response.ErrorComment);
            Assert.True(peak < PeakRssLimit, $"VmHWM {peak >> 20} MiB while receiving a {bomb.Length} byte deflate bomb");
            Assert.False(node.HasExited);
            Assert.Empty(Directory.GetFiles(Path.Combine(data, "node", "intake"), "*.dcm", SearchOption.AllDirectories));
            var audit = string.Join('\n', Directory.GetFiles(Path.Combine(data, "node"), "audit*", SearchOption.AllDirectories).Select(File.ReadAllText));
            Assert.Contains("inflated size exceeds the limit", audit);
        }
        finally
        {
            node.Kill(entireProcessTree: true);
            await node.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task Serve_HonestDeflatedObject_StoredAndFiledByStudy()
    {
        var data = TestData.NewTempFolder();
        var file = DicomFile.Open(TestData.Path("dicom/siemens-xa60-svs.dcm"));
        var dataSet = DicomDatasetSerializer.ToBytes(file.Dataset, DicomTransferSyntax.DeflatedExplicitVRLittleEndian);
        var sop = file.Dataset.GetString(DicomTags.SOPInstanceUID)!;
        var study = file.Dataset.GetString(DicomTags.StudyInstanceUID)!;
        int port = Ports.Free();
        var config = Path.Combine(data, "node.json");
        File.WriteAllText(config, JsonSerializer.Serialize(new
        {
            Node = new { DataDirectory = Path.Combine(data, "node"), Port = port, ListenAddress = "127.0.0.1" },
            Processing = new { SettleSeconds = 3600, Workers = 1 },
            Status = new { Port = 0 },
        }));
        using var node = Peers.StartBackground("dotnet", [_mrsnode, "serve", "--config", config]);
        try
        {
            Assert.True(await Ports.WaitListening(port), "mrsnode serve did not listen");
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2)); // hang detector only

            var response = await RawStoreScu.StoreAsync(port, DicomUids.MRSpectroscopyStorage, sop, DicomUids.DeflatedExplicitVRLittleEndian, dataSet, timeout.Token);

            Assert.Equal(DimseStatus.Success, response.Status);
            Assert.Null(response.ErrorComment);
            var stored = DicomFile.Open(Path.Combine(data, "node", "intake", study, sop + ".dcm"));
            Assert.Equal(DicomUids.DeflatedExplicitVRLittleEndian, stored.TransferSyntax.Uid);
            Assert.Equal(file.Dataset.GetBytes(DicomTags.SpectroscopyData).ToArray(), stored.Dataset.GetBytes(DicomTags.SpectroscopyData).ToArray());
        }
        finally
        {
            node.Kill(entireProcessTree: true);
            await node.WaitForExitAsync();
        }
    }

    /// <summary>The process's peak resident set size in bytes (on Linux .NET reads it from VmHWM in /proc/&lt;pid&gt;/status).</summary>
    internal static long PeakRss(Process process)
    {
        process.Refresh();
        return process.PeakWorkingSet64;
    }
}
