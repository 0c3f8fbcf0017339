using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace MRSNode.TestSupport;

/// <summary>
/// A throw-away CA with a server certificate (localhost, 127.0.0.1) and a client certificate, also written as PEM files
/// for dcmtk. With <c>intermediate</c>, the leaves are issued by an intermediate CA that the root signed, and their PEM
/// files hold the leaf then the intermediate (as a server ships its chain); <see cref="Authority"/> stays the root.
/// </summary>
public sealed class TestCertificates
{
    public const string ServerAuthentication = "1.3.6.1.5.5.7.3.1";
    public const string ClientAuthentication = "1.3.6.1.5.5.7.3.2";

    private readonly X509Certificate2? _intermediate;

    public TestCertificates(string caName = "MRSNode Test CA", bool intermediate = false)
    {
        Folder = TestData.NewTempFolder();
        using var caKey = RSA.Create(2048);
        var caRequest = new CertificateRequest($"CN={caName}", caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        Authority = caRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-2), DateTimeOffset.UtcNow.AddDays(60));
        if (intermediate)
        {
            using var subKey = RSA.Create(2048);
            var subRequest = new CertificateRequest($"CN={caName} Intermediate", subKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            subRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
            subRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
            using var issued = subRequest.Create(Authority, DateTimeOffset.UtcNow.AddDays(-2), DateTimeOffset.UtcNow.AddDays(45), RandomNumberGenerator.GetBytes(12));
            _intermediate = issued.CopyWithPrivateKey(subKey);
        }
        Server = Issue("CN=localhost", "server", ServerAuthentication);
        Client = Issue("CN=scanner", "client", ClientAuthentication);
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

    /// <summary>
    /// A further leaf for localhost/127.0.0.1 written as &lt;fileStem&gt;.pem/.key: e.g. an expired one, or one whose extended
    /// key usage is <paramref name="usageOid"/> only.
    /// </summary>
    public X509Certificate2 Issue(string subject, string fileStem, string usageOid, DateTimeOffset? notBefore = null, DateTimeOffset? notAfter = null)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(usageOid)], false));
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName("localhost");
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        var issuer = _intermediate ?? Authority;
        var serial = RandomNumberGenerator.GetBytes(12);
        using var issued = request.Create(issuer, notBefore ?? DateTimeOffset.UtcNow.AddDays(-1), notAfter ?? DateTimeOffset.UtcNow.AddDays(30), serial);
        var withKey = issued.CopyWithPrivateKey(key);
        Write(fileStem + ".pem", withKey.ExportCertificatePem() + (_intermediate is null ? "" : "\n" + _intermediate.ExportCertificatePem()));
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
