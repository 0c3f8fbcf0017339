using System.Net.Http.Json;
using System.Text.Json;
using MRSNode.Dicom.IO;
using MRSNode.Dicom.Network.Scu;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Dicom.Network.Tests.Interop;

/// <summary>Our SCU stores into a real PACS (Orthanc on loopback); its REST API says what arrived.</summary>
[Collection("network")]
public class OrthancInteropTests
{
    [PeerFact("Orthanc")]
    public async Task OurScu_ToOrthanc_EveryVendorFileArrivesWithSameValues()
    {
        int dicomPort = NetworkTestSupport.FreePort(), httpPort = NetworkTestSupport.FreePort();
        var folder = TestData.NewTempFolder();
        var config = Path.Combine(folder, "orthanc.json");
        File.WriteAllText(config, JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["Name"] = "MRSNODE-TEST-PACS",
            ["StorageDirectory"] = Path.Combine(folder, "storage"),
            ["IndexDirectory"] = Path.Combine(folder, "index"),
            ["DicomAet"] = "ORTHANC",
            ["DicomPort"] = dicomPort,
            ["HttpPort"] = httpPort,
            ["RemoteAccessAllowed"] = false,
            ["AuthenticationEnabled"] = false,
            ["DicomCheckCalledAet"] = true,
            ["UnknownSopClassAccepted"] = true,
            ["Plugins"] = Array.Empty<string>(),
        }));
        using var orthanc = Peers.StartBackground("Orthanc", [config]);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}/") };
        try
        {
            Assert.True(await NetworkTestSupport.WaitUntil(() => Responds(http), TimeSpan.FromSeconds(30)), "Orthanc did not start");
            var files = TestData.VendorDicomFiles.Select(TestData.Path).ToArray();
            var headers = files.Select(f => DicomFile.Open(f, DicomReadOptions.HeaderOnly)).ToList();
            var proposal = DicomClient.ProposeStorage(headers.Select(h => (h.Dataset.GetString(DicomTags.SOPClassUID)!, h.TransferSyntax.Uid))
                .Append((DicomUids.Verification, DicomUids.ImplicitVRLittleEndian)));

            await using (var client = await DicomClient.ConnectAsync("127.0.0.1", dicomPort, new DicomClientOptions { CalledAeTitle = "ORTHANC" }, proposal))
            {
                Assert.True((await client.EchoAsync()).IsSuccess);
                foreach (var f in files)
                {
                    var status = await client.StoreAsync(DicomFile.Open(f));
                    Assert.True(status.IsSuccess, $"{f}: {status}");
                }
                await client.ReleaseAsync();
            }

            var ids = await http.GetFromJsonAsync<string[]>("instances");
            Assert.Equal(files.Length, ids!.Length);
            var arrived = new Dictionary<string, string>();
            foreach (var id in ids)
            {
                var tags = await http.GetFromJsonAsync<Dictionary<string, JsonElement>>($"instances/{id}/simplified-tags");
                arrived[tags!["SOPInstanceUID"].GetString()!] = id;
            }
            foreach (var (f, h) in files.Zip(headers))
            {
                var id = arrived[h.Dataset.GetString(DicomTags.SOPInstanceUID)!];
                var stored = Path.Combine(folder, id + ".dcm");
                await File.WriteAllBytesAsync(stored, await http.GetByteArrayAsync($"instances/{id}/file"));
                Assert.Equal(NetworkTestSupport.DatasetText(f), NetworkTestSupport.DatasetText(stored));
            }
        }
        finally
        {
            orthanc.Kill();
        }
    }

    private static bool Responds(HttpClient http)
    {
        try
        {
            return http.GetAsync("system").Result.IsSuccessStatusCode;
        }
        catch (Exception ex) when (ex is HttpRequestException or AggregateException)
        {
            return false;
        }
    }
}
