using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MRSNode.Service.Configuration;
using MRSNode.Service.Observability;

namespace MRSNode.Service.Export;

/// <summary>Runs one <see cref="DestinationSender"/> per configured destination; with none, results simply stay in the outbox.</summary>
public sealed class ExportService(Outbox outbox, NodeOptions options, AuditTrail audit, NodeStatus status, ILoggerFactory loggers) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var logger = loggers.CreateLogger<DestinationSender>();
        var senders = options.Destinations.Select(d => new DestinationSender(d, outbox, options, audit, status, logger).RunAsync(stoppingToken));
        try
        {
            await Task.WhenAll(senders).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: whatever was not acknowledged is still in the outbox.
        }
    }
}
