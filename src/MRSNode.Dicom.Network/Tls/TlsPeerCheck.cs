using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace MRSNode.Dicom.Network.Tls;

/// <summary>Which side's certificate is checked: the server's (we are the SCU) or the client's (we are the SCP).</summary>
public enum TlsPeerRole
{
    Server,
    Client,
}

/// <summary>
/// Checks one peer certificate in one TLS handshake and remembers why it was refused, so the failure can be named in
/// the log, the status page and the audit trail ("certificate expired", not "authentication failed"). The chain is
/// built with the intermediates the peer sent; the leaf must be meant for TLS server or client authentication.
/// </summary>
public sealed class TlsPeerCheck(DicomTlsOptions options, TlsPeerRole role)
{
    private const string ServerAuthentication = "1.3.6.1.5.5.7.3.1";
    private const string ClientAuthentication = "1.3.6.1.5.5.7.3.2";

    /// <summary>Why the certificate was refused; null while nothing was refused.</summary>
    public string? FailureReason { get; private set; }

    /// <summary>A RemoteCertificateValidationCallback.</summary>
    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        ArgumentNullException.ThrowIfNull(options);
        FailureReason = Check(certificate, chain, errors);
        return FailureReason is null;
    }

    private string? Check(X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        string whose = role == TlsPeerRole.Server ? "the server's certificate" : "the client's certificate";
        if (certificate is null)
        {
            // A client may go without one unless the SCP requires it; a server never.
            return role == TlsPeerRole.Client && !options.RequireClientCertificate ? null
                : role == TlsPeerRole.Server ? "the server sent no certificate" : "the client sent no certificate, and this SCP requires one";
        }
        if (role == TlsPeerRole.Server && (errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
        {
            return $"{whose} does not name the host it was reached at (name mismatch: {certificate.Subject})";
        }
        using var leaf = new X509Certificate2(certificate);
        using var built = new X509Chain();
        built.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        built.ChainPolicy.ApplicationPolicy.Add(new Oid(role == TlsPeerRole.Server ? ServerAuthentication : ClientAuthentication));
        if (options.TrustedAuthorities.Count > 0)
        {
            built.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            built.ChainPolicy.CustomTrustStore.AddRange(options.TrustedAuthorities);
        }
        if (chain is not null)
        {
            // The intermediates the peer sent: SslStream puts them in the extra store (and, when it built a chain, its elements).
            built.ChainPolicy.ExtraStore.AddRange(chain.ChainPolicy.ExtraStore);
            foreach (var element in chain.ChainElements)
            {
                built.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }
        if (built.Build(leaf) && HasTlsKeyUsage(leaf))
        {
            return null;
        }
        if (!HasTlsKeyUsage(leaf))
        {
            return $"{whose} has the wrong key usage: it allows neither digital signature nor key encipherment";
        }
        var flags = built.ChainStatus.Aggregate(X509ChainStatusFlags.NoError, (all, s) => all | s.Status);
        return $"{whose} ({leaf.Subject}) {Describe(flags, leaf)}";
    }

    private string Describe(X509ChainStatusFlags flags, X509Certificate2 leaf)
    {
        if ((flags & X509ChainStatusFlags.NotTimeValid) != 0)
        {
            return FormattableString.Invariant($"has expired or is not yet valid (valid {leaf.NotBefore.ToUniversalTime():yyyy-MM-dd HH:mm} to {leaf.NotAfter.ToUniversalTime():yyyy-MM-dd HH:mm} UTC)");
        }
        if ((flags & X509ChainStatusFlags.NotValidForUsage) != 0)
        {
            return $"has the wrong key usage: it is not for TLS {(role == TlsPeerRole.Server ? "server" : "client")} authentication (extended key usage)";
        }
        if ((flags & (X509ChainStatusFlags.UntrustedRoot | X509ChainStatusFlags.PartialChain)) != 0)
        {
            return options.TrustedAuthorities.Count > 0
                ? "is not issued by a trusted authority (untrusted root, or an intermediate the peer did not send)"
                : "is not issued by an authority the system trusts (untrusted root, or an intermediate the peer did not send)";
        }
        if ((flags & X509ChainStatusFlags.Revoked) != 0)
        {
            return "has been revoked";
        }
        if ((flags & X509ChainStatusFlags.NotSignatureValid) != 0)
        {
            return "has an invalid signature";
        }
        return $"is not valid ({flags})";
    }

    /// <summary>Without a key-usage extension any use is allowed; with one, TLS needs a signature or key encipherment.</summary>
    private static bool HasTlsKeyUsage(X509Certificate2 leaf) =>
        leaf.Extensions.OfType<X509KeyUsageExtension>().FirstOrDefault() is not { } usage
        || (usage.KeyUsages & (X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.KeyAgreement)) != 0;
}
