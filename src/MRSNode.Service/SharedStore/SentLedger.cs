using System.Text;
using MRSNode.Service.Spool;

namespace MRSNode.Service.SharedStore;

/// <summary>
/// The sent ledger every export node shares: &lt;SharedStore&gt;/sent/&lt;destination&gt;/&lt;SOPInstanceUID&gt;, created with
/// FileMode.CreateNew just before the object is sent. Creating it is the claim: of two export nodes holding the same
/// object (a redelivered export message), one creates the file and sends, the other finds it and drops its copy. The
/// file names its owner, so the owner sends again after a crash between claim and acknowledgement (same UIDs, same bytes).
/// </summary>
public sealed class SentLedger
{
    private readonly string _root;

    /// <param name="owner">This export node, stable across restarts (<see cref="NodeIdentity"/>).</param>
    public SentLedger(string sharedStore, string owner)
    {
        _root = Path.Combine(Path.GetFullPath(sharedStore), "sent");
        Owner = owner;
    }

    public string Owner { get; }

    /// <summary>True when this node may send the object (it claimed it now or earlier); false when another node has.</summary>
    public bool TryClaim(string destination, string sopInstanceUid)
    {
        if (!IsUid(sopInstanceUid) || destination.Contains('/', StringComparison.Ordinal) || destination.Contains('\\', StringComparison.Ordinal) || destination.StartsWith('.'))
        {
            throw new ArgumentException($"cannot claim '{sopInstanceUid}' for '{destination}': not a UID or destination name");
        }
        var folder = Directory.CreateDirectory(Path.Combine(_root, destination)).FullName;
        var path = Path.Combine(folder, sopInstanceUid);
        try
        {
            using (var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(Encoding.UTF8.GetBytes(Owner));
                stream.Flush(flushToDisk: true);
            }
            DirectorySync.Flush(folder);
            return true;
        }
        catch (IOException) when (File.Exists(path))
        {
            return string.Equals(ClaimedBy(destination, sopInstanceUid), Owner, StringComparison.Ordinal);
        }
    }

    /// <summary>Who claimed an object for a destination, or null when nobody has.</summary>
    public string? ClaimedBy(string destination, string sopInstanceUid)
    {
        var path = Path.Combine(_root, destination, sopInstanceUid);
        return File.Exists(path) ? File.ReadAllText(path) : null;
    }

    private static bool IsUid(string value) =>
        value.Length is >= 1 and <= 64 && value.All(c => char.IsAsciiDigit(c) || c == '.') && !value.StartsWith('.');
}
