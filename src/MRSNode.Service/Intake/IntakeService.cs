using System.Net;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MRSNode.Dicom.Network.Scp;
using MRSNode.Service.Configuration;
using MRSNode.Service.Observability;

namespace MRSNode.Service.Intake;

/// <summary>
/// The storage SCP: listens on Node:Port (TLS only with Node:Tls:Enabled) with the node's AE title and calling-AE
/// allow-list, storing through <see cref="SpoolStoreHandler"/>. The server logs failed associations and refused
/// objects itself; this writes them to the audit trail.
/// </summary>
public sealed partial class IntakeService(SpoolStoreHandler handler, NodeOptions options, AuditTrail audit, ILoggerFactory loggers, ILogger<IntakeService> logger) : IHostedService, IAsyncDisposable
{
    private DicomServer? _server;

    /// <summary>The bound port once started.</summary>
    public int Port => _server?.Port ?? 0;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var node = options.Node;
        var serverOptions = new DicomServerOptions
        {
            AeTitle = node.AeTitle,
            RequireCalledAeTitle = node.RequireCalledAeTitle,
            AllowedCallingAeTitles = node.AllowedCallingAeTitles.Count == 0 ? null : new HashSet<string>(node.AllowedCallingAeTitles, StringComparer.Ordinal),
            AllowedPeerAddresses = node.AllowedCallingHosts.Count == 0 ? null : node.AllowedCallingHosts.Select(IPAddress.Parse).Select(a => a.IsIPv4MappedToIPv6 ? a.MapToIPv4() : a).ToHashSet(),
            MaxAssociations = node.MaxAssociations,
            MaxObjectBytes = node.MaxObjectBytes,
            MaxUnassociatedConnections = node.MaxUnassociatedConnections,
            MaxUnassociatedPerPeer = node.MaxUnassociatedPerPeer,
            Tls = NodeTls.Server(node.Tls),
        };
        _server = new DicomServer(serverOptions, handler, node.Port, IPAddress.Parse(node.ListenAddress), loggers.CreateLogger<DicomServer>());
        _server.AssociationEnded += AuditAssociation;
        _server.ObjectIssue += AuditObject;
        try
        {
            _server.Start();
        }
        catch (DicomListenException ex)
        {
            // The reason in words (port taken, address not this machine's, privileges), named by its setting.
            throw new NodeConfigurationException([$"Node:Port {node.Port} on {node.ListenAddress} cannot be used: {ex.Message}"]);
        }
        LogListening(node.AeTitle, _server.Port, serverOptions.Tls is null ? "" : " (TLS only)");
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await DisposeAsync().ConfigureAwait(false);

    public async ValueTask DisposeAsync()
    {
        if (_server is { } server)
        {
            _server = null;
            await server.DisposeAsync().ConfigureAwait(false);
        }
    }

    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "DICOM SCP {AeTitle} listening on port {Port}{Tls}")]
    private partial void LogListening(string aeTitle, int port, string tls);

    /// <summary>
    /// Every failed association gets an audit line, except idle connections that never sent an A-ASSOCIATE-RQ (a
    /// flood of idle sockets would flood the trail; the server logs those as a count) and those cut by our stop.
    /// </summary>
    private void AuditAssociation(AssociationReport report)
    {
        if (report.AbortReason is not { } reason || report.Idle || reason == "server stopping")
        {
            return;
        }
        audit.Write(new AuditEntry(DateTimeOffset.UtcNow, "association-failed", null, null, null,
            $"{report.CallingAeTitle}@{report.Remote}", report.Answer ?? "closed", $"{reason} ({report.ObjectsStored} object(s) stored)"));
    }

    private void AuditObject(ObjectIssue issue) =>
        audit.Write(new AuditEntry(DateTimeOffset.UtcNow, issue.Status.IsSuccess ? "received-nonconformant" : "refused", issue.SopClassUid, issue.SopInstanceUid, null,
            $"{issue.CallingAeTitle}@{issue.Remote}", $"0x{issue.Status.Code:X4}", issue.Description));
}
