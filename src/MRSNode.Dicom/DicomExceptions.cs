namespace MRSNode.Dicom;

/// <summary>
/// The one exception a malformed DICOM stream raises: it names the byte offset and, where known,
/// the tag being read, so a rejected file can be explained in one line.
/// </summary>
public sealed class DicomFormatException : InputProblemException
{
    public DicomFormatException(string message, long offset, DicomTag? tag = null, Exception? inner = null)
        : base(Format(message, offset, tag), inner)
    {
        Offset = offset;
        Tag = tag;
        Reason = message;
    }

    public DicomFormatException() : this("malformed DICOM data", 0) { }
    public DicomFormatException(string message) : this(message, 0) { }
    public DicomFormatException(string message, Exception inner) : this(message, 0, null, inner) { }

    public long Offset { get; }
    public DicomTag? Tag { get; }
    public string Reason { get; }

    private static string Format(string message, long offset, DicomTag? tag) =>
        tag is { } t ? $"{message} (tag {t} at byte {offset})" : $"{message} (at byte {offset})";
}

/// <summary>A value that does not satisfy its VR (PS3.5 §6.2), rejected before it is written.</summary>
public sealed class DicomValueException : InputProblemException
{
    public DicomValueException(DicomTag tag, DicomVR vr, string problem)
        : base($"{tag} {vr.Code}: {problem}")
    {
        Tag = tag;
        VR = vr;
    }

    public DicomValueException() : base("invalid DICOM value") { VR = DicomVR.UN; }
    public DicomValueException(string message) : base(message) { VR = DicomVR.UN; }
    public DicomValueException(string message, Exception inner) : base(message, inner) { VR = DicomVR.UN; }

    public DicomTag Tag { get; }
    public DicomVR VR { get; }
}
