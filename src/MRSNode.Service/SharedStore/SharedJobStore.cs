using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using MRSNode.Service.Spool;

namespace MRSNode.Service.SharedStore;

/// <summary>What a job's outputs in the shared store record about how it ended (outputs/complete.json).</summary>
public sealed record StoredOutcome(string State, string? Verdict, string? Error, DateTimeOffset FinishedUtc)
{
    public const string Done = "done", Failed = "failed";
}

/// <summary>
/// The folder every role reaches (Queue:SharedStore, an NFS/SMB mount): jobs/&lt;id&gt;/ with job.json and inputs/ as
/// the intake forwarded them, jobs/&lt;id&gt;/outputs/ once a worker finished (complete.json inside: the finished
/// marker), failed/&lt;id&gt;.txt for a payload no worker could trust, sent/ (<see cref="SentLedger"/>). Everything is
/// written as the job spool writes: into .tmp/, each file fsynced, then one rename, so a folder is whole or absent.
/// </summary>
public sealed partial class SharedJobStore
{
    public const string CompleteFile = "complete.json";
    private static readonly JsonSerializerOptions _json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, WriteIndented = true };

    public SharedJobStore(string root)
    {
        Root = Path.GetFullPath(root);
        Directory.CreateDirectory(Path.Combine(Root, "jobs"));
        Directory.CreateDirectory(Path.Combine(Root, "failed"));
        Directory.CreateDirectory(Temp);
    }

    public string Root { get; }

    private string Temp => Path.Combine(Root, ".tmp");

    /// <summary>A message's id must be a job id (it becomes a folder name): letters, digits, '-', 'T', no dots or slashes.</summary>
    public static bool IsJobId(string? id) => id is not null && JobIdPattern().IsMatch(id);

    /// <summary>The store path a jobs message carries for <paramref name="id"/>.</summary>
    public static string JobPath(string id) => $"jobs/{id}";

    /// <summary>The store path an exports message carries for <paramref name="id"/>.</summary>
    public static string OutputsPath(string id) => $"jobs/{id}/{JobSpool.OutputsFolder}";

    public string JobFolder(string id) => Path.Combine(Root, "jobs", Checked(id));

    public string OutputsFolder(string id) => Path.Combine(JobFolder(id), JobSpool.OutputsFolder);

    public bool HasJob(string id) => File.Exists(Path.Combine(JobFolder(id), JobSpool.ManifestFile));

    /// <summary>True once a worker's outputs are complete: the finished marker a redelivery is recognised by.</summary>
    public bool HasOutputs(string id) => File.Exists(Path.Combine(OutputsFolder(id), CompleteFile));

    /// <summary>
    /// Copies a local job (job.json, inputs/) into jobs/&lt;id&gt;/ and returns its <see cref="PayloadHash"/>. A job already
    /// there (forwarded before a crash or a broker outage) is kept: the same local job made it.
    /// </summary>
    public string ImportJob(string id, string localJobFolder)
    {
        var target = JobFolder(id);
        if (!Directory.Exists(target))
        {
            var stage = Stage(id);
            try
            {
                DurableFile.Copy(Path.Combine(localJobFolder, JobSpool.ManifestFile), Path.Combine(stage, JobSpool.ManifestFile));
                var inputs = Directory.CreateDirectory(Path.Combine(stage, JobSpool.InputsFolder)).FullName;
                var localInputs = Path.Combine(localJobFolder, JobSpool.InputsFolder);
                foreach (var file in Directory.Exists(localInputs) ? Directory.GetFiles(localInputs) : [])
                {
                    DurableFile.Copy(file, Path.Combine(inputs, Path.GetFileName(file)));
                }
                Publish(stage, target);
            }
            finally
            {
                DeleteIfPresent(stage);
            }
        }
        return PayloadHash.OfJob(target);
    }

    /// <summary>
    /// Files a finished job's outputs (the files in <paramref name="localOutputs"/>, none when null) with complete.json,
    /// and returns the outputs' <see cref="PayloadHash"/>. When another worker filed them first, theirs stay
    /// (both rendered the same UIDs from the same inputs) and their hash is returned.
    /// </summary>
    public string WriteOutputs(string id, string? localOutputs, StoredOutcome outcome)
    {
        var target = OutputsFolder(id);
        if (!HasOutputs(id))
        {
            var stage = Stage(id);
            try
            {
                foreach (var file in localOutputs is not null && Directory.Exists(localOutputs) ? Directory.GetFiles(localOutputs) : [])
                {
                    DurableFile.Copy(file, Path.Combine(stage, Path.GetFileName(file)));
                }
                DurableFile.WriteText(Path.Combine(stage, CompleteFile), JsonSerializer.Serialize(outcome, _json));
                Directory.CreateDirectory(JobFolder(id)); // a job failed at assembly may have no folder of its own yet
                Publish(stage, target);
            }
            finally
            {
                DeleteIfPresent(stage);
            }
        }
        return OutputsHash(id);
    }

    /// <summary>The <see cref="PayloadHash"/> of a job's filed outputs (what its export message carries).</summary>
    public string OutputsHash(string id) => PayloadHash.OfFolder(OutputsFolder(id));

    public StoredOutcome? Outcome(string id)
    {
        var path = Path.Combine(OutputsFolder(id), CompleteFile);
        return File.Exists(path) ? JsonSerializer.Deserialize<StoredOutcome>(File.ReadAllText(path), _json) : null;
    }

    /// <summary>The DICOM objects among a job's stored outputs, in name order.</summary>
    public IReadOnlyList<string> OutputFiles(string id) =>
        [.. Directory.GetFiles(OutputsFolder(id)).Where(f => f.EndsWith(".dcm", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase)).Order(StringComparer.Ordinal)];

    /// <summary>Records that a job's payload could not be used (failed/&lt;id&gt;.txt); the first reason stays.</summary>
    public void RecordFailed(string id, string reason)
    {
        var path = Path.Combine(Root, "failed", Checked(id) + ".txt");
        if (!File.Exists(path))
        {
            DurableFile.WriteText(path, DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture) + " " + Observability.ErrorText.Clean(reason) + Environment.NewLine);
        }
    }

    public string? FailedReason(string id)
    {
        var path = Path.Combine(Root, "failed", Checked(id) + ".txt");
        return File.Exists(path) ? File.ReadAllText(path).Trim() : null;
    }

    public int FailedCount => Directory.GetFiles(Path.Combine(Root, "failed"), "*.txt").Length;

    private string Stage(string id) => Directory.CreateDirectory(Path.Combine(Temp, id + "-" + Guid.NewGuid().ToString("N")[..8])).FullName;

    /// <summary>One rename makes the staged folder visible; losing the race to another node is not an error.</summary>
    private static void Publish(string stage, string target)
    {
        DirectorySync.Flush(stage);
        try
        {
            Directory.Move(stage, target);
        }
        catch (IOException) when (Directory.Exists(target))
        {
            return; // another node filed it first
        }
        DirectorySync.FlushParents(stage, target);
    }

    private static void DeleteIfPresent(string folder)
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string Checked(string id) => IsJobId(id) ? id : throw new ArgumentException($"'{Observability.ErrorText.Clean(id)}' is not a job id");

    [GeneratedRegex("^[0-9A-Za-z][0-9A-Za-z_-]{0,127}$", RegexOptions.CultureInvariant)]
    private static partial Regex JobIdPattern();
}
