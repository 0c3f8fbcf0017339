using System.Globalization;
using System.Net;
using MRSNode.Dicom;
using MRSNode.Dicom.IO;
using MRSNode.Dicom.Network.Scp;
using MRSNode.Dicom.Network.Scu;
using MRSNode.Dicom.Network.Tls;
using MRSNode.Service.Configuration;
using MRSNode.Service.Spool;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Service.Tests;

/// <summary>Node:Tls on the SCP and Destinations:i:Tls on the SCU, with a throw-away CA.</summary>
[SlowTest]
public class NodeTlsTests
{
    private static readonly TimeSpan _jobTimeout = TimeSpan.FromSeconds(90);
    private static readonly TestCertificates _certs = new();
    private const string Study = "dicom/siemens-xa60-svs.dcm";

    private static void ServerTls(Dictionary<string, string?> s)
    {
        s["Node:Tls:Enabled"] = "true";
        s["Node:Tls:CertificatePath"] = _certs.ServerCertPem;
        s["Node:Tls:KeyPath"] = _certs.ServerKeyPem;
        s["Node:Tls:TrustedCaPath"] = _certs.AuthorityPem;
    }

    private static DicomClientOptions Scanner(DicomTlsOptions? tls) => new() { CalledAeTitle = "MRSNODE", CallingAeTitle = "SCANNER", Tls = tls };

    private static async Task StoreAsync(TestNode node, DicomTlsOptions? tls, string relative)
    {
        var file = DicomFile.Open(TestData.Path(relative));
        var contexts = DicomClient.ProposeStorage([(file.Dataset.GetString(DicomTags.SOPClassUID)!, file.TransferSyntax.Uid)]);
        await using var client = await DicomClient.ConnectAsync("127.0.0.1", node.Port, Scanner(tls), contexts);
        Assert.Equal(0x0000, (await client.StoreAsync(file)).Code);
        await client.ReleaseAsync();
    }

    [Fact]
    public async Task Intake_TlsClientTrustingTheCa_StudyProcessedAndPlainClientRefused()
    {
        await using var node = await TestNode.StartAsync(ServerTls);

        await StoreAsync(node, new DicomTlsOptions { TrustedAuthorities = [_certs.Authority], ServerName = "localhost" }, Study);

        Assert.True(await TestNode.WaitUntilAsync(() => node.Jobs.Count(JobState.Done) + node.Jobs.Count(JobState.Failed) == 1, _jobTimeout));
        var job = Assert.Single(node.Jobs.List(JobState.Done));
        Assert.Contains("sr.dcm", TestNode.FilesUnder(Path.Combine(node.Outbox, job)));
        var plain = await Assert.ThrowsAsync<DicomAssociationException>(() => StoreAsync(node, null, "dicom/siemens-csa-svs30.ima"));
        Assert.Contains($"127.0.0.1:{node.Port}", plain.Message);
        Assert.Equal(1, Enum.GetValues<JobState>().Sum(node.Jobs.Count));
    }

    [Fact]
    public async Task Intake_RequireClientCertificate_ClientWithoutOneRefusedWithOneAccepted()
    {
        await using var node = await TestNode.StartAsync(s =>
        {
            ServerTls(s);
            s["Node:Tls:RequireClientCertificate"] = "true";
        });

        await Assert.ThrowsAsync<DicomAssociationException>(() =>
            DicomClient.ConnectAsync("127.0.0.1", node.Port, Scanner(new DicomTlsOptions { TrustedAuthorities = [_certs.Authority], ServerName = "localhost" }), DicomClient.ProposeVerification()));
        await using var client = await DicomClient.ConnectAsync("127.0.0.1", node.Port,
            Scanner(new DicomTlsOptions { Certificate = _certs.Client, TrustedAuthorities = [_certs.Authority], ServerName = "localhost" }), DicomClient.ProposeVerification());
        Assert.Equal(0x0000, (await client.EchoAsync()).Code);
        await client.ReleaseAsync();
    }

    [PeerFact("storescu")]
    public async Task Intake_StorescuWithTls_StudyProcessed()
    {
        await using var node = await TestNode.StartAsync(ServerTls);

        var r = await Task.Run(() => Peers.Run("storescu", ["+tls", _certs.ClientKeyPem, _certs.ClientCertPem, "+cf", _certs.AuthorityPem,
            "-xf", TestNode.StorescuConfig(), "MRS", "-aet", "SCANNER", "-aec", "MRSNODE", "localhost", node.Port.ToString(CultureInfo.InvariantCulture), TestData.Path(Study)]));

        Assert.True(r.ExitCode == 0, r.StdErr + r.StdOut);
        Assert.True(await TestNode.WaitUntilAsync(() => node.Jobs.Count(JobState.Done) + node.Jobs.Count(JobState.Failed) == 1, _jobTimeout));
        Assert.Single(node.Jobs.List(JobState.Done));
    }

