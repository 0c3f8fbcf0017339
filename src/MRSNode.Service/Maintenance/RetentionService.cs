using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MRSNode.Service.Configuration;
using MRSNode.Service.Export;
using MRSNode.Service.Spool;

namespace MRSNode.Service.Maintenance;

/// <summary>Deletes done jobs and sent-ledger entries older than Retention:DoneJobDays, hourly. Failed jobs are never deleted.</summary>
public sealed partial class RetentionService(JobSpool jobs, Outbox outbox, NodeOptions options, ILogger<RetentionService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Retention.DoneJobDays <= 0)
        {
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            Sweep(DateTimeOffset.UtcNow);
            try
            {
                await Task.Delay(TimeSpan.FromHours(1), stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public void Sweep(DateTimeOffset now)
    {
        var cutoff = now - TimeSpan.FromDays(options.Retention.DoneJobDays);
        try
        {
            int jobsDeleted = jobs.DeleteDoneBefore(cutoff);
            int ledger = outbox.DeleteSentBefore(cutoff);
            if (jobsDeleted + ledger > 0)
            {
                LogSwept(jobsDeleted, ledger, options.Retention.DoneJobDays);
            }
        }
        catch (IOException ex)
        {
            LogError(ex.Message);
        }
    }

    [LoggerMessage(EventId = 1500, Level = LogLevel.Information, Message = "retention: deleted {Jobs} done job(s) and {Ledger} sent-ledger entries older than {Days} days")]
    private partial void LogSwept(int jobs, int ledger, double days);

    [LoggerMessage(EventId = 1501, Level = LogLevel.Error, Message = "retention sweep failed: {Error}")]
    private partial void LogError(string error);
}
