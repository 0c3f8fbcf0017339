using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Logging;
using MRSNode.Dicom;
using MRSNode.Dicom.IO;
using MRSNode.Dicom.Network.Dimse;
using MRSNode.Dicom.Network.Scp;
using MRSNode.Service.Configuration;
using MRSNode.Service.Observability;
using MRSNode.Service.Spool;

namespace MRSNode.Service.Intake;

/// <summary>
/// The node's C-STORE sink. Refuses up front — before a byte is written — when the calling host is not allowed
/// (0124) or the disk is below the watermark (A700); otherwise streams the object to the spool through
/// <see cref="FileStoreHandler"/> (temporary file, fsync, rename), files it under its study and only then
/// answers success. Every object, stored or refused, gets an audit line.
/// </summary>
public sealed partial class SpoolStoreHandler : ICStoreHandler
{
    private readonly IntakeSpool _intake;
    private readonly FileStoreHandler _files;
    private readonly AuditTrail _audit;
    private readonly NodeStatus _status;
    private readonly ILogger<SpoolStoreHandler> _logger;
    private readonly HashSet<IPAddress> _allowedHosts;
    private readonly long _minFreeBytes;
    private readonly DicomReadOptions _limits;
    private readonly ConcurrentDictionary<CStoreContext, string> _stored = new(ReferenceEqualityComparer.Instance);

    public SpoolStoreHandler(IntakeSpool intake, NodeOptions options, AuditTrail audit, NodeStatus status, ILogger<SpoolStoreHandler> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _intake = intake;
        _audit = audit;
        _status = status;
        _logger = logger;
        _allowedHosts = [.. options.Node.AllowedCallingHosts.Select(IPAddress.Parse).Select(Normalize)];
        _minFreeBytes = options.Node.MinFreeDiskMegabytes * 1024 * 1024;
        _limits = DicomReadOptions.Identifiers with { MaxInflatedBytes = options.Node.MaxObjectBytes, MaxValueLength = options.Node.MaxObjectBytes };
        _files = new FileStoreHandler(intake.Received);
        _files.Stored += (context, path) => _stored[context] = path;
    }

    public async ValueTask<Stream> OpenAsync(CStoreContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (_allowedHosts.Count > 0 && !(context.RemoteEndPoint is IPEndPoint ip && _allowedHosts.Contains(Normalize(ip.Address))))
        {
            return new RefusedSink(DimseStatus.NotAuthorized, "calling host not in Node:AllowedCallingHosts");
        }
        long free = FreeBytes();
        if (free < _minFreeBytes)
        {
            return new RefusedSink(DimseStatus.OutOfResources, $"{free / (1024 * 1024)} MB free on the spool disk, below Node:MinFreeDiskMegabytes {_minFreeBytes / (1024 * 1024)}");
        }
        try
        {
            return new DiskFullGuardStream(await _files.OpenAsync(context, cancellationToken).ConfigureAwait(false));
        }
        catch (IOException ex) when (DiskFull.Is(ex))
        {
            DeleteOrphanedHeaders();
            return new RefusedSink(DimseStatus.OutOfResources, DiskFullReason);
        }
    }

    public async ValueTask<DimseStatus> CompleteAsync(CStoreContext context, Stream dataSet, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(dataSet);
        var rq = context.Request;
        if (dataSet is RefusedSink refused)
        {
            context.ErrorComment = refused.Reason;
            Audit(context, "refused", refused.Status, null, refused.Reason);
            LogRefused(rq.AffectedSopInstanceUid, context.CallingAeTitle, refused.Status.Code, refused.Reason);
            return refused.Status;
        }
        if (dataSet is DiskFullGuardStream { Failure: not null } full)
        {
            _files.Abandon(context, full.Inner); // the partial file goes now, not at the next start
            Audit(context, "refused", DimseStatus.OutOfResources, null, DiskFullReason);
            LogRefused(rq.AffectedSopInstanceUid, context.CallingAeTitle, DimseStatus.OutOfResources.Code, DiskFullReason);
            return DimseStatus.OutOfResources;
        }
        var status = await _files.CompleteAsync(context, dataSet is DiskFullGuardStream guard ? guard.Inner : dataSet, cancellationToken).ConfigureAwait(false);
        if (!status.IsSuccess || !_stored.TryRemove(context, out var received))
        {
            Audit(context, "refused", status, null, "could not be written to the spool");
            return status.IsSuccess ? DimseStatus.OutOfResources : status;
        }
        if (RefuseDeflateBomb(context, received) is { } bomb)
        {
            return bomb;
        }
        IntakeSpool.ObjectIdentity identity;
        string? duplicate = null;
        try
        {
            identity = IntakeSpool.Identify(received, rq.AffectedSopInstanceUid, _limits);
            duplicate = _intake.File(received, rq.AffectedSopInstanceUid, identity).Outcome switch
            {
                IntakeSpool.FilingOutcome.Duplicate => "the study holds this SOP Instance UID with the same bytes already: stored once",
                IntakeSpool.FilingOutcome.Replaced => "the study held this SOP Instance UID with other bytes: replaced by this latest object",
                _ => null,
            };
        }
        catch (IOException ex)
        {
            // Durable in .received already; filed by study at the next start.
            LogFileLater(rq.AffectedSopInstanceUid, ex.Message);
            identity = new IntakeSpool.ObjectIdentity("", null, null);
        }
        Audit(context, "received", status, identity.StudyInstanceUid, duplicate);
        _status.ObjectReceived();
        LogReceived(rq.AffectedSopInstanceUid, rq.AffectedSopClassUid, identity.StudyInstanceUid ?? "(unidentified)", context.CallingAeTitle);
        return status;
    }

