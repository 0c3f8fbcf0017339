namespace MRSNode.Spectroscopy.Classification;

/// <summary>
/// An acquisition MRSNode does not quantify (MRSI, edited, multi-echo, several sub-spectra, non-¹H): an input problem,
/// so the node writes the "not processed" report with <see cref="AcquisitionClassification.Reason"/> as its reason.
/// </summary>
public sealed class UnsupportedAcquisitionException : MrsInputException
{
    public UnsupportedAcquisitionException(AcquisitionClassification classification)
        : base(Require(classification).Reason ?? $"this acquisition ({classification.Kind}) is not quantified by MRSNode")
    {
        Classification = classification;
    }

    public AcquisitionClassification Classification { get; }

    private static AcquisitionClassification Require(AcquisitionClassification classification)
    {
        ArgumentNullException.ThrowIfNull(classification);
        return classification;
    }
}
