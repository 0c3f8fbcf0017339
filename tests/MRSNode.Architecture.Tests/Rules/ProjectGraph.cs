namespace MRSNode.Architecture.Tests.Rules;

/// <summary>
/// The dependency rules, as data: which MRSNode projects each production project may reference directly, and what
/// each one may not use even though it is below it. A new project under src/ fails the tests until it has a row.
/// </summary>
internal static class ProjectGraph
{
    public const string Dicom = "MRSNode.Dicom";
    public const string DicomNetwork = "MRSNode.Dicom.Network";
    public const string Spectroscopy = "MRSNode.Spectroscopy";
    public const string SpinSimulation = "MRSNode.SpinSimulation";
    public const string Neural = "MRSNode.Neural";
    public const string Quantification = "MRSNode.Quantification";
    public const string Accelerators = "MRSNode.Accelerators";
    public const string Reporting = "MRSNode.Reporting";
    public const string Pipeline = "MRSNode.Pipeline";
    public const string Evaluation = "MRSNode.Evaluation";
    public const string Messaging = "MRSNode.Messaging";
    public const string Service = "MRSNode.Service";
    public const string Cli = "MRSNode.Cli";

    /// <summary>Project → the MRSNode projects it may name in a ProjectReference (the layers, bottom up).</summary>
    public static IReadOnlyDictionary<string, string[]> AllowedReferences { get; } = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        [Dicom] = [],
        [DicomNetwork] = [Dicom],
        [Spectroscopy] = [Dicom],
        [SpinSimulation] = [Spectroscopy],
        [Neural] = [],
        [Quantification] = [Spectroscopy, Neural],
        // ILGPU kernels behind the seams Quantification and Neural define (IBatchSpectralEngine, IComputeBackend).
        [Accelerators] = [Quantification],
        [Reporting] = [Quantification, Dicom],
        [Pipeline] = [Reporting, SpinSimulation],
        // Research code: only the CLI (and tests) may reference it, so the node never ships it in its process.
        [Evaluation] = [Pipeline],
        // The work queue between roles: the broker client alone, no MRS or DICOM knowledge.
        [Messaging] = [],
        [Service] = [Pipeline, DicomNetwork, Messaging],
        [Cli] = [Accelerators, Dicom, DicomNetwork, Evaluation, Pipeline, Service],
    };

    /// <summary>
    /// Assemblies a project may not use although they are below it: the spectral code is format-free (it gets
    /// spectra from MRSNode.Spectroscopy's readers, never a DICOM data set).
    /// </summary>
    public static IReadOnlyDictionary<string, string[]> BannedBelow { get; } = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        [Quantification] = [Dicom, DicomNetwork],
        [SpinSimulation] = [Dicom, DicomNetwork],
        [Neural] = [Dicom, DicomNetwork],
        [Evaluation] = [Dicom, DicomNetwork],
        [Accelerators] = [Dicom, DicomNetwork],
    };

    /// <summary>Assembly names that differ from the project's (the CLI ships as mrsnode.dll).</summary>
    public static string AssemblyName(string project) => project == Cli ? "mrsnode" : project;

    /// <summary>Everything <paramref name="project"/> reaches through its references (itself excluded).</summary>
    public static IReadOnlySet<string> Below(string project, IReadOnlyDictionary<string, string[]> graph)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var todo = new Stack<string>(graph[project]);
        while (todo.TryPop(out var next))
        {
            if (seen.Add(next))
            {
                foreach (var r in graph.GetValueOrDefault(next, []))
                {
                    todo.Push(r);
                }
            }
        }
        return seen;
    }

    /// <summary>
    /// The MRSNode projects <paramref name="project"/> may not use at all: those not below it, and those banned
    /// below it. (Above it, or beside it: e.g. nothing but the CLI may use Service, Cli or Evaluation.)
    /// </summary>
    public static IReadOnlyList<string> Forbidden(string project, IReadOnlyDictionary<string, string[]> graph, IReadOnlyDictionary<string, string[]> bannedBelow)
    {
        var below = Below(project, graph);
        return
        [
            .. graph.Keys
                .Where(p => p != project && (!below.Contains(p) || bannedBelow.GetValueOrDefault(project, []).Contains(p)))
                .Order(StringComparer.Ordinal),
        ];
    }
}
