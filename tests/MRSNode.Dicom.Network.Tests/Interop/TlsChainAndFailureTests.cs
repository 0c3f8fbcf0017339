using System.Net;
using System.Net.Sockets;
using MRSNode.Dicom.IO;
using MRSNode.Dicom.Network.Scp;
using MRSNode.Dicom.Network.Scu;
using MRSNode.Dicom.Network.Tls;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Dicom.Network.Tests.Interop;

/// <summary>
/// Issue 23 defects 1, 5 and 8: chains through an intermediate CA (with dcmtk's storescp and storescu), each TLS failure
/// named, the client's handshake timeout, and client certificates checked when optional and for their key usage.
/// </summary>
[Collection("network")]
[UnitTest]
public class TlsChainAndFailureTests
{
    private static readonly TestCertificates _chain = new("MRSNode Chain Root", intermediate: true);

    private static DicomClientOptions Client(TestCertificates trust, DicomTlsOptions? tls = null) => new()
    {
        CalledAeTitle = "MRSNODE",
        Tls = tls ?? new DicomTlsOptions { TrustedAuthorities = [trust.Authority], ServerName = "localhost" },
    };

    private static async Task<string> RefusalAsync(int port, DicomClientOptions options)
    {
        var ex = await Assert.ThrowsAsync<DicomAssociationException>(() => DicomClient.ConnectAsync("127.0.0.1", port, options, DicomClient.ProposeVerification()));
        return ex.Message;
    }

    [PeerFact("storescp")]
    public async Task ConnectAsync_StorescpWithIntermediateChain_TrustingTheRootOnly_Stores()
    {
        var port = NetworkTestSupport.FreePort();
        var output = TestData.NewTempFolder();
        using var storescp = Peers.StartBackground("storescp", ["+tls", _chain.ServerKeyPem, _chain.ServerCertPem, "+cf", _chain.AuthorityPem, "-od", output, "-aet", "MRSNODE", port.ToString()]);
        try
        {
            Assert.True(await Ports.WaitListening(port), "storescp did not listen");
            var file = DicomFile.Open(TestData.Path("dicom/siemens-xa60-svs.dcm"));
            var tls = new DicomTlsOptions
            {
                Certificate = DicomTlsOptions.LoadCertificate(_chain.ClientCertPem, _chain.ClientKeyPem),
                CertificateChain = DicomTlsOptions.LoadChain(_chain.ClientCertPem),
                TrustedAuthorities = DicomTlsOptions.LoadAuthorities(_chain.AuthorityPem),
                ServerName = "localhost",
            };

            await using var client = await DicomClient.ConnectAsync("localhost", port, Client(_chain, tls), DicomClient.ProposeStorage([(DicomUids.MRSpectroscopyStorage, file.TransferSyntax.Uid)]));
            Assert.True((await client.StoreAsync(file)).IsSuccess);
            await client.ReleaseAsync();

            Assert.Single(Directory.GetFiles(output));
        }
        finally
        {
            storescp.Kill();
        }
    }

    [PeerFact("storescu")]
    public async Task OurScp_StorescuClientCertThroughIntermediate_Stored()
    {
        var options = new DicomServerOptions
        {
            Tls = new DicomTlsOptions
            {
                Certificate = DicomTlsOptions.LoadCertificate(_chain.ServerCertPem, _chain.ServerKeyPem),
                CertificateChain = DicomTlsOptions.LoadChain(_chain.ServerCertPem),
                TrustedAuthorities = [_chain.Authority],
                RequireClientCertificate = true,
            },
        };
        var (server, folder, _) = NetworkTestSupport.StartScp(options);
        await using (server)
        {
            var r = await Task.Run(() => Peers.Run("storescu", ["+tls", _chain.ClientKeyPem, _chain.ClientCertPem, "+cf", _chain.AuthorityPem,
                "-aec", "MRSNODE", "localhost", server.Port.ToString(), TestData.Path("dicom/philips-mrs-2frame.dcm")]));

            Assert.True(r.ExitCode == 0, r.StdErr + r.StdOut);
            Assert.Single(Directory.GetFiles(folder, "*.dcm"));
        }
    }

