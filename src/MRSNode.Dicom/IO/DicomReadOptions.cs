namespace MRSNode.Dicom.IO;

/// <summary>Limits and stopping rules for reading.</summary>
public sealed record DicomReadOptions
{
    /// <summary>Stop before the first top-level element at or after this tag (its value is not read).</summary>
    public DicomTag? StopBeforeTag { get; init; }

    /// <summary>Sequences nested deeper than this are rejected (real files stay under 10).</summary>
    public int MaxDepth { get; init; } = 64;

    /// <summary>A value declared longer than this is refused before anything is allocated for it.</summary>
    public long MaxValueLength { get; init; } = Array.MaxLength;

    /// <summary>
    /// Values longer than this are skipped: not read (a seek in a file), left out of the data set. A reader that
    /// needs only identifiers never buffers bulk data, wherever a sender put it.
    /// </summary>
    public long SkipValuesLongerThan { get; init; } = long.MaxValue;

    /// <summary>
    /// Elements, sequence items and fragments in all; past this the input is refused. Each costs an object, so a few
    /// MB of empty items would otherwise take GBs. Real objects stay far below (a 1000-frame enhanced MR: about 100,000).
    /// </summary>
    public int MaxElements { get; init; } = 1_000_000;

    /// <summary>Sequences are walked to their end (checked, counted) but not kept: only top-level elements are read.</summary>
    public bool SkipSequences { get; init; }

    /// <summary>A deflated data set may not inflate to more than this many bytes (a deflate bomb is refused here).</summary>
    public long MaxInflatedBytes { get; init; } = 2L << 30;

    /// <summary>
    /// Nor to more than this many times its deflated size, once past <see cref="InflateRatioFloorBytes"/>
    /// (deflate itself reaches about 1032; real DICOM data sets stay far below 100).
    /// </summary>
    public int MaxInflateRatio { get; init; } = 100;

    /// <summary>Inflated sizes up to this are allowed at any ratio, so a small, very regular object is never refused.</summary>
    public long InflateRatioFloorBytes { get; init; } = 64L << 20;

    public static DicomReadOptions Default { get; } = new();

    /// <summary>
    /// Everything needed to route and identify an object, without bulk data: stops before group
    /// 5600 (Spectroscopy Data), 7FE0 (Pixel Data) and Siemens' (7FE1) CSA data.
    /// </summary>
    public static DicomReadOptions HeaderOnly { get; } = new() { StopBeforeTag = new DicomTag(0x5600, 0x0000) };

    /// <summary>
    /// The identifiers that file a received object (SOP, study and series UIDs, modality, series number): stops
    /// before (0020,0012), skips sequences and any value over 64 KiB, so a large object costs no more memory than a small one.
    /// </summary>
    public static DicomReadOptions Identifiers { get; } =
        new() { StopBeforeTag = new DicomTag(0x0020, 0x0012), SkipValuesLongerThan = 64 * 1024, SkipSequences = true };

    /// <summary>The most a deflated data set of <paramref name="deflatedLength"/> bytes (−1: unknown) may inflate to.</summary>
    public long MaxInflatedSize(long deflatedLength) =>
        deflatedLength < 0 || deflatedLength > long.MaxValue / Math.Max(1, MaxInflateRatio)
            ? MaxInflatedBytes
            : Math.Min(MaxInflatedBytes, Math.Max(InflateRatioFloorBytes, deflatedLength * MaxInflateRatio));
}
