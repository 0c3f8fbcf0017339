namespace MRSNode.Dicom.IO;

/// <summary>How to encode on write.</summary>
public sealed record DicomWriteOptions
{
    /// <summary>Sequences and items with defined lengths (dcmtk's default), else undefined lengths with delimiters.</summary>
    public bool DefinedLengthSequences { get; init; } = true;

    /// <summary>Group length elements (gggg,0000) other than the meta group's: recalculated when present, or dropped.</summary>
    public bool KeepGroupLengths { get; init; } = true;

    public static DicomWriteOptions Default { get; } = new();
}
