using System.Security.Cryptography;
using System.Text;

namespace MRSNode.Service.SharedStore;

/// <summary>
/// The SHA-256 a work message carries for its payload: over each file's '/'-separated path relative to the payload
/// folder and that file's own SHA-256, in ordinal path order, so a file renamed, changed, added or missing changes it.
/// </summary>
public static class PayloadHash
{
    /// <summary>A job: job.json and every file under inputs/ (outputs/, added later by a worker, is not part of it).</summary>
    public static string OfJob(string jobFolder)
    {
        var inputs = Path.Combine(jobFolder, Spool.JobSpool.InputsFolder);
        var files = new List<string> { Path.Combine(jobFolder, Spool.JobSpool.ManifestFile) };
        if (Directory.Exists(inputs))
        {
            files.AddRange(Directory.GetFiles(inputs, "*", SearchOption.AllDirectories));
        }
        return Of(jobFolder, files);
    }

    /// <summary>Every file under <paramref name="folder"/>.</summary>
    public static string OfFolder(string folder) => Of(folder, Directory.GetFiles(folder, "*", SearchOption.AllDirectories));

    private static string Of(string root, IEnumerable<string> files)
    {
        using var total = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (relative, path) in files
            .Select(f => (Relative: Path.GetRelativePath(root, f).Replace('\\', '/'), Path: f))
            .OrderBy(f => f.Relative, StringComparer.Ordinal))
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            total.AppendData(Encoding.UTF8.GetBytes(relative + "\n" + Convert.ToHexStringLower(SHA256.HashData(stream)) + "\n"));
        }
        return Convert.ToHexStringLower(total.GetHashAndReset());
    }
}
