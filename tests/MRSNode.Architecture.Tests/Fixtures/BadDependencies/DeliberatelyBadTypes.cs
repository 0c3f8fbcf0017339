using MRSNode.Dicom;
using MRSNode.Service.Configuration;

namespace MRSNode.Architecture.Tests.Fixtures.BadDependencies;

/// <summary>
/// Breaks the rules on purpose, for the self-tests: were it production code in Quantification, it would use a DICOM
/// type (in a signature) and, in a method body only, a Service type. The checks must name both.
/// </summary>
public sealed class QuantifierThatReadsDicom
{
    public DicomDataset? Source { get; init; }

    public static string DescribeNode() => typeof(NodeOptions).Name;
}

/// <summary>Uses nothing of ours: the checks must not name it.</summary>
public sealed class InnocentBystander
{
    public static int Answer() => 42;
}
