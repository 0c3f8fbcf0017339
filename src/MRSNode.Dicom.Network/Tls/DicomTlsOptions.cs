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

    /// <summary>
    /// Intermediate CA certificates sent with <see cref="Certificate"/> so a peer that trusts only the root can build the
    /// chain (the certificates after the first in the certificate's PEM file; see <see cref="LoadChain"/>).
    /// </summary>
    public X509Certificate2Collection CertificateChain { get; init; } = [];

    /// <summary>Certificates of authorities (or the peers themselves) to trust; empty means the system store.</summary>
    public X509Certificate2Collection TrustedAuthorities { get; init; } = [];

    /// <summary>SCP: ask for and verify a client certificate.</summary>
    public bool RequireClientCertificate { get; init; }

    /// <summary>SCU: the name expected in the server certificate (defaults to the host name).</summary>
    public string? ServerName { get; init; }

    /// <summary>Every certificate of a PEM file (one CA or a bundle); throws when it holds none.</summary>
    public static X509Certificate2Collection LoadAuthorities(string pemPath)
    {
        var authorities = new X509Certificate2Collection();
        authorities.ImportFromPemFile(pemPath);
        return authorities.Count > 0 ? authorities : throw new CryptographicException($"{pemPath} holds no PEM certificate");
    }

    /// <summary>The certificates after the first of a PEM file (leaf first, then its intermediates, as servers ship them); empty for PKCS#12 or a lone certificate.</summary>
    public static X509Certificate2Collection LoadChain(string certificatePath)
    {
        var all = new X509Certificate2Collection();
        if (File.Exists(certificatePath) && File.ReadAllText(certificatePath).Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal))
        {
            all.ImportFromPemFile(certificatePath);
        }
        var chain = new X509Certificate2Collection();
        for (int i = 1; i < all.Count; i++)
        {
            chain.Add(all[i]);
        }
        return chain;
    }

    /// <summary>What an SslStream sends as this side's certificate: the certificate and <see cref="CertificateChain"/>; null without a certificate.</summary>
    public SslStreamCertificateContext? CertificateContext() =>
        Certificate is null ? null : SslStreamCertificateContext.Create(Certificate, CertificateChain, offline: true);

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
