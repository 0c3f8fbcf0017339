using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace MRSNode.TestSupport;

/// <summary>A throw-away CA with a server certificate (localhost, 127.0.0.1) and a client certificate, also written as PEM files for dcmtk.</summary>
public sealed class TestCertificates
{
    public TestCertificates(string caName = "MRSNode Test CA")
    {
        Folder = TestData.NewTempFolder();
        using var caKey = RSA.Create(2048);
        var caRequest = new CertificateRequest($"CN={caName}", caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        Authority = caRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-2), DateTimeOffset.UtcNow.AddDays(60));
        Server = Issue("CN=localhost", server: true, "server");
        Client = Issue("CN=scanner", server: false, "client");
        AuthorityPem = Write("ca.pem", Authority.ExportCertificatePem());
    }

    public string Folder { get; }
    public X509Certificate2 Authority { get; }
    public X509Certificate2 Server { get; }
    public X509Certificate2 Client { get; }
    public string AuthorityPem { get; }
    public string ServerCertPem => Path.Combine(Folder, "server.pem");
    public string ServerKeyPem => Path.Combine(Folder, "server.key");
    public string ClientCertPem => Path.Combine(Folder, "client.pem");
    public string ClientKeyPem => Path.Combine(Folder, "client.key");

    private X509Certificate2 Issue(string subject, bool server, string fileStem)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid(server ? "1.3.6.1.5.5.7.3.1" : "1.3.6.1.5.5.7.3.2")], false));
        if (server)
        {
            var san = new SubjectAlternativeNameBuilder();
            san.AddDnsName("localhost");
            san.AddIpAddress(IPAddress.Loopback);
            request.CertificateExtensions.Add(san.Build());
        }
        var serial = RandomNumberGenerator.GetBytes(12);
        using var issued = request.Create(Authority, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30), serial);
        var withKey = issued.CopyWithPrivateKey(key);
        Write(fileStem + ".pem", withKey.ExportCertificatePem());
        Write(fileStem + ".key", key.ExportPkcs8PrivateKeyPem());
        // Round-trip through PKCS#12 so the key is usable by SslStream on every platform.
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }

    private string Write(string name, string pem)
    {
        var path = Path.Combine(Folder, name);
        File.WriteAllText(path, pem);
        return path;
    }
}
