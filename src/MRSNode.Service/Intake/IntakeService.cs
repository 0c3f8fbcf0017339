using System.Net;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MRSNode.Dicom.Network.Scp;
using MRSNode.Service.Configuration;

namespace MRSNode.Service.Intake;

/// <summary>The storage SCP: listens on Node:Port (TLS only with Node:Tls:Enabled) with the node's AE title and calling-AE allow-list, storing through <see cref="SpoolStoreHandler"/>.</summary>
public sealed partial class IntakeService(SpoolStoreHandler handler, NodeOptions options, ILogger<IntakeService> logger) : IHostedService, IAsyncDisposable
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
            MaxAssociations = node.MaxAssociations,
            MaxObjectBytes = node.MaxObjectBytes,
            Tls = NodeTls.Server(node.Tls),
        };
        _server = new DicomServer(serverOptions, handler, node.Port, IPAddress.Parse(node.ListenAddress));
        _server.AssociationEnded += report =>
        {
            if (report.AbortReason is { } reason)
            {
                LogAssociationAborted(report.Remote?.ToString() ?? "?", report.ObjectsStored, reason);
            }
        };
        try
        {
            _server.Start();
        }
        catch (System.Net.Sockets.SocketException ex)
        {
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

    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "association from {Remote} ended abnormally after {Stored} object(s): {Reason}")]
    private partial void LogAssociationAborted(string remote, int stored, string reason);
}
