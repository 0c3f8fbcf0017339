using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MRSNode.Dicom.Network.Tls;

namespace MRSNode.Service.Configuration;

/// <summary>
/// Turns Node:Tls and Destinations:i:Tls into <see cref="DicomTlsOptions"/> with the DICOM library's loaders.
/// <see cref="NodeOptionsValidator"/> runs the same loading at start-up, so an unreadable file or a key that does
/// not match its certificate is named by its key before anything starts.
/// </summary>
public static class NodeTls
{
    /// <summary>The SCP's TLS; null when Node:Tls:Enabled is false. Throws <see cref="NodeConfigurationException"/> when a file cannot be used.</summary>
    public static DicomTlsOptions? Server(NodeTlsSection tls) => OrThrow(errors => Server(tls, errors));

    /// <summary>TLS towards a destination; null when its Tls:Enabled is false. Throws <see cref="NodeConfigurationException"/> when a file cannot be used.</summary>
    public static DicomTlsOptions? Client(DestinationOptions destination, string key) => OrThrow(errors => Client(destination, key, errors));

    /// <summary>The SCP's TLS, adding a problem per unusable setting; null when disabled or unusable.</summary>
    public static DicomTlsOptions? Server(NodeTlsSection tls, ICollection<string> errors)
    {
        ArgumentNullException.ThrowIfNull(tls);
        if (!tls.Enabled)
        {
            return null;
        }
        const string Key = "Node:Tls";
        int before = errors.Count;
        var certificate = Certificate(Key, tls.CertificatePath, tls.KeyPath, required: true, errors);
        var authorities = Authorities(Key, tls.TrustedCaPath, errors);
        return errors.Count > before ? null : new DicomTlsOptions
        {
            Certificate = certificate,
            CertificateChain = DicomTlsOptions.LoadChain(tls.CertificatePath),
            TrustedAuthorities = authorities,
            RequireClientCertificate = tls.RequireClientCertificate,
        };
    }

    /// <summary>TLS towards a destination (<paramref name="key"/> = "Destinations:i:Tls"), adding a problem per unusable setting.</summary>
    public static DicomTlsOptions? Client(DestinationOptions destination, string key, ICollection<string> errors)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var tls = destination.Tls;
        if (!tls.Enabled)
        {
            return null;
        }
        int before = errors.Count;
        var certificate = Certificate(key, tls.CertificatePath, tls.KeyPath, required: false, errors);
        var authorities = Authorities(key, tls.TrustedCaPath, errors);
        return errors.Count > before ? null : new DicomTlsOptions
        {
            Certificate = certificate,
            CertificateChain = certificate is null ? [] : DicomTlsOptions.LoadChain(tls.CertificatePath),
            TrustedAuthorities = authorities,
            ServerName = string.IsNullOrWhiteSpace(tls.ServerName) ? null : tls.ServerName,
        };
    }

    private static DicomTlsOptions? OrThrow(Func<List<string>, DicomTlsOptions?> build)
    {
        var errors = new List<string>();
        var tls = build(errors);
        return errors.Count == 0 ? tls : throw new NodeConfigurationException(errors);
    }

    private static X509Certificate2? Certificate(string key, string certPath, string keyPath, bool required, ICollection<string> errors)
    {
        bool hasKey = !string.IsNullOrWhiteSpace(keyPath);
        if (string.IsNullOrWhiteSpace(certPath))
        {
            if (required)
            {
                errors.Add($"{key}:CertificatePath is required when {key}:Enabled is true");
            }
            else if (hasKey)
            {
                errors.Add($"{key}:KeyPath is set without {key}:CertificatePath");
            }
            return null;
        }
        // Both files are checked so one run names both when both are wrong.
        bool readable = Readable($"{key}:CertificatePath", certPath, errors);
        readable &= !hasKey || Readable($"{key}:KeyPath", keyPath, errors);
        if (!readable)
        {
            return null;
        }
        if (hasKey && !HoldsPemCertificate(certPath))
        {
            errors.Add($"{key}:CertificatePath '{certPath}' holds no PEM certificate");
            return null;
        }
        X509Certificate2 certificate;
        try
        {
            certificate = DicomTlsOptions.LoadCertificate(certPath, hasKey ? keyPath : null);
        }
        catch (CryptographicException ex)
        {
            errors.Add(hasKey
                ? $"{key}:KeyPath '{keyPath}' is not the PEM private key of {key}:CertificatePath '{certPath}': {ex.Message}"
                : $"{key}:CertificatePath '{certPath}' is neither a PEM certificate nor a PKCS#12 file without password: {ex.Message}");
            return null;
        }
        if (!certificate.HasPrivateKey)
        {
            certificate.Dispose();
            errors.Add($"{key}:CertificatePath '{certPath}' holds no private key: set {key}:KeyPath to its PEM key");
            return null;
        }
        return certificate;
    }

    private static X509Certificate2Collection Authorities(string key, string caPath, ICollection<string> errors)
    {
        if (string.IsNullOrWhiteSpace(caPath))
        {
            return []; // the system store
        }
        if (!Readable($"{key}:TrustedCaPath", caPath, errors))
        {
            return [];
        }
        try
        {
            return DicomTlsOptions.LoadAuthorities(caPath);
        }
        catch (CryptographicException ex)
        {
            errors.Add($"{key}:TrustedCaPath '{caPath}' is not a PEM certificate bundle: {ex.Message}");
            return [];
        }
    }

    private static bool HoldsPemCertificate(string path)
    {
        try
        {
            var certificates = new X509Certificate2Collection();
            certificates.ImportFromPemFile(path);
            return certificates.Count > 0;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    private static bool Readable(string key, string path, ICollection<string> errors)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            errors.Add($"{key} '{path}' cannot be read: {ex.Message}");
            return false;
        }
    }
}
