using MRSNode.Dicom;

namespace MRSNode.Spectroscopy;

/// <summary>The MRS layer's input problems: a file that cannot be read as MRS data, no basis set for an acquisition.</summary>
public abstract class MrsInputException : InputProblemException
{
    protected MrsInputException() { }
    protected MrsInputException(string message) : base(message) { }
    protected MrsInputException(string message, Exception? inner) : base(message, inner) { }
}
