namespace MRSNode.Pipeline;

/// <summary>A job that cannot be quantified, with the reason a physicist can act on (wrong input role, no basis set, ...).</summary>
public sealed class QuantificationException : Exception
{
    public QuantificationException(string message) : base(message) { }
    public QuantificationException() : this("quantification failed") { }
    public QuantificationException(string message, Exception inner) : base(message, inner) { }
}
