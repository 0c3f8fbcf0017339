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

    /// <summary>Files a durably received object under its study; returns the final path.</summary>
    public string File(string receivedPath, string sopInstanceUid, ObjectIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        lock (_lock)
        {
            var folder = Directory.CreateDirectory(Path.Combine(Root, identity.StudyKey)).FullName;
            var target = UniqueTarget(folder, sopInstanceUid);
            System.IO.File.Move(receivedPath, target);
            DirectorySync.FlushParents(receivedPath, target); // the object's name is on disk before success is answered
            DirectorySync.Flush(Root); // the study folder may be new
            return target;
        }
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

    private static string UniqueTarget(string folder, string sopInstanceUid)
    {
        var safe = SafeName(sopInstanceUid);
        var target = Path.Combine(folder, safe + ".dcm");
        for (int n = 1; System.IO.File.Exists(target); n++)
        {
            target = Path.Combine(folder, $"{safe}.{n}.dcm"); // the same UID sent twice: keep both
        }
        return target;
    }

    /// <summary>UIDs are digits and dots; anything else becomes '_' so a hostile value cannot name a path.</summary>
    public static string SafeName(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var safe = new string(value.Take(64).Select(c => char.IsAsciiDigit(c) || c == '.' ? c : '_').ToArray()).Trim('.');
        return safe.Length == 0 ? "_" : safe;
    }
}
