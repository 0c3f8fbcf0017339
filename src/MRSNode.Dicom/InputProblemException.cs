namespace MRSNode.Dicom;

/// <summary>
/// The base of every expected input problem: a file, dataset, basis set or job that cannot be processed, with a message
/// a sender or physicist can act on. Anything that is not one is a bug (or the machine failing), so callers decide by
/// type alone: the node reports a job's input problem as "not processed" and fails anything else as an internal
/// error; the CLI prints it as one line.
/// Each layer derives its own: DICOM here (<see cref="DicomFormatException"/>, <see cref="DicomValueException"/>),
/// MRS input in MRSNode.Spectroscopy (MrsInputException), the job in MRSNode.Pipeline (QuantificationException).
/// It lives in MRSNode.Dicom because that is the lowest project every input-handling layer references (and it must
/// know nothing above it). MRSNode.Neural does not reference it: it has no study input, and its failures (device,
/// model file) are installation problems, which callers name by type.
/// </summary>
public abstract class InputProblemException : Exception
{
    protected InputProblemException() { }
    protected InputProblemException(string message) : base(message) { }
    protected InputProblemException(string message, Exception? inner) : base(message, inner) { }
}
