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
/// </summary>
public sealed class AuditTrail : IDisposable
{
    public const long DefaultMaxBytes = 64L << 20;

    private static readonly JsonSerializerOptions _json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };
    private readonly object _lock = new();
    private readonly long _maxBytes;
    private StreamWriter _writer;

    public AuditTrail(string dataDirectory, long maxBytes = DefaultMaxBytes)
    {
        var folder = Directory.CreateDirectory(Path.Combine(dataDirectory, "audit")).FullName;
        FilePath = Path.Combine(folder, "audit.log");
        _maxBytes = maxBytes;
        _writer = Open(FilePath);
    }

    public string FilePath { get; }

    public void Write(AuditEntry entry)
    {
        var line = JsonSerializer.Serialize(entry, _json);
        lock (_lock)
        {
            if (_writer.BaseStream.Length >= _maxBytes)
            {
                Roll();
            }
            _writer.WriteLine(line);
        }
    }

    /// <summary>The rolled files and the current one, oldest first (every line the trail ever wrote).</summary>
    public IReadOnlyList<string> Files() =>
        [.. Directory.GetFiles(Path.GetDirectoryName(FilePath)!, "audit-*.log").Order(StringComparer.Ordinal), FilePath];

    private void Roll()
    {
        _writer.Dispose();
        var stamp = DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmssfffffff", System.Globalization.CultureInfo.InvariantCulture);
        File.Move(FilePath, Path.Combine(Path.GetDirectoryName(FilePath)!, $"audit-{stamp}.log"));
        _writer = Open(FilePath);
    }

    private static StreamWriter Open(string path) =>
        new(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };

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
            _writer.Dispose();
        }
    }
}
