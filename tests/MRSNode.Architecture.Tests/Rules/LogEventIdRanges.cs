namespace MRSNode.Architecture.Tests.Rules;

/// <summary>
/// Each component's EventId range for its [LoggerMessage] methods, so a log line can be filtered or alerted on by
/// number and two components never collide. A component is a namespace; a new one needs a row here.
/// <code>
///   1000–1099  MRSNode.Service.Intake          DICOM intake (SCP, spool store)
///   1100–1199  MRSNode.Service.Studies         study assembly, job queueing
///   1200–1299  MRSNode.Service.Processing      worker, job runs
///   1300–1399  MRSNode.Service.Export          sending to destinations, dead letters
///   1400–1499  MRSNode.Service.Spool           start-up recovery
///   1500–1599  MRSNode.Service.Maintenance     retention
///   1600–1699  MRSNode.Service.Observability   status page
///   1700–1799  MRSNode.Service.Hosting         Windows service lifetime
///   1800–1899  MRSNode.Service.ScaleOut        roles on several machines: forwarder, job and export consumers
///   2000–2099  MRSNode.Dicom.Network           SCP: failed associations, refused objects, accept loop
///   2100–2199  MRSNode.Pipeline                (none yet)
///   2200–2299  MRSNode.Messaging               work queue: broker connections, publishes, dead letters
/// </code>
/// </summary>
internal static class LogEventIdRanges
{
    public sealed record Range(string Namespace, int First, int Last)
    {
        public bool Contains(int id) => id >= First && id <= Last;

        public override string ToString() => $"{First}–{Last} ({Namespace})";
    }

    public static IReadOnlyList<Range> All { get; } =
    [
        new("MRSNode.Service.Intake", 1000, 1099),
        new("MRSNode.Service.Studies", 1100, 1199),
        new("MRSNode.Service.Processing", 1200, 1299),
        new("MRSNode.Service.Export", 1300, 1399),
        new("MRSNode.Service.Spool", 1400, 1499),
        new("MRSNode.Service.Maintenance", 1500, 1599),
        new("MRSNode.Service.Observability", 1600, 1699),
        new("MRSNode.Service.Hosting", 1700, 1799),
        new("MRSNode.Service.ScaleOut", 1800, 1899),
        new("MRSNode.Dicom.Network", 2000, 2099),
        new("MRSNode.Pipeline", 2100, 2199),
        new("MRSNode.Messaging", 2200, 2299),
    ];

    /// <summary>The range of the component a type belongs to (the longest matching namespace), or null.</summary>
    public static Range? For(string? typeNamespace) =>
        All.Where(r => typeNamespace == r.Namespace || typeNamespace?.StartsWith(r.Namespace + ".", StringComparison.Ordinal) == true)
            .MaxBy(r => r.Namespace.Length);
}