    [Fact]
    public async Task Export_TlsDestinationRequiringClientCertificate_DeliversEveryOutput()
    {
        var received = TestData.NewTempFolder();
        var tls = new DicomTlsOptions { Certificate = _certs.Server, TrustedAuthorities = [_certs.Authority], RequireClientCertificate = true };
        await using var pacs = new DicomServer(new DicomServerOptions { AeTitle = "TLSPACS", Tls = tls }, new FileStoreHandler(received), 0, IPAddress.Loopback).Start();
        await using var node = await TestNode.StartAsync(s =>
        {
            s["Destinations:0:Name"] = "PACS";
            s["Destinations:0:AeTitle"] = "TLSPACS";
            s["Destinations:0:Host"] = "127.0.0.1"; // ServerName defaults to it: the certificate's IP address entry
            s["Destinations:0:Port"] = pacs.Port.ToString(CultureInfo.InvariantCulture);
            s["Destinations:0:Tls:Enabled"] = "true";
            s["Destinations:0:Tls:TrustedCaPath"] = _certs.AuthorityPem;
            s["Destinations:0:Tls:CertificatePath"] = _certs.ClientCertPem;
            s["Destinations:0:Tls:KeyPath"] = _certs.ClientKeyPem;
        });

        await StoreAsync(node, null, Study);

        Assert.True(await TestNode.WaitUntilAsync(() => node.Jobs.Count(JobState.Done) == 1, _jobTimeout));
        int expected = TestNode.DicomOutputs(node.Jobs);
        Assert.True(await TestNode.WaitUntilAsync(() => Directory.GetFiles(received).Length == expected, TimeSpan.FromSeconds(30)));
        // The PACS has the file before the node has its response and audits the send: wait for the audit too.
        Assert.True(await TestNode.WaitUntilAsync(() => node.Audit().Count(a => a.Event == "sent") == expected, TimeSpan.FromSeconds(30)));
        var sent = node.Audit().Where(a => a.Event == "sent").Select(a => a.SopInstanceUid + ".dcm").Order(StringComparer.Ordinal);
        Assert.Equal(sent, Directory.GetFiles(received).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var study = TestNode.Uid(TestData.Path(Study), DicomTags.StudyInstanceUID);
        Assert.All(Directory.GetFiles(received), f => Assert.Equal(study, TestNode.Uid(f, DicomTags.StudyInstanceUID)));
    }

    private static IReadOnlyList<string> Problems(Dictionary<string, string?> settings)
    {
        var ex = Assert.Throws<NodeConfigurationException>(() => NodeHost.Options(NodeHost.BuildConfiguration(null, settings)));
        return ex.Problems;
    }

    [Fact]
    public void Options_TlsEnabledWithoutCertificate_ErrorNamesCertificatePath()
    {
        var problems = Problems(new() { ["Node:Tls:Enabled"] = "true" });

        Assert.Equal("Node:Tls:CertificatePath is required when Node:Tls:Enabled is true", Assert.Single(problems));
    }

    [Fact]
    public void Options_KeyOfAnotherCertificate_ErrorNamesKeyPath()
    {
        var problems = Problems(new()
        {
            ["Node:Tls:Enabled"] = "true",
            ["Node:Tls:CertificatePath"] = _certs.ServerCertPem,
            ["Node:Tls:KeyPath"] = _certs.ClientKeyPem,
        });

        Assert.StartsWith($"Node:Tls:KeyPath '{_certs.ClientKeyPem}' is not the PEM private key of Node:Tls:CertificatePath '{_certs.ServerCertPem}'", Assert.Single(problems));
    }

    [Fact]
    public void Options_MissingFilesAndCertificateWithoutKey_EveryProblemListedByKey()
    {
        var missing = Path.Combine(TestData.NewTempFolder(), "absent.pem");
        var problems = Problems(new()
        {
            ["Node:Tls:Enabled"] = "true",
            ["Node:Tls:CertificatePath"] = _certs.ServerCertPem,
            ["Node:Tls:TrustedCaPath"] = missing,
            ["Destinations:0:Name"] = "PACS",
            ["Destinations:0:AeTitle"] = "PACS",
            ["Destinations:0:Host"] = "127.0.0.1",
            ["Destinations:0:Port"] = "104",
            ["Destinations:0:Tls:Enabled"] = "true",
            ["Destinations:0:Tls:CertificatePath"] = _certs.ClientCertPem,
            ["Destinations:0:Tls:KeyPath"] = missing,
        });

        Assert.Equal(3, problems.Count);
        Assert.Equal($"Node:Tls:CertificatePath '{_certs.ServerCertPem}' holds no private key: set Node:Tls:KeyPath to its PEM key", problems[0]);
        Assert.StartsWith($"Node:Tls:TrustedCaPath '{missing}' cannot be read: ", problems[1]);
        Assert.StartsWith($"Destinations:0:Tls:KeyPath '{missing}' cannot be read: ", problems[2]);
    }

    [Fact]
    public void Options_TlsDisabledWithPathsSet_NoProblemsAndShippedDefaultsOff()
    {
        var options = NodeHost.Options(NodeHost.BuildConfiguration(null, new Dictionary<string, string?> { ["Node:Tls:CertificatePath"] = "/nonexistent.pem" }));

        Assert.False(options.Node.Tls.Enabled);
        Assert.False(options.Node.Tls.RequireClientCertificate);
        Assert.Null(NodeTls.Server(options.Node.Tls));
    }
}
