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
/// </summary>
public sealed class AuditTrail : IDisposable
{
    private static readonly JsonSerializerOptions _json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };
    private readonly object _lock = new();
    private readonly StreamWriter _writer;

    public AuditTrail(string dataDirectory)
    {
        var folder = Directory.CreateDirectory(Path.Combine(dataDirectory, "audit")).FullName;
        FilePath = Path.Combine(folder, "audit.log");
        _writer = new StreamWriter(new FileStream(FilePath, FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
    }

    public string FilePath { get; }

    public void Write(AuditEntry entry)
    {
        var line = JsonSerializer.Serialize(entry, _json);
        lock (_lock)
        {
            _writer.WriteLine(line);
        }
    }

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
