using MRSNode.Dicom;
using MRSNode.Dicom.IO;
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

    /// <summary>Issue 23 (11): storescu proposes no private SOP class; the shipped profile makes it send a Siemens CSA .IMA.</summary>
    [PeerFact("storescu")]
    public async Task Listen_StorescuWithShippedProfile_SiemensCsaImaStored()
    {
        int port = Ports.Free();
        var output = TestData.NewTempFolder();
        var profile = Path.GetFullPath(Path.Combine(TestData.Root, "..", "..", "config", "dcmtk", "storescu-mrs.cfg"));
        var ima = TestData.Path("dicom/siemens-csa-svs30.ima");
        using var listener = Peers.StartBackground("dotnet", [Path.Combine(AppContext.BaseDirectory, "mrsnode.dll"), "dicom", "listen", "--port", port.ToString(), "--out", output]);
        try
        {
            Assert.True(await Ports.WaitListening(port));

            var plain = Peers.Run("storescu", ["-aec", "MRSNODE", "127.0.0.1", port.ToString(), ima]);
            var withProfile = Peers.Run("storescu", ["-xf", profile, "MRSNode", "-aec", "MRSNODE", "127.0.0.1", port.ToString(), ima]);

            Assert.Contains("No presentation context for: (unknown SOP class) 1.3.12.2.1107.5.9.1", plain.StdErr + plain.StdOut);
            Assert.Equal(0, withProfile.ExitCode);
            Assert.Equal("1.3.12.2.1107.5.2.19.45306.30000016042910584906500000413.dcm", Path.GetFileName(Assert.Single(Directory.GetFiles(output))));
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

    /// <summary>Issue 23 defects 3 and 6: one unsendable file no longer stops the run, and a SOP Class UID held as UN is decoded.</summary>
    [PeerFact("storescp")]
    public async Task Send_FolderWithUnsendableFiles_SendsTheRestReportsEachAndExits1()
    {
        int port = Ports.Free();
        var output = TestData.NewTempFolder();
        using var storescp = Peers.StartBackground("storescp", ["-pm", "-od", output, "-aet", "PACS", port.ToString()]);
        try
        {
            Assert.True(await Ports.WaitListening(port));
            var folder = TestData.NewTempFolder();
            foreach (var f in TestData.VendorDicomFiles)
            {
                File.Copy(TestData.Path(f), Path.Combine(folder, Path.GetFileName(f)));
            }
            File.WriteAllText(Path.Combine(folder, "notes.txt"), "not DICOM");
            var source = DicomFile.Open(TestData.Path("dicom/siemens-xa60-svs.dcm")).Dataset;
            // The SOP Class UID as a relay that lost its VR writes it: UN, the same bytes.
            var asUn = new DicomDataset(source);
            asUn.AddOrUpdate(new DicomElement(DicomTags.SOPClassUID, DicomVR.UN, System.Text.Encoding.ASCII.GetBytes(DicomUids.MRSpectroscopyStorage + "\0")));
            asUn.AddOrUpdate(DicomTags.SOPInstanceUID, "1.2.826.0.1.3680043.2.1125.23.6");
            new DicomFile(asUn, DicomTransferSyntax.ExplicitVRLittleEndian).Save(Path.Combine(folder, "un-sop-class.dcm"));
            // A SOP Class UID that is no UID (what the hex dump of such a UN value looked like); our writer refuses to write
            // one, so the bytes are patched: the 27 characters of the MRS class become 27 hex digits, in the meta and the data set.
            var bad = new DicomDataset(source);
            bad.AddOrUpdate(DicomTags.SOPInstanceUID, "1.2.826.0.1.3680043.2.1125.23.7");
            var badPath = Path.Combine(folder, "bad-sop-class.dcm");
            new DicomFile(bad, DicomTransferSyntax.ExplicitVRLittleEndian).Save(badPath);
            var bytes = File.ReadAllBytes(badPath);
            var uid = System.Text.Encoding.ASCII.GetBytes(DicomUids.MRSpectroscopyStorage);
            var hex = System.Text.Encoding.ASCII.GetBytes("312E322E3834302E31303030382");
            Assert.Equal(uid.Length, hex.Length);
            for (int at = bytes.AsSpan().IndexOf(uid); at >= 0; at = bytes.AsSpan().IndexOf(uid))
            {
                hex.CopyTo(bytes, at);
            }
            File.WriteAllBytes(badPath, bytes);
            int total = TestData.VendorDicomFiles.Count + 3;

            var send = MrsnodeProcess.Run("dicom", "send", "127.0.0.1", port.ToString(), folder, "--aet", "PACS");

            Assert.Equal(1, send.ExitCode);
            Assert.True(send.StdOut.Contains($"sent {total - 2} of {total}; 2 failed", StringComparison.Ordinal), send.StdOut + send.StdErr);
            Assert.Contains("FAILED " + Path.Combine(folder, "notes.txt") + ": not a DICOM object", send.StdOut);
            Assert.Contains("FAILED " + Path.Combine(folder, "bad-sop-class.dcm") + ": the SOP Class UID is not a valid UID", send.StdOut);
            Assert.Contains("0x0000 (Success) " + Path.Combine(folder, "un-sop-class.dcm"), send.StdOut);
            Assert.Equal(total - 2, Directory.GetFiles(output).Length);
        }
        finally
        {
            storescp.Kill();
        }
    }

    [Fact]
    public async Task Listen_Bind127_ListensOnThatAddressOnly()
    {
        int port = Ports.Free();
        var lines = new System.Collections.Concurrent.ConcurrentQueue<string>();
        using var listener = Peers.StartBackground("dotnet", [Path.Combine(AppContext.BaseDirectory, "mrsnode.dll"), "dicom", "listen", "--port", port.ToString(), "--out", TestData.NewTempFolder(), "--bind", "127.0.0.1"], lines.Enqueue);
        try
        {
            Assert.True(await Ports.WaitListening(port));

            // Bound to 127.0.0.1 alone, the same port is still free on another loopback address (not so on 0.0.0.0).
            var other = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Parse("127.0.0.2"), port);
            other.Start();
            other.Stop();
            // The port can accept before the process's "listening on" line has reached our reader: wait for it (hang detector).
            bool Announced() => lines.Any(l => l.StartsWith($"listening on 127.0.0.1:{port} ", StringComparison.Ordinal));
            for (int i = 0; i < 100 && !Announced(); i++)
            {
                await Task.Delay(100);
            }
            Assert.Contains(lines, l => l.StartsWith($"listening on 127.0.0.1:{port} ", StringComparison.Ordinal));
        }
        finally
        {
            listener.Kill();
        }
    }

    [Fact]
    public void Listen_PortInUse_OneLineSayingSo()
    {
        var busy = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Any, 0);
        busy.Start();
        try
        {
            int port = ((System.Net.IPEndPoint)busy.LocalEndpoint).Port;

            var r = MrsnodeProcess.Run("dicom", "listen", "--port", port.ToString(), "--out", TestData.NewTempFolder());

            Assert.Equal(1, r.ExitCode);
            var line = Assert.Single(r.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Equal($"error: cannot listen on 0.0.0.0:{port}: the port is already in use by another program (another DICOM server, or an earlier instance still running); stop it or choose another port", line);
        }
        finally
        {
            busy.Stop();
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
