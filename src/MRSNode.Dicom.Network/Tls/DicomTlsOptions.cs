using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace MRSNode.Dicom.Network.Tls;

/// <summary>
/// DICOM TLS (PS3.15 Annex B): the node's certificate, the authorities it trusts for the peer's
/// certificate, and whether the peer must present one.
/// </summary>
public sealed record DicomTlsOptions
{
    /// <summary>This side's certificate with its private key (required for an SCP; optional for an SCU).</summary>
    public X509Certificate2? Certificate { get; init; }

    /// <summary>Certificates of authorities (or the peers themselves) to trust; empty means the system store.</summary>
    public X509Certificate2Collection TrustedAuthorities { get; init; } = [];

    /// <summary>SCP: ask for and verify a client certificate.</summary>
    public bool RequireClientCertificate { get; init; }

    /// <summary>SCU: the name expected in the server certificate (defaults to the host name).</summary>
    public string? ServerName { get; init; }

    /// <summary>
    /// Validates a peer certificate against <see cref="TrustedAuthorities"/> when given (custom root trust),
    /// else the platform's default validation.
    /// </summary>
    public bool Validate(X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (certificate is null)
        {
            return false;
        }
        if (TrustedAuthorities.Count == 0)
        {
            return errors == SslPolicyErrors.None;
        }
        if ((errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
        {
            return false;
        }
        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        custom.ChainPolicy.CustomTrustStore.AddRange(TrustedAuthorities);
        using var cert = new X509Certificate2(certificate);
        return custom.Build(cert);
    }

    /// <summary>Every certificate of a PEM file (one CA or a bundle); throws when it holds none.</summary>
    public static X509Certificate2Collection LoadAuthorities(string pemPath)
    {
        var authorities = new X509Certificate2Collection();
        authorities.ImportFromPemFile(pemPath);
        return authorities.Count > 0 ? authorities : throw new CryptographicException($"{pemPath} holds no PEM certificate");
    }

    public static X509Certificate2 LoadCertificate(string certificatePath, string? keyPath)
    {
        if (keyPath is not null)
        {
            // Windows' SslStream cannot use the ephemeral key of a PEM-loaded certificate; a PKCS#12 round trip gives it a usable one.
            using var pem = X509Certificate2.CreateFromPemFile(certificatePath, keyPath);
            return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
        }
        return certificatePath.EndsWith(".pem", StringComparison.OrdinalIgnoreCase) || certificatePath.EndsWith(".crt", StringComparison.OrdinalIgnoreCase)
            ? X509Certificate2.CreateFromPem(File.ReadAllText(certificatePath))
            : X509CertificateLoader.LoadPkcs12FromFile(certificatePath, null);
    }
}
