using MRSNode.Dicom;

namespace MRSNode.Pipeline;

/// <summary>
/// The pipeline layer's input problem: a job that cannot be quantified, with the reason a physicist can act on (wrong
/// input role, no basis set, a method not installed, ...).
/// </summary>
public sealed class QuantificationException : InputProblemException
{
    public QuantificationException(string message) : base(message) { }
    public QuantificationException() : this("quantification failed") { }
    public QuantificationException(string message, Exception inner) : base(message, inner) { }
}
