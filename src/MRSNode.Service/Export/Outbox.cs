using System.Globalization;
using MRSNode.Service.Configuration;
using MRSNode.Service.Spool;

namespace MRSNode.Service.Export;

/// <summary>
/// The durable outbox. Without destinations a job's .dcm and .pdf outputs stay in outbox/&lt;job&gt;/ (the embedded
/// default). With destinations each one gets outbox/&lt;Name&gt;/&lt;job&gt;/, one file per object: a file is deleted
/// only after the destination's success status, a job folder emptied that way is renamed to .sent/&lt;job&gt; (the
/// ledger that makes publishing again after a crash a no-op), and an object refused too often goes to
/// dead-letter/&lt;job&gt;/ with the reason beside it. Publishing is staged and renamed, so it is all or nothing.
/// </summary>
public sealed class Outbox : IOutputPublisher
{
    public const string SentFolder = ".sent";
    public const string DeadLetterFolder = "dead-letter";
    private const string AttemptsSuffix = ".attempts";

    /// <summary>Beside an object the destination acknowledged, written durably before the object is deleted.</summary>
    public const string SentSuffix = ".sent";

    private readonly string _staging;
    private readonly IReadOnlyList<string> _destinations;

    public Outbox(string dataDirectory, IEnumerable<DestinationOptions> destinations)
    {
        ArgumentNullException.ThrowIfNull(destinations);
        Root = Path.Combine(dataDirectory, "outbox");
        _staging = Path.Combine(Root, ".staging");
        _destinations = [.. destinations.Select(d => d.Name)];
        Directory.CreateDirectory(_staging);
        foreach (var name in _destinations)
        {
            Directory.CreateDirectory(Path.Combine(Root, name, SentFolder));
            Directory.CreateDirectory(Path.Combine(Root, name, DeadLetterFolder));
        }
    }

    public string Root { get; }

    public IReadOnlyList<string> Destinations => _destinations;

    /// <summary>Where one destination's pending objects lie.</summary>
    public string DestinationFolder(string destination) => Path.Combine(Root, destination);

    /// <summary>
    /// Puts a job's outputs in the outbox: .dcm files for every destination, .dcm and .pdf in outbox/&lt;job&gt;/ when
    /// there is none. A destination that has the job already (pending, sent or dead-lettered) is skipped, so
    /// publishing again after a crash never sends an object twice.
    /// </summary>
    public void Publish(string jobId, IReadOnlyList<string> outputFiles)
    {
        ArgumentNullException.ThrowIfNull(outputFiles);
        if (_destinations.Count == 0)
        {
            PublishTo(Path.Combine(Root, jobId), jobId, outputFiles.Where(f => HasExtension(f, ".dcm") || HasExtension(f, ".pdf")));
        }
        foreach (var name in _destinations)
        {
            var folder = DestinationFolder(name);
            if (Directory.Exists(Path.Combine(folder, SentFolder, jobId)) || Directory.Exists(Path.Combine(folder, DeadLetterFolder, jobId)))
            {
                continue;
            }
            PublishTo(Path.Combine(folder, jobId), jobId, outputFiles.Where(f => HasExtension(f, ".dcm")));
        }
    }

