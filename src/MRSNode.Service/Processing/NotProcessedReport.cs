using MRSNode.Pipeline;
using MRSNode.Pipeline.Composition;
using MRSNode.Service.Export;
using MRSNode.Service.Spool;

namespace MRSNode.Service.Processing;

/// <summary>
/// A study the node cannot quantify still gets its SR, PDF and capture, saying "not usable" and why, so the
/// radiologist sees the reason in the PACS: for a job that failed in a worker (<see cref="JobRunner"/>) and for one
/// refused when its study was assembled (an object no reader accepts). Best effort: the job fails visibly (inputs
/// kept) either way.
/// </summary>
public sealed class NotProcessedReport(IOutputPublisher outbox, PipelineSettings settings)
{
    /// <summary>Renders (once: outputs/ is kept) and publishes the report of the job in <paramref name="folder"/>.</summary>
    /// <returns>Why no report was published, or null.</returns>
    public string? Publish(string id, string folder, JobManifest manifest, string reason)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        try
        {
            var outputs = Path.Combine(folder, JobSpool.OutputsFolder);
            if (!Directory.Exists(outputs))
            {
                if (OutputWriter.RenderNotProcessed(Request(folder, manifest), reason) is not { } report)
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
            outbox.Publish(id, Directory.GetFiles(outputs).Order(StringComparer.Ordinal).ToList());
            return null;
        }
#pragma warning disable CA1031 // the failure report is a courtesy; the job's own failure is what must be recorded
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return ex.Message;
        }
    }

    /// <summary>
    /// The job's files and the node's settings alone, whatever a sidecar holds. A job refused at assembly names no
    /// metabolite files: its objects stand in, for the study they belong to.
    /// </summary>
    private QuantificationRequest Request(string folder, JobManifest manifest)
    {
        var inputs = Path.Combine(folder, JobSpool.InputsFolder);
        var sources = manifest.MetaboliteFiles.Count > 0 ? manifest.MetaboliteFiles : manifest.InputFiles;
        if (sources.Count == 0)
        {
            throw new QuantificationException("the job has no input objects");
        }
        return settings.Request(
            [.. sources.Select(f => Path.Combine(inputs, f))],
            [.. manifest.WaterFiles.Select(f => Path.Combine(inputs, f))]) with { Notes = manifest.Notes };
    }
}
