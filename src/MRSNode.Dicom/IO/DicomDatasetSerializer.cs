namespace MRSNode.Dicom.IO;

/// <summary>Reads and writes a bare data set (no preamble, no meta group) in a given transfer syntax, e.g. a DIMSE command set.</summary>
public static class DicomDatasetSerializer
{
    public static DicomDataset Read(Stream stream, DicomTransferSyntax syntax, DicomReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(syntax);
        options ??= DicomReadOptions.Default;
        var dataset = new DicomDataset();
        var input = new DicomInput(stream);
        if (syntax.IsDeflated)
        {
            // A stream of unknown length gets no bound: its values grow as bytes arrive instead of trusting a header.
            long bound = stream.CanSeek ? options.MaxInflatedSize(stream.Length - stream.Position) : -1;
            input = new DicomInput(new BoundedInflateStream(stream, options), 0, bound);
        }
        new DicomParser(input, new DatasetBuilder(dataset), options).ParseDataset(DicomSyntax.Of(syntax));
        return dataset;
    }

    public static DicomDataset Read(ReadOnlyMemory<byte> bytes, DicomTransferSyntax syntax) =>
        Read(new MemoryStream(bytes.ToArray(), writable: false), syntax);

    public static void Write(DicomDataset dataset, Stream stream, DicomTransferSyntax syntax, DicomWriteOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(syntax);
        if (syntax.IsDeflated)
        {
            using var deflate = new System.IO.Compression.DeflateStream(stream, System.IO.Compression.CompressionLevel.Optimal, leaveOpen: true);
            new DicomWriter(deflate, syntax, options).Write(dataset);
            return;
        }
        new DicomWriter(stream, syntax, options).Write(dataset);
    }

    public static byte[] ToBytes(DicomDataset dataset, DicomTransferSyntax syntax, DicomWriteOptions? options = null)
    {
        using var ms = new MemoryStream();
        Write(dataset, ms, syntax, options);
        return ms.ToArray();
    }
}
