using System.Globalization;

namespace MRSNode.Service.Spool;

/// <summary>
/// The durable job queue: one folder per job (job.json, inputs/, outputs/, error.txt), its state being the
/// folder it lies in. Every state change is one directory rename, so a kill -9 at any instant leaves each
/// job whole in exactly one state; <see cref="RecoverInterrupted"/> puts running jobs back in the queue.
/// </summary>
public sealed class JobSpool
{
    public const string ManifestFile = "job.json";
    public const string InputsFolder = "inputs";
    public const string OutputsFolder = "outputs";
    public const string ErrorFile = "error.txt";
    public const string StartsFile = "starts.txt";
    public const string FinishedFile = "finished.txt";
    /// <summary>Marks a job interrupted by a crash together with others: it runs alone until it ends (see <see cref="RecoverInterrupted"/>).</summary>
    public const string RunAloneFile = "run-alone.txt";
    /// <summary>An intake's job handed to the shared store and the broker (Node:Role intake): in done/, or in failed/ for one failed at assembly.</summary>
    public const string ForwardedFile = "forwarded.txt";

    private readonly object _lock = new();

    public JobSpool(string root)
    {
        Root = Path.GetFullPath(root);
        foreach (var state in Enum.GetValues<JobState>())
        {
            Directory.CreateDirectory(StateFolder(state));
        }
    }

    public string Root { get; }

    public string StateFolder(JobState state) => Path.Combine(Root, state.ToString().ToLowerInvariant());

    public string JobFolder(JobState state, string id) => Path.Combine(StateFolder(state), id);

    /// <summary>The state a job is in, or null if no such job exists.</summary>
    public JobState? Find(string id)
    {
        foreach (var state in Enum.GetValues<JobState>())
        {
            if (Directory.Exists(JobFolder(state, id)))
            {
                return state;
            }
        }
        return null;
    }

