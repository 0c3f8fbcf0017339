using System.Text.Json;
using MRSNode.Dicom;
using MRSNode.Pipeline;
using MRSNode.Pipeline.Composition;
using MRSNode.Quantification.Results;
using MRSNode.Service.Configuration;
using MRSNode.Service.Export;
using MRSNode.Service.Spool;

namespace MRSNode.Service.Processing;

/// <summary>How one run of a job ended.</summary>
public sealed record JobResult(string Id, string StudyInstanceUid, bool Succeeded, StudyVerdict? Verdict, string? Error);

/// <summary>
/// Runs one job that is in running/: the shared pipeline (as `mrsnode quantify` runs it) writes the outputs into
/// the job folder (staged, then renamed, so outputs/ exists only complete and a resumed job never makes new
/// UIDs), the outputs are published to the outbox, and the job moves to done/. Anything that goes wrong moves it
/// to failed/ with error.txt, inputs kept, and the PACS gets a "not processed" report: for an input problem
/// (<see cref="InputProblemException"/>) with its reason, for a job over Processing:JobTimeLimitSeconds (cancelled) with
/// the limit, for anything else (a bug) as an internal error naming the job. A stop (the node's cancellation) is
/// rethrown for the worker to requeue.
/// </summary>
public sealed class JobRunner
{
    private readonly JobSpool _jobs;
    private readonly IOutputPublisher _outbox;
    private readonly NodeOptions _options;
    private readonly PipelineSettings _settings;
    private readonly Func<QuantificationRequest, CancellationToken, QuantificationOutcome> _run;
    private readonly NotProcessedReport _notProcessed;

    /// <param name="pipeline">This worker's pipeline (composed once, at start-up, from the node's Processing options).</param>
    public JobRunner(JobSpool jobs, IOutputPublisher outbox, NodeOptions options, ComposedPipeline pipeline)
        : this(jobs, outbox, options, pipeline.Settings, pipeline.Run)
    {
    }

    /// <summary>With the pipeline's run given as a function: tests stand in a failing or never-ending pipeline.</summary>
    internal JobRunner(JobSpool jobs, IOutputPublisher outbox, NodeOptions options, PipelineSettings settings, Func<QuantificationRequest, CancellationToken, QuantificationOutcome> run)
    {
        _jobs = jobs;
        _outbox = outbox;
        _options = options;
        _settings = settings;
        _run = run;
        _notProcessed = new NotProcessedReport(outbox, settings);
    }

