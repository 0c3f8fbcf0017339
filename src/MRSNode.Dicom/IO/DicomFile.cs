using System.IO.Compression;

namespace MRSNode.Dicom.IO;

/// <summary>
/// A DICOM Part 10 file: 128-byte preamble, "DICM", the meta group (explicit VR LE) and the data set
/// in the transfer syntax the meta group names. Also reads bare data sets without preamble or meta group.
/// </summary>
public sealed class DicomFile
{
    public DicomFile(DicomDataset dataset, DicomTransferSyntax? transferSyntax = null)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        Dataset = dataset;
        TransferSyntax = transferSyntax ?? DicomTransferSyntax.ExplicitVRLittleEndian;
        FileMetaInformation = new DicomDataset();
    }

    private DicomFile(DicomDataset meta, DicomDataset dataset, DicomTransferSyntax ts, bool hadPreamble, bool stopped, long datasetOffset)
    {
        DatasetOffset = datasetOffset;
        FileMetaInformation = meta;
        Dataset = dataset;
        TransferSyntax = ts;
        HadPreamble = hadPreamble;
        IsPartial = stopped;
    }

    public DicomDataset FileMetaInformation { get; }
    public DicomDataset Dataset { get; }
    public DicomTransferSyntax TransferSyntax { get; }

    /// <summary>False for a bare data set (no 128-byte preamble and "DICM").</summary>
    public bool HadPreamble { get; }

    /// <summary>Byte offset of the data set in the file it was read from (after preamble and meta group): a sender can stream the rest as is.</summary>
    public long DatasetOffset { get; }

    /// <summary>True when reading stopped early (<see cref="DicomReadOptions.StopBeforeTag"/>): bulk data is absent.</summary>
    public bool IsPartial { get; }

    public static DicomFile Open(string path, DicomReadOptions? options = null)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        return Open(stream, options);
    }

    /// <summary>Reads a file or bare data set; any malformation raises <see cref="DicomFormatException"/>.</summary>
    public static DicomFile Open(Stream stream, DicomReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        options ??= DicomReadOptions.Default;
        var input = new DicomInput(stream);
        var meta = new DicomDataset();
        var dataset = new DicomDataset();

        var head = input.Peek(132);
        bool preamble = head.Length == 132 && head[128] == 'D' && head[129] == 'I' && head[130] == 'C' && head[131] == 'M';
        if (preamble)
        {
            input.Skip(132);
        }
        else if (head.Length >= 4 && head[0] == 'D' && head[1] == 'I' && head[2] == 'C' && head[3] == 'M')
        {
            input.Skip(4); // "DICM" without the preamble
        }
        if (input.AtEnd)
        {
            throw input.Error("no DICOM data");
        }

        new DicomParser(input, new DatasetBuilder(meta), options).ParseMetaGroup();
        DicomTransferSyntax ts;
        if (meta.GetString(DicomTags.TransferSyntaxUID) is { Length: > 0 } uid)
        {
            ts = DicomTransferSyntax.Lookup(uid);
        }
        else if (meta.Count > 0 && input.AtEnd)
        {
            throw input.Error("meta information has no Transfer Syntax UID (0002,0010) and no data set follows");
        }
        else
        {
            ts = DetectSyntax(input);
        }

        long datasetOffset = input.Position;
        if (input.AtEnd)
        {
            return new DicomFile(meta, dataset, ts, preamble, false, datasetOffset);
        }
        var dataInput = input;
        if (ts.IsDeflated)
        {
            // With the deflated length known, the ratio bounds what the values can hold, so a longer declared length is
            // refused before any allocation; without it values grow as bytes arrive, until the inflate limits stop them.
            long? deflatedLength = input.Remaining == long.MaxValue ? null : input.Remaining;
            var inflated = new BoundedInflateStream(input.RemainderStream(), options, input.Position);
            dataInput = new DicomInput(inflated, input.Position, deflatedLength is { } n ? options.MaxInflatedSize(n) : -1);
        }
        var parser = new DicomParser(dataInput, new DatasetBuilder(dataset), options);
        parser.ParseDataset(DicomSyntax.Of(ts));
        return new DicomFile(meta, dataset, ts, preamble, parser.Stopped, datasetOffset);
    }

    /// <summary>
    /// Inflates a file's deflated data set to its end, keeping nothing, and returns its inflated size (0 when the
    /// data set is not deflated); a <see cref="DicomFormatException"/> when it exceeds the inflate limits of
    /// <paramref name="options"/>. Lets a receiver refuse a deflate bomb before anything parses it.
    /// </summary>
    public static long CheckInflatedSize(string path, DicomReadOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        var input = new DicomInput(stream);
        var head = input.Peek(132);
        if (head.Length == 132 && head[128] == 'D' && head[129] == 'I' && head[130] == 'C' && head[131] == 'M')
        {
            input.Skip(132);
        }
        var meta = new DicomDataset();
        new DicomParser(input, new DatasetBuilder(meta), DicomReadOptions.Default).ParseMetaGroup();
        if (meta.GetString(DicomTags.TransferSyntaxUID) is not { Length: > 0 } uid || !DicomTransferSyntax.Lookup(uid).IsDeflated)
        {
            return 0;
        }
        using var inflated = new BoundedInflateStream(input.RemainderStream(), options, input.Position);
        return inflated.Drain();
    }

    /// <summary>
    /// Guesses the encoding of a bare data set from its first element: a byte-swapped group means
    /// big endian; two upper-case letters after the tag mean explicit VR.
    /// </summary>
    private static DicomTransferSyntax DetectSyntax(DicomInput input)
    {
        var h = input.Peek(6);
        if (h.Length < 6)
        {
            throw input.Error("too short to be a DICOM data set");
        }
        bool explicitVR = DicomVR.TryGet(h[4], h[5], out _);
        bool bigEndian = h[0] == 0 && h[1] != 0; // e.g. group 0008 stored as 00 08
        if (bigEndian)
        {
            return explicitVR ? DicomTransferSyntax.ExplicitVRBigEndian
                : throw input.Error("implicit VR big endian is not a DICOM transfer syntax");
        }
        return explicitVR ? DicomTransferSyntax.ExplicitVRLittleEndian : DicomTransferSyntax.ImplicitVRLittleEndian;
    }

    public void Save(string path, DicomTransferSyntax? transferSyntax = null, DicomWriteOptions? options = null)
    {
        // Write beside the target and rename, so a crash never leaves a half-written file under the final name.
        var temp = path + ".tmp-" + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024))
        {
            Save(stream, transferSyntax, options);
            stream.Flush(flushToDisk: true);
        }
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>
    /// Writes preamble, meta group and data set. The meta group is rebuilt: SOP class/instance from the
    /// data set, the target transfer syntax, and MRSNode's implementation class UID and version name.
    /// </summary>
    public void Save(Stream stream, DicomTransferSyntax? transferSyntax = null, DicomWriteOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var ts = transferSyntax ?? TransferSyntax;
        if (!ts.IsEncapsulated && Dataset.Any(i => i is DicomFragmentSequence))
        {
            throw new InvalidOperationException($"The data set holds compressed pixel data; it cannot be written as {ts.Name}.");
        }
        var meta = BuildMeta(ts);
        stream.Write(new byte[128]);
        stream.Write("DICM"u8);
        var buffered = new BufferedStream(stream, 64 * 1024);
        new DicomWriter(buffered, DicomTransferSyntax.ExplicitVRLittleEndian).Write(meta);
        if (ts.IsDeflated)
        {
            buffered.Flush();
            using var deflate = new DeflateStream(stream, CompressionLevel.Optimal, leaveOpen: true);
            new DicomWriter(deflate, ts, options).Write(Dataset);
        }
        else
        {
            new DicomWriter(buffered, ts, options).Write(Dataset);
        }
        buffered.Flush();
    }

    private DicomDataset BuildMeta(DicomTransferSyntax ts)
    {
        var sopClass = Dataset.GetString(DicomTags.SOPClassUID) ?? FileMetaInformation.GetString(DicomTags.MediaStorageSOPClassUID);
        var sopInstance = Dataset.GetString(DicomTags.SOPInstanceUID) ?? FileMetaInformation.GetString(DicomTags.MediaStorageSOPInstanceUID);
        if (string.IsNullOrEmpty(sopClass) || string.IsNullOrEmpty(sopInstance))
        {
            throw new InvalidOperationException("A Part 10 file needs SOP Class UID (0008,0016) and SOP Instance UID (0008,0018).");
        }
        var meta = new DicomDataset();
        meta.AddOrUpdate(new DicomElement(DicomTags.FileMetaInformationGroupLength, DicomVR.UL, new byte[4]));
        meta.AddOrUpdate<byte>(DicomTags.FileMetaInformationVersion, DicomVR.OB, 0x00, 0x01);
        meta.AddOrUpdate(DicomTags.MediaStorageSOPClassUID, DicomVR.UI, sopClass);
        meta.AddOrUpdate(DicomTags.MediaStorageSOPInstanceUID, DicomVR.UI, sopInstance);
        meta.AddOrUpdate(DicomTags.TransferSyntaxUID, DicomVR.UI, ts.Uid);
        meta.AddOrUpdate(DicomTags.ImplementationClassUID, DicomVR.UI, DicomUidGenerator.ImplementationClassUid);
        meta.AddOrUpdate(DicomTags.ImplementationVersionName, DicomVR.SH, DicomUidGenerator.ImplementationVersionName);
        foreach (var tag in new[] { DicomTags.SourceApplicationEntityTitle, DicomTags.SendingApplicationEntityTitle })
        {
            if (FileMetaInformation[tag] is DicomElement e)
            {
                meta.AddOrUpdate(e);
            }
        }
        return meta;
    }
}
