using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MRSNode.Service.Configuration;
using MRSNode.Service.Observability;
using MRSNode.Service.SharedStore;

namespace MRSNode.Service.Export;

/// <summary>Runs one <see cref="DestinationSender"/> per configured destination; with none, results simply stay in the outbox.</summary>
/// <param name="ledger">The shared sent ledger of an export role (Queue:Kind rabbitmq); null on a single node.</param>
public sealed class ExportService(Outbox outbox, NodeOptions options, AuditTrail audit, NodeStatus status, ILoggerFactory loggers, SentLedger? ledger = null) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var logger = loggers.CreateLogger<DestinationSender>();
        var senders = options.Destinations.Select(d => new DestinationSender(d, outbox, options, audit, status, logger, ledger).RunAsync(stoppingToken));
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
