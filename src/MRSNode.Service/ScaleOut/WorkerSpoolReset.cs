using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MRSNode.Service.Spool;

namespace MRSNode.Service.ScaleOut;

/// <summary>
/// Worker role, at start-up before the workers and the consumer run: jobs this worker had not finished are deleted
/// from its local spool, since their deliveries were not acknowledged and the broker gives them out again.
/// </summary>
public sealed partial class WorkerSpoolReset(JobSpool jobs, ILogger<WorkerSpoolReset> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var discarded = jobs.DiscardUnfinished();
        if (discarded.Count > 0)
        {
            LogDiscarded(discarded.Count, string.Join(", ", discarded));
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 1830, Level = LogLevel.Warning, Message = "{Count} unfinished local job(s) dropped; the broker delivers them again: {Jobs}")]
    private partial void LogDiscarded(int count, string jobs);
}
