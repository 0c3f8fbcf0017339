namespace MRSNode.Dicom.IO;

/// <summary>Builds a <see cref="DicomDataset"/> tree from parser callbacks. A repeated tag keeps its first occurrence.</summary>
public sealed class DatasetBuilder : IDicomReaderObserver
{
    private readonly Stack<DicomDataset> _datasets = new();
    private readonly Stack<DicomSequence> _sequences = new();
    private DicomFragmentSequence? _fragments;
    private bool _expectOffsetTable;
    private DicomTag _fragmentTag;
    private DicomVR _fragmentVR = DicomVR.OB;

    public DatasetBuilder(DicomDataset root)
    {
        ArgumentNullException.ThrowIfNull(root);
        Root = root;
        _datasets.Push(root);
    }

    public DicomDataset Root { get; }

    /// <summary>Tags that appeared more than once in one data set (the later copies were dropped).</summary>
    public List<DicomTag> Duplicates { get; } = [];

    public void OnElement(DicomTag tag, DicomVR vr, ReadOnlyMemory<byte> value, long offset) =>
        Add(new DicomElement(tag, vr, value));

    public void OnBeginSequence(DicomTag tag, long offset) => _sequences.Push(new DicomSequence(tag));

    public void OnBeginItem(long offset)
    {
        var item = new DicomDataset();
        _sequences.Peek().Add(item);
        _datasets.Push(item);
    }

    public void OnEndItem() => _datasets.Pop();

    public void OnEndSequence() => Add(_sequences.Pop());

    public void OnBeginFragments(DicomTag tag, DicomVR vr, long offset)
    {
        _fragmentTag = tag;
        _fragmentVR = vr;
        _expectOffsetTable = true;
        _fragments = null;
    }

    public void OnFragment(ReadOnlyMemory<byte> fragment, long offset)
    {
        if (_expectOffsetTable)
        {
            _fragments = new DicomFragmentSequence(_fragmentTag, _fragmentVR, fragment);
            _expectOffsetTable = false;
        }
        else
        {
            _fragments!.Add(fragment);
        }
    }

    public void OnEndFragments()
    {
        Add(_fragments ?? new DicomFragmentSequence(_fragmentTag, _fragmentVR, ReadOnlyMemory<byte>.Empty));
        _fragments = null;
    }

    private void Add(DicomItem item)
    {
        if (!_datasets.Peek().TryAdd(item))
        {
            Duplicates.Add(item.Tag);
        }
    }
}
