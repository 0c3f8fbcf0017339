using System.Xml.Linq;

namespace MRSNode.Architecture.Tests.Rules;

/// <summary>The ProjectReferences the project files under src/ name (what a developer edits, before any build).</summary>
internal static class ProjectFiles
{
    /// <summary>Project name → the MRSNode projects it references, for every src/*/*.csproj.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> References(string srcFolder) =>
        Directory.GetFiles(srcFolder, "*.csproj", SearchOption.AllDirectories)
            .Where(p => !p.Split(Path.DirectorySeparatorChar).Any(d => d is "bin" or "obj"))
            .ToDictionary(p => Path.GetFileNameWithoutExtension(p), p => Parse(File.ReadAllText(p)), StringComparer.Ordinal);

    /// <summary>The MRSNode projects a project file's ProjectReference items name (file names without .csproj).</summary>
    public static IReadOnlyList<string> Parse(string projectXml) =>
    [
        .. XDocument.Parse(projectXml).Descendants("ProjectReference")
            .Select(e => Path.GetFileNameWithoutExtension(e.Attribute("Include")!.Value.Replace('\\', '/').Split('/')[^1]))
            .Where(n => n.StartsWith("MRSNode.", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal),
    ];
}
