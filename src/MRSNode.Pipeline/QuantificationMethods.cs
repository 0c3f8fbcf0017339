namespace MRSNode.Pipeline;

/// <summary>The quantification methods this build carries.</summary>
public static class QuantificationMethods
{
    public static IReadOnlyList<IQuantificationMethod> Available() => [new LcmMethod()];
}
