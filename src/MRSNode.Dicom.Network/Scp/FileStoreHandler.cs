using MRSNode.Dicom.IO;
using MRSNode.Dicom.Network.Dimse;

namespace MRSNode.Dicom.Network.Scp;

/// <summary>
/// Stores each received object as a Part 10 file named by its SOP Instance UID: the meta group is
/// written first (from the command and the negotiated transfer syntax), then the data set bytes as
/// received, unchanged. The file is written under a temporary name, flushed to disk and renamed
/// before success is returned — so a success status always means the object is on disk.
/// </summary>
public sealed class FileStoreHandler : ICStoreHandler
{
    private readonly string _folder;
    private readonly string _incoming;

    public FileStoreHandler(string folder)
    {
        _folder = Path.GetFullPath(folder);
        _incoming = Path.Combine(_folder, ".incoming");
        Directory.CreateDirectory(_incoming);
    }

    /// <summary>
    /// Flush each object to the disk (fsync) before answering success. Always on in the node;
    /// off only to compare like for like with receivers that do not sync (benchmarks).
    /// </summary>
    public bool FlushToDisk { get; init; } = true;

    /// <summary>Raised after an object is durably stored, with its final path.</summary>
    public event Action<CStoreContext, string>? Stored;

    public async ValueTask<Stream> OpenAsync(CStoreContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var partial = Path.Combine(_incoming, Guid.NewGuid().ToString("N") + ".part");
        // No FileStream buffer: data arrives in PDU-sized chunks already.
        var stream = new FileStream(partial, FileMode.CreateNew, FileAccess.Write, FileShare.None, 0, FileOptions.Asynchronous);
        var meta = new DicomDataset()
            .AddOrUpdate(new DicomElement(DicomTags.FileMetaInformationGroupLength, DicomVR.UL, new byte[4])) // computed on write
            .AddOrUpdate<byte>(DicomTags.FileMetaInformationVersion, DicomVR.OB, 0x00, 0x01)
            .AddOrUpdate(DicomTags.MediaStorageSOPClassUID, DicomVR.UI, context.Request.AffectedSopClassUid)
            .AddOrUpdate(ReceivedUid.Element(DicomTags.MediaStorageSOPInstanceUID, context.Request.AffectedSopInstanceUid)) // as received: legacy UIDs are tolerated
            .AddOrUpdate(DicomTags.TransferSyntaxUID, DicomVR.UI, context.TransferSyntaxUid)
            .AddOrUpdate(DicomTags.ImplementationClassUID, DicomVR.UI, DicomUidGenerator.ImplementationClassUid)
            .AddOrUpdate(DicomTags.ImplementationVersionName, DicomVR.SH, DicomUidGenerator.ImplementationVersionName);
        if (context.CallingAeTitle.Length > 0)
        {
            meta.AddOrUpdate(DicomTags.SourceApplicationEntityTitle, DicomVR.AE, context.CallingAeTitle);
        }
        var metaBytes = DicomDatasetSerializer.ToBytes(meta, DicomTransferSyntax.ExplicitVRLittleEndian);
        var header = new byte[132 + metaBytes.Length];
        "DICM"u8.CopyTo(header.AsSpan(128));
        metaBytes.CopyTo(header.AsSpan(132));
        await stream.WriteAsync(header, cancellationToken).ConfigureAwait(false);
        return stream;
    }

    public async ValueTask<DimseStatus> CompleteAsync(CStoreContext context, Stream dataSet, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(dataSet);
        var file = (FileStream)dataSet;
        var partial = file.Name;
        try
        {
            await file.FlushAsync(cancellationToken).ConfigureAwait(false);
            if (FlushToDisk)
            {
                file.Flush(flushToDisk: true);
            }
            await file.DisposeAsync().ConfigureAwait(false);
            var target = UniqueTarget(context.Request.AffectedSopInstanceUid);
            File.Move(partial, target);
            Stored?.Invoke(context, target);
            return DimseStatus.Success;
        }
        catch (IOException)
        {
            // Disk full or failing: refuse (the sender keeps the object and may retry), never claim success.
            TryDelete(partial);
            return DimseStatus.OutOfResources;
        }
    }

    public void Abandon(CStoreContext context, Stream dataSet)
    {
        ArgumentNullException.ThrowIfNull(dataSet);
        var partial = (dataSet as FileStream)?.Name;
        dataSet.Dispose();
        if (partial is not null)
        {
            TryDelete(partial);
        }
    }

    /// <summary>SOP Instance UID as file name; a second object with the same UID is kept beside the first, never overwritten.</summary>
    private string UniqueTarget(string sopInstanceUid)
    {
        var safe = new string(sopInstanceUid.Select(c => char.IsAsciiDigit(c) || c == '.' ? c : '_').ToArray());
        var target = Path.Combine(_folder, safe + ".dcm");
        for (int n = 1; File.Exists(target); n++)
        {
            target = Path.Combine(_folder, $"{safe}.{n}.dcm");
        }
        return target;
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Left for the next start-up sweep of .incoming.
        }
    }
}
