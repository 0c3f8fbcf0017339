namespace MRSNode.Quantification;

/// <summary>Marker for the quantification assembly (fitting, CRLB, scaling, QC).</summary>
public static class QuantificationAssembly
{
    public const string Name = "MRSNode.Quantification";
}
