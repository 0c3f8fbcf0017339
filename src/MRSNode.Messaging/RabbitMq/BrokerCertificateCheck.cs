using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace MRSNode.Messaging.RabbitMq;

/// <summary>
/// Checks the broker's TLS certificate: the host name always, the chain against the configured authorities (or the
/// system store when none are configured).
/// </summary>
internal sealed class BrokerCertificateCheck(X509Certificate2Collection trustedAuthorities)
{
    /// <summary>A RemoteCertificateValidationCallback.</summary>
    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }
        // A missing certificate or a name mismatch is never forgiven; only the chain is judged again, against our authorities.
        if (certificate is null || errors != SslPolicyErrors.RemoteCertificateChainErrors || trustedAuthorities.Count == 0)
        {
            return false;
        }
        using var leaf = new X509Certificate2(certificate);
        using var built = new X509Chain();
        built.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        built.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        built.ChainPolicy.CustomTrustStore.AddRange(trustedAuthorities);
        if (chain is not null)
        {
            built.ChainPolicy.ExtraStore.AddRange(chain.ChainPolicy.ExtraStore);
        }
        return built.Build(leaf);
    }
}