    public JobResult Run(string id, CancellationToken cancellationToken)
    {
        var folder = _jobs.JobFolder(JobState.Running, id);
        JobManifest manifest;
        try
        {
            manifest = _jobs.Manifest(JobState.Running, id);
        }
        catch (Exception ex) when (ex is IOException or JsonException)
        {
            return Fail(id, "unknown", $"job.json cannot be read: {ex.Message}");
        }
        int starts = _jobs.Starts(JobState.Running, id);
        if (starts > _options.Processing.MaxStarts)
        {
            var failed = Fail(id, manifest.StudyInstanceUid,
                $"the node stopped while this job ran {starts - 1} times (Processing:MaxStarts {_options.Processing.MaxStarts}); not started again");
            // Reported from failed/: should the report's reading of the inputs kill the node again, the job is not retried.
            _notProcessed.Publish(id, _jobs.JobFolder(JobState.Failed, id), manifest,
                $"the node stopped {starts - 1} times while processing this study (job {id}); it was not processed");
            return failed;
        }
        using var timeLimit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeLimit.CancelAfter(TimeLimit);
        try
        {
            var outputs = Path.Combine(folder, JobSpool.OutputsFolder);
            if (!Directory.Exists(outputs))
            {
                var request = Request(folder, manifest);
                var outcome = _run(request, timeLimit.Token);
                var staged = outputs + ".partial";
                if (Directory.Exists(staged))
                {
                    Directory.Delete(staged, recursive: true);
                }
                OutputWriter.Write(outcome, request, staged);
                Directory.Move(staged, outputs);
            }
            _outbox.Publish(id, Directory.GetFiles(outputs).Order(StringComparer.Ordinal).ToList());
            var verdict = Verdict(outputs); // read before the folder moves to done/
            _jobs.Complete(id);
            return new JobResult(id, manifest.StudyInstanceUid, true, verdict, null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && timeLimit.IsCancellationRequested)
        {
            var reason = $"processing took longer than the limit of {TimeLimit.TotalSeconds:0} s (Processing:JobTimeLimitSeconds); the study was not quantified";
            return FailWithReport(id, folder, manifest, reason, reason);
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (IOException ex) when (DiskFull.Is(ex))
        {
            throw; // not the job's fault: the worker requeues it (WorkerService)
        }
        catch (InputProblemException ex)
        {
            return FailWithReport(id, folder, manifest, ex.Message, ex.Message);
        }
#pragma warning disable CA1031 // A bug must fail this job visibly (inputs kept), not take the worker down with it.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            // The PACS hears of it too, in words that carry no exception text (it may hold header values); the
            // details stay in error.txt and the log under the job id the report names.
            return FailWithReport(id, folder, manifest,
                $"the node could not process the study because of an internal error (job {id}: see the node's log and failed/{id}/error.txt)",
                $"internal error ({ex.GetType().Name}): {ex.Message}");
        }
    }

    private TimeSpan TimeLimit => TimeSpan.FromSeconds(_options.Processing.JobTimeLimitSeconds);

    /// <summary>Publishes the "not processed" report with <paramref name="reportReason"/> and files the job as failed with <paramref name="error"/>.</summary>
    private JobResult FailWithReport(string id, string folder, JobManifest manifest, string reportReason, string error)
    {
        var reportProblem = _notProcessed.Publish(id, folder, manifest, reportReason);
        return Fail(id, manifest.StudyInstanceUid, reportProblem is null ? error : $"{error} (and no not-processed report: {reportProblem})");
    }

    /// <summary>The job's request with the study's tissue fractions (a sidecar that cannot be read is an input problem).</summary>
    private QuantificationRequest Request(string folder, JobManifest manifest) =>
        StudyTissueSidecar.Apply(FilesRequest(folder, manifest), _options.Processing.TissueFractionsFolder, manifest.StudyInstanceUid);

    /// <summary>The job's files and the node's settings.</summary>
    private QuantificationRequest FilesRequest(string folder, JobManifest manifest)
    {
        var inputs = Path.Combine(folder, JobSpool.InputsFolder);
        if (manifest.MetaboliteFiles.Count == 0)
        {
            throw new QuantificationException("the job has no metabolite acquisition");
        }
        return _settings.Request(
            [.. manifest.MetaboliteFiles.Select(f => Path.Combine(inputs, f))],
            [.. manifest.WaterFiles.Select(f => Path.Combine(inputs, f))]) with
        {
            Notes = manifest.Notes,
            ImageFiles = [.. manifest.ImageFiles.Select(f => Path.Combine(inputs, f))],
        };
    }

    private JobResult Fail(string id, string study, string error)
    {
        error = Observability.ErrorText.Clean(error); // what the log, error.txt and the status page show
        _jobs.Fail(id, error);
        return new JobResult(id, study, false, null, error);
    }

    /// <summary>The study verdict from results.json, for the status page.</summary>
    private static StudyVerdict? Verdict(string outputs)
    {
        var results = Path.Combine(outputs, "results.json");
        if (!File.Exists(results))
        {
            return null;
        }
        using var doc = JsonDocument.Parse(File.ReadAllText(results));
        return doc.RootElement.TryGetProperty("verdict", out var v) && v.GetString() is { } word ? StudyVerdicts.TryParse(word) : null;
    }
}
