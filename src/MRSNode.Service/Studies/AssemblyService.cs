using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MRSNode.Service.Configuration;
using MRSNode.Service.Intake;
using MRSNode.Service.Observability;
using MRSNode.Service.Processing;
using MRSNode.Service.Spool;
using MRSNode.Spectroscopy.Readers;

namespace MRSNode.Service.Studies;

/// <summary>
/// Watches the intake: a study whose last object is older than the settle time is moved to assembly/, planned
/// into jobs (<see cref="StudyAssembler"/>), the jobs are queued, and only then is the assembly folder removed —
/// so a kill at any point plans the same study again into the same job ids, never into duplicates.
/// </summary>
public sealed partial class AssemblyService(IntakeSpool intake, JobSpool jobs, NodeOptions options, WorkSignal signal, NodeStatus status, NotProcessedReport notProcessed, AuditTrail audit, ILogger<AssemblyService> logger)
    : BackgroundService
{
    private readonly StudyAssembler _assembler = new(MrsFormats.Default);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settle = TimeSpan.FromSeconds(options.Processing.SettleSeconds);
        var tick = TimeSpan.FromMilliseconds(Math.Clamp(settle.TotalMilliseconds / 4, 50, 1000));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                intake.TakeSettled(settle, DateTime.UtcNow);
                foreach (var folder in Directory.GetDirectories(intake.AssemblyRoot).Order(StringComparer.Ordinal))
                {
                    PlanAndQueue(folder);
                }
            }
#pragma warning disable CA1031 // keep assembling the other studies; this one is retried at the next tick and logged
            catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
            {
                LogError(ErrorText.Clean(ex.Message));
            }
            try
            {
                await Task.Delay(tick, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private void PlanAndQueue(string folder)
    {
        var id = Path.GetFileName(folder);
        var planned = _assembler.Plan(id, Directory.GetFiles(folder, "*.dcm"));
        foreach (var job in planned)
        {
            if (jobs.Create(job.Manifest, job.InputPaths, job.Failure))
            {
                AuditForeignWater(job);
                if (job.Failure is null)
                {
                    LogQueued(job.Manifest.Id, job.Manifest.StudyInstanceUid, job.Manifest.MetaboliteFiles.Count, job.Manifest.WaterFiles.Count);
                    signal.Pulse();
                }
                else
                {
                    LogRejected(job.Manifest.Id, job.Manifest.StudyInstanceUid, ErrorText.Clean(job.Failure));
                    // A poison object refused here is still reported to the PACS, as a job failed in a worker is.
                    notProcessed.Publish(job.Manifest.Id, jobs.JobFolder(JobState.Failed, job.Manifest.Id), job.Manifest, job.Failure);
                    status.JobFinished(new RecentJob(job.Manifest.Id, job.Manifest.StudyInstanceUid, "failed", null, job.Failure, DateTimeOffset.UtcNow));
                }
            }
        }
        Directory.Delete(folder, recursive: true);
    }

    /// <summary>UIDs and AE titles only: which object was refused for which series, and what differed — never the values.</summary>
    private void AuditForeignWater(PlannedJob job)
    {
        foreach (var water in job.ForeignWater)
        {
            var differs = string.Join(", ", water.Differences);
            audit.Write(new AuditEntry(DateTimeOffset.UtcNow, "water-ignored", water.SopClassUid, water.SopInstanceUid, water.StudyInstanceUid,
                water.CallingAe ?? "(unknown)", "ignored",
                $"not paired with metabolite series {water.MetaboliteSeriesUid} (job {job.Manifest.Id}, sent by {water.MetaboliteCallingAe ?? "(unknown)"}): another {differs}"));
            LogForeignWater(job.Manifest.Id, water.SopInstanceUid ?? "(no UID)", water.CallingAe ?? "(unknown)", differs);
        }
    }

    [LoggerMessage(EventId = 1103, Level = LogLevel.Warning, Message = "job {JobId}: water reference {SopInstanceUid} from {CallingAe} ignored: another {Differences}")]
    private partial void LogForeignWater(string jobId, string sopInstanceUid, string callingAe, string differences);

    [LoggerMessage(EventId = 1100, Level = LogLevel.Information, Message = "job {JobId} queued: study {StudyInstanceUid}, {Metabolite} metabolite and {Water} water object(s)")]
    private partial void LogQueued(string jobId, string studyInstanceUid, int metabolite, int water);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Error, Message = "job {JobId} failed at assembly (study {StudyInstanceUid}): {Reason}")]
    private partial void LogRejected(string jobId, string studyInstanceUid, string reason);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Error, Message = "study assembly error: {Error}")]
    private partial void LogError(string error);
}
