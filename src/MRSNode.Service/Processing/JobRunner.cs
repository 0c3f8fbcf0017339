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
/// to failed/ with error.txt, inputs kept: an input problem (<see cref="InputProblemException"/>) with a "not
/// processed" report, anything else as an internal error. A stop (cancellation) is rethrown for the worker to requeue.
/// </summary>
public sealed class JobRunner
{
    private readonly JobSpool _jobs;
    private readonly Outbox _outbox;
    private readonly NodeOptions _options;
    private readonly ComposedPipeline _pipeline;

    /// <param name="pipeline">This worker's pipeline (composed once, at start-up, from the node's Processing options).</param>
    public JobRunner(JobSpool jobs, Outbox outbox, NodeOptions options, ComposedPipeline pipeline)
    {
        _jobs = jobs;
        _outbox = outbox;
        _options = options;
        _pipeline = pipeline;
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
            return Fail(id, manifest.StudyInstanceUid,
                $"the node stopped while this job ran {starts - 1} times (Processing:MaxStarts {_options.Processing.MaxStarts}); not started again");
        }
        try
        {
            var outputs = Path.Combine(folder, JobSpool.OutputsFolder);
            if (!Directory.Exists(outputs))
            {
                var request = Request(folder, manifest);
                var outcome = _pipeline.Run(request, cancellationToken);
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
            var reportProblem = PublishNotProcessed(id, folder, manifest, ex.Message);
            return Fail(id, manifest.StudyInstanceUid, reportProblem is null ? ex.Message : $"{ex.Message} (and no not-processed report: {reportProblem})");
        }
#pragma warning disable CA1031 // A bug must fail this job visibly (inputs kept), not take the worker down with it.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return Fail(id, manifest.StudyInstanceUid, $"internal error ({ex.GetType().Name}): {ex.Message}");
        }
    }

    /// <summary>The job's request with the study's tissue fractions (a sidecar that cannot be read is an input problem).</summary>
    private QuantificationRequest Request(string folder, JobManifest manifest) =>
        StudyTissueSidecar.Apply(FilesRequest(folder, manifest), _options.Processing.TissueFractionsFolder, manifest.StudyInstanceUid);

    /// <summary>The job's files and the node's settings alone: what a "not processed" report needs, whatever the sidecar holds.</summary>
    private QuantificationRequest FilesRequest(string folder, JobManifest manifest)
    {
        var inputs = Path.Combine(folder, JobSpool.InputsFolder);
        if (manifest.MetaboliteFiles.Count == 0)
        {
            throw new QuantificationException("the job has no metabolite acquisition");
        }
        return _pipeline.Settings.Request(
            [.. manifest.MetaboliteFiles.Select(f => Path.Combine(inputs, f))],
            [.. manifest.WaterFiles.Select(f => Path.Combine(inputs, f))]) with { Notes = manifest.Notes };
    }

    /// <summary>
    /// A study the node cannot quantify still gets its SR, PDF and capture, saying "not usable" and why, so the
    /// radiologist sees the reason in the PACS. Best effort: the job fails visibly (inputs kept) either way;
    /// returns why no report was published, or null.
    /// </summary>
    private string? PublishNotProcessed(string id, string folder, JobManifest manifest, string reason)
    {
        try
        {
            var outputs = Path.Combine(folder, JobSpool.OutputsFolder);
            if (!Directory.Exists(outputs))
            {
                if (OutputWriter.RenderNotProcessed(FilesRequest(folder, manifest), reason) is not { } report)
                {
                    return "the inputs carry no DICOM study";
                }
                var staged = outputs + ".partial";
                if (Directory.Exists(staged))
                {
                    Directory.Delete(staged, recursive: true);
                }
                OutputWriter.Save(report, staged);
                Directory.Move(staged, outputs);
            }
            _outbox.Publish(id, Directory.GetFiles(outputs).Order(StringComparer.Ordinal).ToList());
            return null;
        }
#pragma warning disable CA1031 // the failure report is a courtesy; the job's own failure is what must be recorded
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return ex.Message;
        }
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
