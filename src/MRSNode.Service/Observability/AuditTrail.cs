using System.Text.Json;

namespace MRSNode.Service.Observability;

/// <summary>One line of the audit trail: what moved, between whom, with what outcome. UIDs and AE titles only.</summary>
public sealed record AuditEntry(
    DateTimeOffset Time,
    string Event,
    string? SopClassUid,
    string? SopInstanceUid,
    string? StudyInstanceUid,
    string Peer,
    string Status,
    string? Detail = null);

/// <summary>
/// The audit trail: &lt;DataDirectory&gt;/audit/audit.log, one JSON object per line (received, refused,
/// sent, send-failed, dead-letter), appended and flushed line by line so it survives a crash up to the last event.
/// When the file passes its size limit it is renamed audit-&lt;UTC time&gt;.log and a new one started; rolled
/// files are never deleted by the node (an audit trail is kept, archiving is the site's decision).
/// A full disk (ENOSPC) does not make <see cref="Write"/> throw, since the event it records (an object refused
/// for the full disk) must still be answered: a line that could not be written is cut back out of the file (no
/// half line) and kept in memory, up to <see cref="MaxUnwrittenLines"/>, to be written before the next one.
/// </summary>
public sealed class AuditTrail : IDisposable
{
    public const long DefaultMaxBytes = 64L << 20;

    private static readonly JsonSerializerOptions _json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };
    private readonly object _lock = new();
    /// <summary>Lines held while the disk is full; beyond this the oldest are dropped (memory stays bounded).</summary>
    public const int MaxUnwrittenLines = 10_000;

    private readonly long _maxBytes;
    private readonly Queue<string> _unwritten = new();
    private FileStream _file;

    public AuditTrail(string dataDirectory, long maxBytes = DefaultMaxBytes)
    {
        var folder = Directory.CreateDirectory(Path.Combine(dataDirectory, "audit")).FullName;
        FilePath = Path.Combine(folder, "audit.log");
        _maxBytes = maxBytes;
        _file = Open(FilePath);
    }

    public string FilePath { get; }

    /// <summary>Lines waiting for room on the disk.</summary>
    public int UnwrittenLines
    {
        get
        {
            lock (_lock)
            {
                return _unwritten.Count;
            }
        }
    }

    public void Write(AuditEntry entry)
    {
        var line = JsonSerializer.Serialize(entry, _json);
        lock (_lock)
        {
            _unwritten.Enqueue(line);
            while (_unwritten.Count > MaxUnwrittenLines)
            {
                _unwritten.Dequeue();
            }
            try
            {
                if (_file.Length >= _maxBytes)
                {
                    Roll();
                }
                while (_unwritten.TryPeek(out var next))
                {
                    Append(next);
                    _unwritten.Dequeue();
                }
            }
            catch (IOException ex) when (Spool.DiskFull.Is(ex))
            {
                // Kept in _unwritten: written, in order, with the next line once there is room.
            }
        }
    }

    /// <summary>One whole line or nothing: a write cut short by a full disk is truncated away (shrinking needs no space).</summary>
    private void Append(string line)
    {
        long end = _file.Length;
        try
        {
            _file.Position = end;
            _file.Write(System.Text.Encoding.UTF8.GetBytes(line + "\n"));
        }
        catch (IOException)
        {
            _file.SetLength(end);
            throw;
        }
    }

    /// <summary>The rolled files and the current one, oldest first (every line the trail ever wrote).</summary>
    public IReadOnlyList<string> Files() =>
        [.. Directory.GetFiles(Path.GetDirectoryName(FilePath)!, "audit-*.log").Order(StringComparer.Ordinal), FilePath];

    private void Roll()
    {
        _file.Dispose();
        var stamp = DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmssfffffff", System.Globalization.CultureInfo.InvariantCulture);
        var rolled = Path.Combine(Path.GetDirectoryName(FilePath)!, $"audit-{stamp}.log");
        File.Move(FilePath, rolled);
        try
        {
            _file = Open(FilePath);
        }
        catch (IOException)
        {
            File.Move(rolled, FilePath); // no room for a new file: go on in the old one
            _file = Open(FilePath);
            throw;
        }
    }

    /// <summary>Unbuffered: every line reaches the OS when written, as the flushed writer did before.</summary>
    private static FileStream Open(string path) => new(path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.ReadWrite, 0);

    /// <summary>Reads an audit file back (tests, tools).</summary>
    public static IReadOnlyList<AuditEntry> Read(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        var entries = new List<AuditEntry>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                entries.Add(JsonSerializer.Deserialize<AuditEntry>(line, _json)!);
            }
        }
        return entries;
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _file.Dispose();
        }
    }
}
