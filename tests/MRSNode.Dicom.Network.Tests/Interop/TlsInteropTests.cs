using MRSNode.Dicom.IO;
using MRSNode.Dicom.Network.Scp;
using MRSNode.Dicom.Network.Scu;
using MRSNode.Dicom.Network.Tls;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Dicom.Network.Tests.Interop;

/// <summary>DICOM TLS between our SCU and SCP, and with dcmtk's TLS build (storescu/storescp +tls).</summary>
[Collection("network")]
[UnitTest]
public class TlsInteropTests
{
    private static readonly TestCertificates _certs = new();

    private static DicomServerOptions TlsServer(bool requireClient) => new()
    {
        Tls = new DicomTlsOptions { Certificate = _certs.Server, TrustedAuthorities = [_certs.Authority], RequireClientCertificate = requireClient },
    };

    private static DicomClientOptions TlsClient(bool withClientCert, TestCertificates? trust = null) => new()
    {
        CalledAeTitle = "MRSNODE",
        Tls = new DicomTlsOptions
        {
            Certificate = withClientCert ? _certs.Client : null,
            TrustedAuthorities = [(trust ?? _certs).Authority],
            ServerName = "localhost",
        },
    };

    [Fact]
    public async Task OurScuToOurScp_MutualTls_EchoAndStoreSucceed()
    {
        var (server, folder, _) = NetworkTestSupport.StartScp(TlsServer(requireClient: true));
        await using (server)
        {
            var file = DicomFile.Open(TestData.Path("dicom/siemens-xa60-svs.dcm"));
            var proposal = DicomClient.ProposeStorage([(DicomUids.MRSpectroscopyStorage, file.TransferSyntax.Uid), (DicomUids.Verification, DicomUids.ImplicitVRLittleEndian)]);

            await using var client = await DicomClient.ConnectAsync("127.0.0.1", server.Port, TlsClient(withClientCert: true), proposal);

            Assert.True((await client.EchoAsync()).IsSuccess);
            Assert.True((await client.StoreAsync(file)).IsSuccess);
            await client.ReleaseAsync();
            var stored = Path.Combine(folder, file.Dataset.GetString(DicomTags.SOPInstanceUID) + ".dcm");
            Assert.Equal(NetworkTestSupport.DatasetBytes(TestData.Path("dicom/siemens-xa60-svs.dcm")), NetworkTestSupport.DatasetBytes(stored));
        }
    }

    [Fact]
    public async Task OurScu_WithoutClientCertificate_RefusedWhenScpRequiresOne()
    {
        var (server, _, _) = NetworkTestSupport.StartScp(TlsServer(requireClient: true));
        await using (server)
        {
            var ex = await Assert.ThrowsAsync<DicomAssociationException>(() =>
                DicomClient.ConnectAsync("127.0.0.1", server.Port, TlsClient(withClientCert: false), DicomClient.ProposeVerification()));

            Assert.Contains("127.0.0.1", ex.Message);
        }
    }

    [Fact]
    public async Task OurScu_ServerFromAnotherAuthority_Refused()
    {
        var (server, _, _) = NetworkTestSupport.StartScp(TlsServer(requireClient: false));
        await using (server)
        {
            var otherCa = new TestCertificates("Some Other CA");

            await Assert.ThrowsAsync<DicomAssociationException>(() =>
                DicomClient.ConnectAsync("127.0.0.1", server.Port, TlsClient(withClientCert: false, trust: otherCa), DicomClient.ProposeVerification()));
        }
    }

    [PeerFact("storescu")]
    public async Task DcmtkStorescuTls_ToOurScp_ObjectArrives()
    {
        var (server, folder, _) = NetworkTestSupport.StartScp(TlsServer(requireClient: true));
        await using (server)
        {
            var r = await Task.Run(() => Peers.Run("storescu", ["+tls", _certs.ClientKeyPem, _certs.ClientCertPem, "+cf", _certs.AuthorityPem,
                "-aec", "MRSNODE", "localhost", server.Port.ToString(), TestData.Path("dicom/philips-mrs-2frame.dcm")]));

            Assert.True(r.ExitCode == 0, r.StdErr + r.StdOut);
            var uid = DicomFile.Open(TestData.Path("dicom/philips-mrs-2frame.dcm"), DicomReadOptions.HeaderOnly).Dataset.GetString(DicomTags.SOPInstanceUID);
            Assert.True(File.Exists(Path.Combine(folder, uid + ".dcm")));
        }
    }

    [PeerFact("storescp")]
    public async Task OurScuTls_ToDcmtkStorescpTls_ObjectArrives()
    {
        var port = NetworkTestSupport.FreePort();
        var output = TestData.NewTempFolder();
        using var storescp = Peers.StartBackground("storescp", ["+tls", _certs.ServerKeyPem, _certs.ServerCertPem, "+cf", _certs.AuthorityPem,
            "-od", output, "-aet", "MRSNODE", port.ToString()]);
        try
        {
            Assert.True(await Ports.WaitListening(port), "storescp did not listen");
            var file = DicomFile.Open(TestData.Path("dicom/siemens-xa60-svs.dcm"));
            var proposal = DicomClient.ProposeStorage([(DicomUids.MRSpectroscopyStorage, file.TransferSyntax.Uid)]);

            await using var client = await DicomClient.ConnectAsync("localhost", port, TlsClient(withClientCert: true), proposal);
            Assert.True((await client.StoreAsync(file)).IsSuccess);
            await client.ReleaseAsync();

            Assert.Single(Directory.GetFiles(output));
        }
        finally
        {
            storescp.Kill();
        }
    }
}