    /// <summary>
    /// Creates a job from its inputs (copied and flushed) and queues it — or, with <paramref name="failure"/>,
    /// files it straight under failed/ with that reason, inputs kept. Idempotent: an id that exists already is left alone.
    /// </summary>
    /// <returns>False when a job with this id already existed.</returns>
    public bool Create(JobManifest manifest, IEnumerable<string> inputPaths, string? failure = null)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(inputPaths);
        if (Find(manifest.Id) is not null and not JobState.Incoming)
        {
            return false;
        }
        var folder = JobFolder(JobState.Incoming, manifest.Id);
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true); // a creation cut short: start it again
        }
        var inputs = Directory.CreateDirectory(Path.Combine(folder, InputsFolder)).FullName;
        foreach (var path in inputPaths)
        {
            DurableFile.Copy(path, Path.Combine(inputs, Path.GetFileName(path)));
        }
        DurableFile.WriteText(Path.Combine(folder, ManifestFile), manifest.ToJson());
        if (failure is not null)
        {
            DurableFile.WriteText(Path.Combine(folder, ErrorFile), Observability.ErrorText.Clean(failure) + Environment.NewLine);
            Stamp(folder);
        }
        MoveDurably(folder, JobFolder(failure is null ? JobState.Queued : JobState.Failed, manifest.Id));
        return true;
    }

    /// <summary>
    /// Moves the oldest queued job to running/ and returns its id, or null when the queue is empty or must wait. Jobs
    /// marked to run alone (interrupted by a crash together with others) go first, one at a time with nothing else
    /// running, so that a crash while one of them runs is its own and counts against it alone.
    /// </summary>
    public string? TryStartNext()
    {
        lock (_lock)
        {
            var running = List(JobState.Running);
            if (running.Any(id => RunsAlone(JobState.Running, id)))
            {
                return null;
            }
            var queued = List(JobState.Queued);
            var alone = queued.Where(id => RunsAlone(JobState.Queued, id)).ToList();
            if (alone.Count > 0 && running.Count > 0)
            {
                return null; // wait for the running jobs to end
            }
            foreach (var id in alone.Count > 0 ? alone : queued)
            {
                // The start is recorded before the job reaches running/: a crash right after the move still counts
                // it (the restart budget and "started twice" both read this file), never a job in running/ without it.
                var starts = Path.Combine(JobFolder(JobState.Queued, id), StartsFile);
                try
                {
                    File.AppendAllText(starts, DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture) + Environment.NewLine);
                }
                catch (IOException ex) when (DiskFull.Is(ex))
                {
                    throw; // the job stays in queued/
                }
                catch (IOException)
                {
                    continue; // taken or removed meanwhile
                }
                try
                {
                    MoveDurably(JobFolder(JobState.Queued, id), JobFolder(JobState.Running, id));
                }
                catch (IOException)
                {
                    continue; // taken or removed meanwhile
                }
                return id;
            }
            return null;
        }
    }

    /// <summary>True when a job waits or runs under <see cref="RunAloneFile"/>.</summary>
    public bool RunsAlone(JobState state, string id) => File.Exists(Path.Combine(JobFolder(state, id), RunAloneFile));

    /// <summary>How many times a job has been started and the node died while it alone ran (plus the current start).</summary>
    public int Starts(JobState state, string id)
    {
        var path = Path.Combine(JobFolder(state, id), StartsFile);
        return File.Exists(path) ? File.ReadAllLines(path).Count(l => l.Length > 0) : 0;
    }

    public void Complete(string id)
    {
        var folder = JobFolder(JobState.Running, id);
        Stamp(folder);
        MoveDurably(folder, JobFolder(JobState.Done, id));
    }

    /// <summary>
    /// Intake role: a queued job is in the shared store and the broker confirmed its message, so it moves to done/
    /// with <see cref="ForwardedFile"/>; a job failed at assembly gets the marker where it is.
    /// </summary>
    public void MarkForwarded(string id)
    {
        lock (_lock)
        {
            if (Directory.Exists(JobFolder(JobState.Failed, id)))
            {
                DurableFile.WriteText(Path.Combine(JobFolder(JobState.Failed, id), ForwardedFile), DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
                return;
            }
            var folder = JobFolder(JobState.Queued, id);
            DurableFile.WriteText(Path.Combine(folder, ForwardedFile), DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
            Stamp(folder);
            MoveDurably(folder, JobFolder(JobState.Done, id));
        }
    }

    public bool IsForwarded(JobState state, string id) => File.Exists(Path.Combine(JobFolder(state, id), ForwardedFile));

    /// <summary>
    /// Worker role at start-up: the broker, not this spool, holds the work. Jobs not finished here are deleted (their
    /// messages were not acknowledged, so the broker delivers them again, here or to another worker).
    /// </summary>
    /// <returns>The ids deleted.</returns>
    public IReadOnlyList<string> DiscardUnfinished()
    {
        lock (_lock)
        {
            var discarded = new List<string>();
            foreach (var state in new[] { JobState.Incoming, JobState.Queued, JobState.Running })
            {
                foreach (var id in List(state))
                {
                    Directory.Delete(JobFolder(state, id), recursive: true);
                    discarded.Add(id);
                }
            }
            return discarded;
        }
    }

    /// <summary>Files a running job as failed with a readable reason; its inputs stay with it.</summary>
    public void Fail(string id, string reason)
    {
        var folder = JobFolder(JobState.Running, id);
        DurableFile.WriteText(Path.Combine(folder, ErrorFile), Observability.ErrorText.Clean(reason) + Environment.NewLine);
        Stamp(folder);
        MoveDurably(folder, JobFolder(JobState.Failed, id));
    }

    /// <summary>A running job interrupted by a graceful stop goes back to the queue; that start does not count against Processing:MaxStarts.</summary>
    public void Requeue(string id)
    {
        var folder = JobFolder(JobState.Running, id);
        UncountLastStart(folder);
        MoveDurably(folder, JobFolder(JobState.Queued, id));
    }

    private static void UncountLastStart(string folder)
    {
        var starts = Path.Combine(folder, StartsFile);
        if (File.Exists(starts))
        {
            var lines = File.ReadAllLines(starts).Where(l => l.Length > 0).ToList();
            DurableFile.WriteText(starts, string.Concat(lines.Take(lines.Count - 1).Select(l => l + Environment.NewLine)));
        }
    }

    /// <summary>
    /// A running job that hit a full disk goes back to the queue like one stopped gracefully (the start not counted):
    /// its staged outputs are deleted first, to give the space back. When even the start counter cannot be rewritten,
    /// the folder is moved anyway (a rename needs no space): one start too many beats a job stuck in running/.
    /// </summary>
    public void RequeueAfterDiskFull(string id)
    {
        var staged = Path.Combine(JobFolder(JobState.Running, id), OutputsFolder + ".partial");
        if (Directory.Exists(staged))
        {
            Directory.Delete(staged, recursive: true);
        }
        try
        {
            Requeue(id);
        }
        catch (IOException ex) when (DiskFull.Is(ex))
        {
            MoveDurably(JobFolder(JobState.Running, id), JobFolder(JobState.Queued, id));
        }
    }

    /// <summary>
    /// At start-up: jobs left in running/ by a stopped or killed node go back to the queue; half-created
    /// jobs in incoming/ are removed (their study is still in the assembly area and is planned again). A crash with
    /// one job running counts against it (Processing:MaxStarts); with several, none can be blamed: their starts are
    /// not counted and each is marked to run alone (<see cref="TryStartNext"/>), so a crash that comes again is
    /// counted against the job that causes it, never against a study that merely ran beside it.
    /// </summary>
    /// <returns>The ids requeued.</returns>
    public IReadOnlyList<string> RecoverInterrupted()
    {
        lock (_lock)
        {
            foreach (var id in List(JobState.Incoming))
            {
                Directory.Delete(JobFolder(JobState.Incoming, id), recursive: true);
            }
            var requeued = List(JobState.Running);
            foreach (var id in requeued)
            {
                var folder = JobFolder(JobState.Running, id);
                if (requeued.Count > 1)
                {
                    UncountLastStart(folder);
                    DurableFile.WriteText(Path.Combine(folder, RunAloneFile), "interrupted by a crash while other jobs ran" + Environment.NewLine);
                }
                MoveDurably(folder, JobFolder(JobState.Queued, id));
            }
            return requeued;
        }
    }

    /// <summary>Job ids in a state, oldest first (ids start with their creation time).</summary>
    public IReadOnlyList<string> List(JobState state) =>
        [.. Directory.EnumerateDirectories(StateFolder(state)).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)];

    public int Count(JobState state) => Directory.EnumerateDirectories(StateFolder(state)).Count();

    public JobManifest Manifest(JobState state, string id) =>
        JobManifest.FromJson(File.ReadAllText(Path.Combine(JobFolder(state, id), ManifestFile)));

    /// <summary>When a job reached done/ or failed/ (for retention and the status page).</summary>
    public DateTimeOffset? FinishedUtc(JobState state, string id)
    {
        var path = Path.Combine(JobFolder(state, id), FinishedFile);
        return File.Exists(path) ? File.GetLastWriteTimeUtc(path) : null;
    }

    /// <summary>Deletes done jobs finished before <paramref name="cutoff"/>; returns how many.</summary>
    public int DeleteDoneBefore(DateTimeOffset cutoff)
    {
        int deleted = 0;
        foreach (var id in List(JobState.Done))
        {
            if (FinishedUtc(JobState.Done, id) is { } finished && finished < cutoff)
            {
                Directory.Delete(JobFolder(JobState.Done, id), recursive: true);
                deleted++;
            }
        }
        return deleted;
    }

    /// <summary>A sortable, unique job id: creation time then random hex.</summary>
    public static string NewId() =>
        DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmssfff", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..8];

    private static void Stamp(string folder) =>
        DurableFile.WriteText(Path.Combine(folder, FinishedFile), DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));

    /// <summary>A state change by rename, made durable (both directories flushed) before the caller goes on.</summary>
    private static void MoveDurably(string from, string to)
    {
        Directory.Move(from, to);
        DirectorySync.FlushParents(from, to);
    }
}
