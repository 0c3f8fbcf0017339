using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using MRSNode.Dicom;
using MRSNode.Dicom.IO;
using MRSNode.Dicom.Network.Scu;
using MRSNode.Service.Configuration;
using MRSNode.Service.Observability;
using MRSNode.Service.SharedStore;

namespace MRSNode.Service.Export;

/// <summary>
/// Sends one destination's outbox with C-STORE, one association per batch. An object leaves the outbox only
/// after a success (or warning) status. A refusal (failure status, or no accepted presentation context for its
/// SOP class) counts against that object alone: it waits the backoff for its refusal count before it is offered
/// again, and after Export:MaxAttempts it moves to the dead-letter folder, so one unstorable object never holds
/// back the others. An unreachable destination counts against no object — the sender backs off exponentially
/// (Export:InitialBackoffSeconds doubling up to MaxBackoffSeconds) and tries again. On an export node of a scaled-out
/// deployment each object is claimed in the shared <see cref="SentLedger"/> before it is sent: one another export node
/// claimed is dropped from this outbox unsent.
/// </summary>
public sealed partial class DestinationSender(DestinationOptions destination, Outbox outbox, NodeOptions options, AuditTrail audit, NodeStatus status, ILogger logger, SentLedger? ledger = null)
{
    private const int BatchSize = 64;
    private DateTimeOffset? _lastSuccess;
    private string? _lastError;
    private int _failures;
    private DateTimeOffset? _nextAttempt;
    private long _sent;

    private string Address => $"{destination.AeTitle}@{destination.Host}:{destination.Port}";

    public async Task RunAsync(CancellationToken ct)
    {
        Report();
        while (!ct.IsCancellationRequested)
        {
            List<string> pending;
            try
            {
                pending = outbox.Pending(destination.Name).Where(ReadyToOffer).ToList();
            }
            catch (IOException ex)
            {
                _lastError = ex.Message;
                pending = [];
            }
            if (pending.Count == 0)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250), ct).ConfigureAwait(false);
                continue;
            }
            try
            {
                await SendBatchAsync(pending.Take(BatchSize).ToList(), ct).ConfigureAwait(false);
                _failures = 0;
                _nextAttempt = null;
            }
