namespace MRSNode.Dicom.IO;

/// <summary>Limits and stopping rules for reading.</summary>
public sealed record DicomReadOptions
{
    /// <summary>Stop before the first top-level element at or after this tag (its value is not read).</summary>
    public DicomTag? StopBeforeTag { get; init; }

    /// <summary>Sequences nested deeper than this are rejected (real files stay under 10).</summary>
    public int MaxDepth { get; init; } = 64;

    public static DicomReadOptions Default { get; } = new();

    /// <summary>
    /// Everything needed to route and identify an object, without bulk data: stops before group
    /// 5600 (Spectroscopy Data), 7FE0 (Pixel Data) and Siemens' (7FE1) CSA data.
    /// </summary>
    public static DicomReadOptions HeaderOnly { get; } = new() { StopBeforeTag = new DicomTag(0x5600, 0x0000) };
}