    [Theory]
    [InlineData("expired", "has expired or is not yet valid")]
    [InlineData("wrong-usage", "has the wrong key usage: it is not for TLS server authentication")]
    [InlineData("untrusted", "is not issued by a trusted authority")]
    [InlineData("name", "does not name the host it was reached at (name mismatch")]
    public async Task ConnectAsync_ServerCertificateFails_TheCheckIsNamed(string fault, string expected)
    {
        var other = new TestCertificates("Some Other CA");
        var certificate = fault switch
        {
            "expired" => _chain.Issue("CN=localhost", "expired", TestCertificates.ServerAuthentication, DateTimeOffset.UtcNow.AddDays(-1.5), DateTimeOffset.UtcNow.AddHours(-1)),
            "wrong-usage" => _chain.Issue("CN=localhost", "wrong-usage", TestCertificates.ClientAuthentication),
            "untrusted" => other.Server,
            _ => _chain.Server,
        };
        var options = new DicomServerOptions { Tls = new DicomTlsOptions { Certificate = certificate, CertificateChain = DicomTlsOptions.LoadChain(_chain.ServerCertPem) } };
        var (server, _, _) = NetworkTestSupport.StartScp(options);
        await using (server)
        {
            var tls = new DicomTlsOptions { TrustedAuthorities = [_chain.Authority], ServerName = fault == "name" ? "pacs.example.org" : "localhost" };

            var message = await RefusalAsync(server.Port, Client(_chain, tls));

            Assert.Contains("TLS refused: the server's certificate", message);
            Assert.Contains(expected, message);
        }
    }

    [Fact]
    public async Task ConnectAsync_PeerNeverAnswersTheHandshake_GivesUpAfterTheTimeout()
    {
        var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        try
        {
            var port = ((IPEndPoint)silent.LocalEndpoint).Port;
            var options = Client(_chain) with { TlsHandshakeTimeout = TimeSpan.FromSeconds(1) };
            var clock = System.Diagnostics.Stopwatch.StartNew();

            var message = await RefusalAsync(port, options);

            Assert.Contains("TLS handshake not completed within 1 s", message);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), "hang detector");
        }
        finally
        {
            silent.Stop();
        }
    }

    [Fact]
    public async Task OurScp_OptionalClientCertificateUntrusted_RefusedAndNamedInTheReport()
    {
        var options = new DicomServerOptions { Tls = new DicomTlsOptions { Certificate = _chain.Server, CertificateChain = DicomTlsOptions.LoadChain(_chain.ServerCertPem), TrustedAuthorities = [_chain.Authority] } };
        var (server, _, _) = NetworkTestSupport.StartScp(options);
        var reports = new System.Collections.Concurrent.ConcurrentQueue<AssociationReport>();
        server.AssociationEnded += reports.Enqueue;
        await using (server)
        {
            var stranger = new TestCertificates("Stranger CA");
            var withStrangerCert = new DicomTlsOptions { Certificate = stranger.Client, TrustedAuthorities = [_chain.Authority], ServerName = "localhost" };
            var none = new DicomTlsOptions { TrustedAuthorities = [_chain.Authority], ServerName = "localhost" };

            await RefusalAsync(server.Port, Client(_chain, withStrangerCert));
            await using (var anonymous = await DicomClient.ConnectAsync("127.0.0.1", server.Port, Client(_chain, none), DicomClient.ProposeVerification()))
            {
                Assert.True((await anonymous.EchoAsync()).IsSuccess);
                await anonymous.ReleaseAsync();
            }

            Assert.True(await NetworkTestSupport.WaitUntil(() => reports.Any(r => r.AbortReason?.StartsWith("TLS refused", StringComparison.Ordinal) == true), TimeSpan.FromSeconds(10)));
            Assert.Contains(reports, r => r.AbortReason == "TLS refused: the client's certificate (CN=scanner) is not issued by a trusted authority (untrusted root, or an intermediate the peer did not send)");
        }
    }

    [Fact]
    public async Task OurScp_RequiredClientCertificateForServersOnly_RefusedForKeyUsage()
    {
        var options = new DicomServerOptions { Tls = new DicomTlsOptions { Certificate = _chain.Server, CertificateChain = DicomTlsOptions.LoadChain(_chain.ServerCertPem), TrustedAuthorities = [_chain.Authority], RequireClientCertificate = true } };
        var (server, _, _) = NetworkTestSupport.StartScp(options);
        var reports = new System.Collections.Concurrent.ConcurrentQueue<AssociationReport>();
        server.AssociationEnded += reports.Enqueue;
        await using (server)
        {
            var serverOnly = _chain.Issue("CN=scanner", "server-only", TestCertificates.ServerAuthentication);
            var tls = new DicomTlsOptions { Certificate = serverOnly, CertificateChain = DicomTlsOptions.LoadChain(_chain.ServerCertPem), TrustedAuthorities = [_chain.Authority], ServerName = "localhost" };

            await RefusalAsync(server.Port, Client(_chain, tls));

            Assert.True(await NetworkTestSupport.WaitUntil(() => reports.Any(r => r.AbortReason?.StartsWith("TLS refused", StringComparison.Ordinal) == true), TimeSpan.FromSeconds(10)));
            Assert.Contains(reports, r => r.AbortReason == "TLS refused: the client's certificate (CN=scanner) has the wrong key usage: it is not for TLS client authentication (extended key usage)");
        }
    }
}
