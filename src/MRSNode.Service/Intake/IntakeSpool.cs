using MRSNode.Dicom;
using MRSNode.Dicom.IO;
using MRSNode.Service.Spool;

namespace MRSNode.Service.Intake;

/// <summary>
/// Received objects waiting for their study to settle: intake/&lt;StudyInstanceUID&gt;/&lt;SOPInstanceUID&gt;.dcm.
/// A settled study is taken away by one directory rename into assembly/, under the same lock that files new
/// objects, so an object is either in the study taken or starts a new one — never lost between the two.
/// </summary>
public sealed class IntakeSpool
{
    private readonly object _lock = new();

    public IntakeSpool(string dataDirectory)
    {
        Root = Path.Combine(dataDirectory, "intake");
        Received = Path.Combine(Root, ".received");
        AssemblyRoot = Path.Combine(dataDirectory, "assembly");
        Directory.CreateDirectory(Received);
        Directory.CreateDirectory(AssemblyRoot);
    }

    public string Root { get; }

    /// <summary>Where objects are first written (with their partial files in .incoming/) before they are filed by study.</summary>
    public string Received { get; }

    public string AssemblyRoot { get; }

    /// <summary>What the header says about a received object (UIDs only).</summary>
    public sealed record ObjectIdentity(string StudyKey, string? StudyInstanceUid, string? SeriesInstanceUid);

    /// <summary>How filing went: a new instance, the same bytes again (kept once), or other bytes under the same UID (the latest kept).</summary>
    public enum FilingOutcome
    {
        New,
        Duplicate,
        Replaced,
    }

    /// <summary>Where the object now lies, and whether the study held its SOP Instance UID already.</summary>
    public sealed record Filed(string Path, FilingOutcome Outcome);

    /// <summary>
    /// Files a durably received object under its study. A study holds each SOP Instance UID once: a modality that
    /// retries a C-STORE whose response it missed sends the same object again, and a second copy would be averaged
    /// in twice (65 inputs for a 64-average series). The same bytes are dropped; other bytes replace the held
    /// object (the sender's latest word), and the caller audits it.
    /// </summary>
    public Filed File(string receivedPath, string sopInstanceUid, ObjectIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        lock (_lock)
        {
            var folder = Directory.CreateDirectory(Path.Combine(Root, identity.StudyKey)).FullName;
            var target = Path.Combine(folder, SafeName(sopInstanceUid) + ".dcm");
            var outcome = FilingOutcome.New;
            if (System.IO.File.Exists(target))
            {
                if (SameContent(receivedPath, target))
                {
                    System.IO.File.Delete(receivedPath);
                    DirectorySync.Flush(Path.GetDirectoryName(receivedPath)!);
                    return new Filed(target, FilingOutcome.Duplicate);
                }
                outcome = FilingOutcome.Replaced;
            }
            System.IO.File.Move(receivedPath, target, overwrite: true);
            DirectorySync.FlushParents(receivedPath, target); // the object's name is on disk before success is answered
            DirectorySync.Flush(Root); // the study folder may be new
            return new Filed(target, outcome);
        }
    }

    private static bool SameContent(string a, string b)
    {
        using var first = new FileStream(a, FileMode.Open, FileAccess.Read, FileShare.Read, 1);
        using var second = new FileStream(b, FileMode.Open, FileAccess.Read, FileShare.Read, 1);
        if (first.Length != second.Length)
        {
            return false;
        }
        var x = new byte[81920];
        var y = new byte[81920];
        int n;
        while ((n = first.ReadAtLeast(x, x.Length, throwOnEndOfStream: false)) > 0)
        {
            if (second.ReadAtLeast(y, n, throwOnEndOfStream: false) != n || !x.AsSpan(0, n).SequenceEqual(y.AsSpan(0, n)))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>
    /// Reads the study and series UIDs from the header (within <paramref name="limits"/>, by default
    /// <see cref="DicomReadOptions.Identifiers"/>: no bulk data is read); an unreadable header gets a study of its own.
    /// </summary>
    public static ObjectIdentity Identify(string path, string sopInstanceUid, DicomReadOptions? limits = null)
    {
        try
        {
            var header = DicomFile.Open(path, limits ?? DicomReadOptions.Identifiers).Dataset;
            var study = header.GetString(DicomTags.StudyInstanceUID);
            var series = header.GetString(DicomTags.SeriesInstanceUID);
            if (!string.IsNullOrWhiteSpace(study))
            {
                return new ObjectIdentity(SafeName(study), study, series);
            }
        }
#pragma warning disable CA1031 // whatever the header holds, the object is kept (in a study of its own) and fails visibly later
        catch (Exception)
#pragma warning restore CA1031
        {
            // Kept and failed visibly by the assembler: nothing received is dropped.
        }
        return new ObjectIdentity("unidentified-" + SafeName(sopInstanceUid), null, null);
    }

    /// <summary>Studies whose newest object arrived at least <paramref name="settle"/> ago, moved to assembly/; returns their assembly folders.</summary>
    public IReadOnlyList<string> TakeSettled(TimeSpan settle, DateTime utcNow)
    {
        var taken = new List<string>();
        lock (_lock)
        {
            foreach (var study in Directory.EnumerateDirectories(Root).Where(d => !Path.GetFileName(d).StartsWith('.')).ToList())
            {
                var files = Directory.GetFiles(study);
                if (files.Length > 0 && utcNow - files.Max(System.IO.File.GetLastWriteTimeUtc) < settle)
                {
                    continue;
                }
                var target = Path.Combine(AssemblyRoot, JobSpool.NewId());
                Directory.Move(study, target);
                DirectorySync.FlushParents(study, target);
                taken.Add(target);
            }
        }
        return taken;
    }

    /// <summary>Studies still gathering objects (for the status page).</summary>
    public int PendingStudies => Directory.EnumerateDirectories(Root).Count(d => !Path.GetFileName(d).StartsWith('.'));

    /// <summary>
    /// At start-up: partial files (never acknowledged) are deleted; objects acknowledged but not yet filed by
    /// study (a kill between the two) are filed now. Returns how many were filed.
    /// </summary>
    public int Recover()
    {
        var partial = Path.Combine(Received, ".incoming");
        if (Directory.Exists(partial))
        {
            foreach (var file in Directory.GetFiles(partial))
            {
                System.IO.File.Delete(file);
            }
        }
        int filed = 0;
        foreach (var file in Directory.GetFiles(Received, "*.dcm"))
        {
            var sop = Path.GetFileNameWithoutExtension(file);
            File(file, sop, Identify(file, sop));
            filed++;
        }
        return filed;
    }

    /// <summary>UIDs are digits and dots; anything else becomes '_' so a hostile value cannot name a path.</summary>
    public static string SafeName(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var safe = new string(value.Take(64).Select(c => char.IsAsciiDigit(c) || c == '.' ? c : '_').ToArray()).Trim('.');
        return safe.Length == 0 ? "_" : safe;
    }
}