    private void PublishTo(string target, string jobId, IEnumerable<string> files)
    {
        if (Directory.Exists(target))
        {
            return;
        }
        var stage = Path.Combine(_staging, jobId + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(stage);
        try
        {
            foreach (var file in files)
            {
                DurableFile.Copy(file, Path.Combine(stage, Path.GetFileName(file)));
            }
        }
        catch (IOException)
        {
            Directory.Delete(stage, recursive: true); // a full disk: give the space back now, the job publishes again
            throw;
        }
        Directory.Move(stage, target);
        DirectorySync.FlushParents(stage, target);
    }

    /// <summary>At start-up: staging left by a crash was never published; remove it (the job publishes again).</summary>
    public void Recover()
    {
        foreach (var stage in Directory.GetDirectories(_staging))
        {
            Directory.Delete(stage, recursive: true);
        }
    }

    /// <summary>A destination's pending objects, oldest job first; job folders emptied by a crash are filed as sent.</summary>
    public IReadOnlyList<string> Pending(string destination)
    {
        var items = new List<string>();
        foreach (var job in JobFolders(destination))
        {
            foreach (var acknowledged in Directory.GetFiles(job, "*.dcm" + SentSuffix))
            {
                Forget(acknowledged[..^SentSuffix.Length]); // a stop between the acknowledgement and the delete: never sent again
            }
            var files = Directory.GetFiles(job, "*.dcm").Order(StringComparer.Ordinal).ToList();
            if (files.Count == 0)
            {
                CloseJob(destination, job);
            }
            items.AddRange(files);
        }
        return items;
    }

    public int PendingCount(string destination) => JobFolders(destination).Sum(j => Directory.GetFiles(j, "*.dcm").Length);

    public int DeadLetterCount(string destination) =>
        Directory.GetFiles(Path.Combine(DestinationFolder(destination), DeadLetterFolder), "*.dcm", SearchOption.AllDirectories).Length;

    /// <summary>Jobs whose results wait in the local outbox (no destinations).</summary>
    public int LocalJobCount => Directory.GetDirectories(Root).Count(d => !Path.GetFileName(d).StartsWith('.') && !_destinations.Contains(Path.GetFileName(d)));

    /// <summary>
    /// The destination acknowledged the object: it leaves the outbox (and its job folder, when it was the last). The
    /// acknowledgement is made durable first (&lt;object&gt;.sent, fsynced), so a kill before the delete does not send
    /// the object again after the restart; only a kill between the PACS's response and that write can, and then the
    /// resend is the same file, the same UIDs and bytes, which a PACS stores as the same instance.
    /// </summary>
    public void MarkSent(string destination, string item)
    {
        DurableFile.WriteText(item + SentSuffix, DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
        Forget(item);
        var job = Path.GetDirectoryName(item)!;
        if (Directory.GetFiles(job, "*.dcm").Length == 0)
        {
            CloseJob(destination, job);
        }
    }

    /// <summary>Deletes an acknowledged object, then its marker: the marker outlives the object on disk in every order a crash can leave.</summary>
    private static void Forget(string item)
    {
        File.Delete(item);
        File.Delete(item + AttemptsSuffix);
        DirectorySync.Flush(Path.GetDirectoryName(item)!);
        File.Delete(item + SentSuffix);
    }

    /// <summary>Counts one refusal of an object and returns the count so far (kept beside it, so it survives restarts).</summary>
    /// <summary>(refusals so far, when the last one was) for an item; (0, null) when it was never refused.</summary>
    public static (int Attempts, DateTime? LastUtc) Attempts(string item)
    {
        var path = item + AttemptsSuffix;
        if (!File.Exists(path))
        {
            return (0, null);
        }
        return (int.TryParse(File.ReadAllText(path), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 0, File.GetLastWriteTimeUtc(path));
    }

    public static int CountAttempt(string item)
    {
        var path = item + AttemptsSuffix;
        int attempts = (File.Exists(path) && int.TryParse(File.ReadAllText(path), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 0) + 1;
        File.WriteAllText(path, attempts.ToString(CultureInfo.InvariantCulture));
        return attempts;
    }

    /// <summary>Gives up on an object: it moves to dead-letter/&lt;job&gt;/ with the reason in a .error.txt beside it.</summary>
    public string DeadLetter(string destination, string item, string reason)
    {
        var job = Path.GetDirectoryName(item)!;
        var target = Directory.CreateDirectory(Path.Combine(DestinationFolder(destination), DeadLetterFolder, Path.GetFileName(job))).FullName;
        var moved = Path.Combine(target, Path.GetFileName(item));
        DurableFile.WriteText(moved + ".error.txt", reason + Environment.NewLine);
        File.Move(item, moved, overwrite: true);
        DirectorySync.FlushParents(item, moved);
        File.Delete(item + AttemptsSuffix);
        if (Directory.GetFiles(job, "*.dcm").Length == 0)
        {
            CloseJob(destination, job);
        }
        return moved;
    }

    /// <summary>Deletes sent-ledger entries older than the cutoff (their jobs are done and never published again).</summary>
    public int DeleteSentBefore(DateTimeOffset cutoff)
    {
        int deleted = 0;
        foreach (var name in _destinations)
        {
            foreach (var entry in Directory.GetDirectories(Path.Combine(DestinationFolder(name), SentFolder)))
            {
                if (Directory.GetLastWriteTimeUtc(entry) < cutoff.UtcDateTime)
                {
                    Directory.Delete(entry, recursive: true);
                    deleted++;
                }
            }
        }
        return deleted;
    }

    private IEnumerable<string> JobFolders(string destination) =>
        Directory.GetDirectories(DestinationFolder(destination))
            .Where(d => Path.GetFileName(d) is not (SentFolder or DeadLetterFolder))
            .Order(StringComparer.Ordinal);

    private void CloseJob(string destination, string jobFolder)
    {
        var ledger = Path.Combine(DestinationFolder(destination), SentFolder, Path.GetFileName(jobFolder));
        foreach (var leftover in Directory.GetFiles(jobFolder))
        {
            File.Delete(leftover); // attempt counters of objects already gone
        }
        if (Directory.Exists(ledger))
        {
            Directory.Delete(jobFolder);
            return;
        }
        Directory.Move(jobFolder, ledger);
        DirectorySync.FlushParents(jobFolder, ledger);
        Directory.SetLastWriteTimeUtc(ledger, DateTime.UtcNow);
    }

    private static bool HasExtension(string path, string extension) =>
        string.Equals(Path.GetExtension(path), extension, StringComparison.OrdinalIgnoreCase);
}
