using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using MRSNode.Service.Configuration;

namespace MRSNode.Service.Observability;

/// <summary>
/// Who may read the status endpoints. The Host header must name this node (localhost, a loopback address,
/// Status:ListenAddress or one of Status:AllowedHosts), else 421: a page from another origin whose DNS name was
/// rebound to 127.0.0.1 sends its own name and is refused. With Status:Token set, everything but /health needs
/// "Authorization: Bearer &lt;token&gt;", else 401; /health stays open for service monitors.
/// </summary>
public sealed class StatusRequestGuard
{
    private readonly HashSet<string> _hosts;
    private readonly byte[]? _token;

    public StatusRequestGuard(StatusSection options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _hosts = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "localhost", "127.0.0.1", "::1", options.ListenAddress };
        _hosts.UnionWith(options.AllowedHosts.Select(h => h.Trim()).Where(h => h.Length > 0));
        _token = options.Token.Length == 0 ? null : Encoding.UTF8.GetBytes(options.Token);
    }

    /// <summary>The status code to answer instead of the page, or null when the request may proceed.</summary>
    public int? Refusal(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!HostAllowed(request.Host))
        {
            return StatusCodes.Status421MisdirectedRequest;
        }
        if (_token is not null && request.Path != "/health" && !TokenPresented(request.Headers.Authorization.ToString()))
        {
            return StatusCodes.Status401Unauthorized;
        }
        return null;
    }

    private bool HostAllowed(HostString host)
    {
        if (!host.HasValue)
        {
            return false; // HTTP/1.1 requires one; a request without cannot be told from a rebound one
        }
        var name = host.Host.Trim('[', ']');
        return _hosts.Contains(name) || (IPAddress.TryParse(name, out var ip) && IPAddress.IsLoopback(ip));
    }

    private bool TokenPresented(string authorization)
    {
        const string scheme = "Bearer ";
        if (!authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        var presented = Encoding.UTF8.GetBytes(authorization[scheme.Length..].Trim());
        return CryptographicOperations.FixedTimeEquals(presented, _token); // no timing hint on how much matched
    }
}