#pragma warning disable CA1031 // any failure to deliver is retried with backoff; the objects stay in the outbox
            catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
            {
                _failures++;
                _lastError = ex.Message;
                var delay = Backoff(_failures);
                _nextAttempt = DateTimeOffset.UtcNow + delay;
                LogUnreachable(destination.Name, Address, _failures, delay.TotalSeconds, ex.Message);
                if (_failures == 1)
                {
                    // Once per outage, not per retry: the cause (e.g. which TLS check failed) belongs in the audit trail too.
                    audit.Write(new AuditEntry(DateTimeOffset.UtcNow, "association-failed", null, null, null, $"{destination.Name} {Address}", "-", ex.Message));
                }
                Report();
                await Task.Delay(delay, ct).ConfigureAwait(false);
            }
            Report();
        }
    }

    /// <summary>A refused object is offered again only after the backoff for its number of refusals (a full PACS gets time).</summary>
    private bool ReadyToOffer(string item)
    {
        var (attempts, last) = Outbox.Attempts(item);
        return attempts == 0 || last is null || DateTime.UtcNow - last.Value >= Backoff(attempts);
    }

    /// <summary>Initial × 2^(failures−1), capped.</summary>
    public TimeSpan Backoff(int failures)
    {
        var e = options.Export;
        double seconds = e.InitialBackoffSeconds * Math.Pow(2, Math.Min(failures - 1, 30));
        return TimeSpan.FromSeconds(Math.Min(seconds, e.MaxBackoffSeconds));
    }

    private async Task SendBatchAsync(List<string> items, CancellationToken ct)
    {
        var files = new List<(string Path, DicomFile File)>();
        foreach (var item in items)
        {
            try
            {
                // The header only: StoreAsync(path) streams the data set from disk (an object of any size costs PDU buffers).
                files.Add((item, DicomFile.Open(item, DicomReadOptions.HeaderOnly)));
            }
            catch (DicomFormatException ex)
            {
                DeadLetter(item, null, $"not a readable DICOM file: {ex.Message}");
            }
        }
        if (files.Count == 0)
        {
            return;
        }
        var clientOptions = new DicomClientOptions
        {
            CalledAeTitle = destination.AeTitle,
            CallingAeTitle = options.Export.CallingAeTitle.Length > 0 ? options.Export.CallingAeTitle : options.Node.AeTitle,
            // Loaded per batch so a renewed certificate is used without a restart; a file gone bad counts as unreachable.
            Tls = NodeTls.Client(destination, $"Destinations:{options.Destinations.IndexOf(destination)}:Tls"),
        };
        var contexts = DicomClient.ProposeStorage(files.Select(f => (SopClass(f.File), f.File.TransferSyntax.Uid)));
        await using var client = await DicomClient.ConnectAsync(destination.Host, destination.Port, clientOptions, contexts, ct).ConfigureAwait(false);
        foreach (var (path, file) in files)
        {
            var sopInstance = file.Dataset.GetString(DicomTags.SOPInstanceUID);
            var study = file.Dataset.GetString(DicomTags.StudyInstanceUID);
            if (!client.CanStore(file))
            {
                Refused(path, file, new AuditEntry(DateTimeOffset.UtcNow, "send-failed", SopClass(file), sopInstance, study, $"{destination.Name} {Address}", "-"),
                    $"the destination accepted no presentation context for {DicomUids.NameOf(SopClass(file)) ?? SopClass(file)}");
                continue;
            }
            if (ledger is not null && sopInstance is not null && !ledger.TryClaim(destination.Name, sopInstance))
            {
                // Another export node holds the same object (a redelivered export message) and sends it.
                outbox.MarkSent(destination.Name, path);
                audit.Write(new AuditEntry(DateTimeOffset.UtcNow, "sent-elsewhere", SopClass(file), sopInstance, study, $"{destination.Name} {Address}", "-",
                    $"claimed by {ledger.ClaimedBy(destination.Name, sopInstance)}"));
                LogClaimedElsewhere(sopInstance, destination.Name);
                continue;
            }
            var status = await client.StoreAsync(path, ct).ConfigureAwait(false);
            var entry = new AuditEntry(DateTimeOffset.UtcNow, "sent", SopClass(file), sopInstance, study, $"{destination.Name} {Address}", $"0x{status.Code:X4}");
            if (status.IsSuccess || status.Category == Dicom.Network.Dimse.DimseStatusCategory.Warning)
            {
                audit.Write(entry);
                outbox.MarkSent(destination.Name, path);
                _sent++;
                _lastSuccess = DateTimeOffset.UtcNow;
                LogSent(sopInstance ?? "?", destination.Name, status.Code);
                continue;
            }
            Refused(path, file, entry with { Event = "send-failed" }, $"status 0x{status.Code:X4} ({status})");
        }
        await client.ReleaseAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Counts a refusal against one object; at Export:MaxAttempts it goes to the dead-letter folder.</summary>
    private void Refused(string path, DicomFile file, AuditEntry entry, string why)
    {
        int attempts = Outbox.CountAttempt(path);
        _lastError = $"{entry.SopInstanceUid} refused: {why}";
        if (attempts >= options.Export.MaxAttempts)
        {
            DeadLetter(path, file, $"refused {attempts} times, last: {why}");
        }
        else
        {
            audit.Write(entry with { Detail = $"attempt {attempts} of {options.Export.MaxAttempts}: {why}" });
        }
    }

    private void DeadLetter(string item, DicomFile? file, string reason)
    {
        outbox.DeadLetter(destination.Name, item, reason);
        audit.Write(new AuditEntry(DateTimeOffset.UtcNow, "dead-letter", file is null ? null : SopClass(file), file?.Dataset.GetString(DicomTags.SOPInstanceUID),
            file?.Dataset.GetString(DicomTags.StudyInstanceUID), $"{destination.Name} {Address}", "-", reason));
        LogDeadLetter(Path.GetFileName(item), destination.Name, reason);
    }

    private static string SopClass(DicomFile file) =>
        file.Dataset.GetString(DicomTags.SOPClassUID) ?? file.FileMetaInformation.GetString(DicomTags.MediaStorageSOPClassUID) ?? "";

    private void Report() =>
        status.Destination(new DestinationState(destination.Name, Address, _lastSuccess, _lastError, _failures, _nextAttempt, _sent));

    [LoggerMessage(EventId = 1300, Level = LogLevel.Information, Message = "sent {SopInstanceUid} to {Destination}: status {Status:X4}")]
    private partial void LogSent(string sopInstanceUid, string destination, ushort status);

    [LoggerMessage(EventId = 1301, Level = LogLevel.Warning, Message = "destination {Destination} ({Address}) unreachable, failure {Failures}; next try in {Seconds:F1} s: {Error}")]
    private partial void LogUnreachable(string destination, string address, int failures, double seconds, string error);

    [LoggerMessage(EventId = 1303, Level = LogLevel.Information, Message = "{SopInstanceUid} for {Destination} not sent: another export node claimed it in the shared sent ledger")]
    private partial void LogClaimedElsewhere(string sopInstanceUid, string destination);

    [LoggerMessage(EventId = 1302, Level = LogLevel.Error, Message = "{Item} for {Destination} moved to the dead-letter folder: {Reason}")]
    private partial void LogDeadLetter(string item, string destination, string reason);
}
