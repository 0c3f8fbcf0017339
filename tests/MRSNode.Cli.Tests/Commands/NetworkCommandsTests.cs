using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Cli.Tests.Commands;

[Collection("network")]
[UnitTest]
public class NetworkCommandsTests
{
    [PeerFact("storescu")]
    public async Task Listen_StorescuSendsVendorFile_StoredUnderSopInstanceUid()
    {
        int port = Ports.Free();
        var output = TestData.NewTempFolder();
        using var listener = Peers.StartBackground("dotnet", [Path.Combine(AppContext.BaseDirectory, "mrsnode.dll"), "dicom", "listen", "--port", port.ToString(), "--out", output]);
        try
        {
            Assert.True(await Ports.WaitListening(port), "mrsnode dicom listen did not open its port");

            var r = Peers.Run("storescu", ["-aec", "ANYTHING", "127.0.0.1", port.ToString(), TestData.Path("dicom/siemens-xa60-svs.dcm")]);

            Assert.Equal(0, r.ExitCode);
            Assert.True(File.Exists(Path.Combine(output, "1.3.12.2.1107.5.2.43.166042.30000025011617344417000000411.dcm")));
        }
        finally
        {
            listener.Kill();
        }
    }

    [PeerFact("storescp")]
    public async Task EchoAndSend_ToStorescp_SucceedAndReportEachFile()
    {
        int port = Ports.Free();
        var output = TestData.NewTempFolder();
        using var storescp = Peers.StartBackground("storescp", ["-pm", "-od", output, "-aet", "PACS", port.ToString()]);
        try
        {
            Assert.True(await Ports.WaitListening(port));

            var echo = MrsnodeProcess.Run("dicom", "echo", "127.0.0.1", port.ToString(), "--aet", "PACS");
            var folder = TestData.NewTempFolder();
            foreach (var f in TestData.VendorDicomFiles)
            {
                File.Copy(TestData.Path(f), Path.Combine(folder, Path.GetFileName(f)));
            }
            var send = MrsnodeProcess.Run("dicom", "send", "127.0.0.1", port.ToString(), folder, "--aet", "PACS");

            Assert.Equal(0, echo.ExitCode);
            Assert.Contains("0x0000 (Success)", echo.StdOut);
            Assert.True(send.ExitCode == 0, send.StdErr);
            Assert.Contains("sent 4 of 4", send.StdOut);
            Assert.Equal(4, Directory.GetFiles(output).Length);
        }
        finally
        {
            storescp.Kill();
        }
    }

    [Fact]
    public void Echo_NothingListening_OneLineErrorAndExit1()
    {
        var r = MrsnodeProcess.Run("dicom", "echo", "127.0.0.1", Ports.Free().ToString());

        Assert.Equal(1, r.ExitCode);
        var line = Assert.Single(r.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: cannot connect to 127.0.0.1:", line);
    }

    [Fact]
    public async Task Echo_ListenerWithOtherAeTitle_ReportsRejectionReason()
    {
        int port = Ports.Free();
        using var listener = Peers.StartBackground("dotnet", [Path.Combine(AppContext.BaseDirectory, "mrsnode.dll"), "dicom", "listen", "--port", port.ToString(), "--out", TestData.NewTempFolder(), "--aet", "NODE"]);
        try
        {
            Assert.True(await Ports.WaitListening(port));

            var r = MrsnodeProcess.Run("dicom", "echo", "127.0.0.1", port.ToString(), "--aet", "WRONG");

            Assert.Equal(1, r.ExitCode);
            Assert.Contains("association rejected by WRONG@127.0.0.1", r.StdErr);
            Assert.Contains("reason 7 (called AE title not recognized)", r.StdErr);
        }
        finally
        {
            listener.Kill();
        }
    }
}
