namespace MRSNode.Dicom;

/// <summary>One entry of a data set: an element with a value, a sequence, or encapsulated fragments.</summary>
public abstract class DicomItem
{
    protected DicomItem(DicomTag tag, DicomVR vr)
    {
        ArgumentNullException.ThrowIfNull(vr);
        Tag = tag;
        VR = vr;
    }

    public DicomTag Tag { get; }
    public DicomVR VR { get; }

    public override string ToString() => $"{Tag} {VR.Code}";
}

/// <summary>
/// An element with its value bytes, always held little-endian (big-endian input is swapped on read),
/// exactly as long as on the wire (odd lengths are kept; the writer pads).
/// </summary>
public sealed class DicomElement : DicomItem
{
    public DicomElement(DicomTag tag, DicomVR vr, ReadOnlyMemory<byte> value) : base(tag, vr)
    {
        if (vr == DicomVR.SQ)
        {
            throw new ArgumentException("A sequence is a DicomSequence, not an element.", nameof(vr));
        }
        Value = value;
    }

    public ReadOnlyMemory<byte> Value { get; }

    public int Length => Value.Length;
}

/// <summary>A sequence of items (SQ), each item a nested data set.</summary>
public sealed class DicomSequence : DicomItem
{
    private readonly List<DicomDataset> _items = [];

    public DicomSequence(DicomTag tag, IEnumerable<DicomDataset>? items = null) : base(tag, DicomVR.SQ)
    {
        if (items is not null)
        {
            foreach (var item in items)
            {
                Add(item);
            }
        }
    }

    public IReadOnlyList<DicomDataset> Items => _items;

    /// <summary>The owning data set; items inherit its Specific Character Set.</summary>
    internal DicomDataset? Owner
    {
        get => _owner;
        set
        {
            _owner = value;
            foreach (var item in _items)
            {
                item.Parent = value;
            }
        }
    }

    private DicomDataset? _owner;

    public void Add(DicomDataset item)
    {
        ArgumentNullException.ThrowIfNull(item);
        item.Parent = _owner;
        _items.Add(item);
    }
}

/// <summary>Encapsulated pixel data (PS3.5 §A.4): the Basic Offset Table, then one or more fragments.</summary>
public sealed class DicomFragmentSequence : DicomItem
{
    private readonly List<ReadOnlyMemory<byte>> _fragments = [];

    public DicomFragmentSequence(DicomTag tag, DicomVR vr, ReadOnlyMemory<byte> offsetTable, IEnumerable<ReadOnlyMemory<byte>>? fragments = null)
        : base(tag, vr)
    {
        OffsetTable = offsetTable;
        if (fragments is not null)
        {
            _fragments.AddRange(fragments);
        }
    }

    public ReadOnlyMemory<byte> OffsetTable { get; }
    public IReadOnlyList<ReadOnlyMemory<byte>> Fragments => _fragments;

    public void Add(ReadOnlyMemory<byte> fragment) => _fragments.Add(fragment);
}