    /// <summary>
    /// A deflated data set is inflated once, keeping nothing, before it is parsed or acknowledged: past
    /// Node:MaxObjectBytes or the inflate ratio (a deflate bomb) it is deleted and refused with C000.
    /// </summary>
    private DimseStatus? RefuseDeflateBomb(CStoreContext context, string received)
    {
        try
        {
            DicomFile.CheckInflatedSize(received, _limits);
            return null;
        }
        catch (DicomFormatException ex)
        {
            return Discard(context, received, DimseStatus.CannotUnderstand, ex.Reason);
        }
        catch (IOException)
        {
            // The file just written cannot be read back: the disk is failing, so refuse as for a failed write.
            return Discard(context, received, DimseStatus.OutOfResources, "could not be read back from the spool");
        }
    }

    private DimseStatus Discard(CStoreContext context, string received, DimseStatus status, string reason)
    {
        try
        {
            File.Delete(received);
        }
        catch (IOException)
        {
            // Left in .received: filed at the next start within the same limits, and failed visibly then.
        }
        context.ErrorComment = reason;
        Audit(context, "refused", status, null, reason);
        LogRefused(context.Request.AffectedSopInstanceUid, context.CallingAeTitle, status.Code, reason);
        return status;
    }

    public void Abandon(CStoreContext context, Stream dataSet)
    {
        ArgumentNullException.ThrowIfNull(dataSet);
        if (dataSet is RefusedSink)
        {
            dataSet.Dispose();
            return;
        }
        _files.Abandon(context, dataSet is DiskFullGuardStream guard ? guard.Inner : dataSet);
    }

    private const string DiskFullReason = "the spool disk is full (ENOSPC); the partial object was deleted";

    /// <summary>
    /// A full disk can fail the file store's header write after it created the partial file: such a file holds at
    /// most the Part 10 header, so partial files that small are deleted now rather than at the next start. (A file
    /// another association has only just opened may go too; its object is then refused with A700 as well.)
    /// </summary>
    private void DeleteOrphanedHeaders()
    {
        try
        {
            foreach (var part in new DirectoryInfo(Path.Combine(_intake.Received, ".incoming")).EnumerateFiles("*.part"))
            {
                if (part.Length <= MaxHeaderBytes)
                {
                    part.Delete();
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Swept at the next start (IntakeSpool.Recover).
        }
    }

    /// <summary>The preamble, DICM and a file meta group of UIDs and short strings fit well within this.</summary>
    private const int MaxHeaderBytes = 1024;

    private long FreeBytes()
    {
        try
        {
            return new DriveInfo(_intake.Root).AvailableFreeSpace;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return 0; // cannot tell: refuse rather than risk a half-written object
        }
    }

    private void Audit(CStoreContext context, string what, DimseStatus status, string? study, string? detail) =>
        _audit.Write(new AuditEntry(DateTimeOffset.UtcNow, what, context.Request.AffectedSopClassUid, context.Request.AffectedSopInstanceUid, study,
            $"{context.CallingAeTitle}@{context.RemoteEndPoint}", $"0x{status.Code:X4}", detail));

    private static IPAddress Normalize(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "received {SopInstanceUid} ({SopClassUid}) study {StudyInstanceUid} from {CallingAe}")]
    private partial void LogReceived(string sopInstanceUid, string sopClassUid, string studyInstanceUid, string callingAe);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "refused {SopInstanceUid} from {CallingAe} with status {Status:X4}: {Reason}")]
    private partial void LogRefused(string sopInstanceUid, string callingAe, ushort status, string reason);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Warning, Message = "{SopInstanceUid} is stored but could not be filed by study now ({Reason}); it is filed at the next start")]
    private partial void LogFileLater(string sopInstanceUid, string reason);
}
