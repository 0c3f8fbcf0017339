namespace MRSNode.Dicom.IO;

/// <summary>
/// Receives what <see cref="DicomParser"/> finds, in stream order. Building a data set is one
/// observer (<see cref="DatasetBuilder"/>); routing, dumping or indexing can be others.
/// </summary>
public interface IDicomReaderObserver
{
    /// <summary>An element with its value (little-endian) at byte <paramref name="offset"/>.</summary>
    void OnElement(DicomTag tag, DicomVR vr, ReadOnlyMemory<byte> value, long offset);

    void OnBeginSequence(DicomTag tag, long offset);
    void OnBeginItem(long offset);
    void OnEndItem();
    void OnEndSequence();

    /// <summary>Encapsulated pixel data: the Basic Offset Table comes first, then each fragment.</summary>
    void OnBeginFragments(DicomTag tag, DicomVR vr, long offset);
    void OnFragment(ReadOnlyMemory<byte> fragment, long offset);
    void OnEndFragments();
}
