using System.Text.RegularExpressions;

namespace MRSNode.Architecture.Tests.Hygiene;

/// <summary>A class that declares tests, and whether it names its Category (UnitTest, InteropTest, SlowTest, GpuTest).</summary>
internal sealed record TestClass(string File, string Name, bool HasCategory);

/// <summary>
/// Reads the test projects' sources as text. The house format (file-scoped namespaces, four-space indents, enforced
/// by .editorconfig) lets a test method's class be found as the nearest class declared one indent level out.
/// </summary>
internal static partial class TestSources
{
    /// <summary>
    /// The .cs files of every test project (IsTestProject true) under <paramref name="testsFolder"/>, except those in
    /// a Fixtures folder: deliberately bad code for the rule checks' self-tests.
    /// </summary>
    public static IEnumerable<string> Files(string testsFolder) =>
        Directory.GetFiles(testsFolder, "*.csproj", SearchOption.AllDirectories)
            .Where(p => File.ReadAllText(p).Contains("<IsTestProject>true</IsTestProject>", StringComparison.Ordinal))
            .SelectMany(p => Directory.GetFiles(Path.GetDirectoryName(p)!, "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(d => d is "bin" or "obj" or "Fixtures"))
            .Order(StringComparer.Ordinal);

    /// <summary>The classes in <paramref name="text"/> that declare a test method ([Fact], [Theory], [PeerFact], [CudaTheory] …).</summary>
    public static IReadOnlyList<TestClass> TestClasses(string file, string text)
    {
        var lines = text.Split('\n');
        var classes = new Dictionary<int, TestClass>();
        for (int i = 0; i < lines.Length; i++)
        {
            var test = TestAttribute().Match(lines[i]);
            if (!test.Success)
            {
                continue;
            }
            int classIndent = test.Groups["indent"].Length - 4;
            int declaration = Enumerable.Range(0, i).Reverse()
                .FirstOrDefault(j => ClassDeclaration().Match(lines[j]) is { Success: true } c && c.Groups["indent"].Length == classIndent, -1);
            if (declaration < 0 || classes.ContainsKey(declaration))
            {
                continue;
            }
            var attributes = Enumerable.Range(0, declaration).Reverse()
                .Select(j => lines[j].Trim())
                .TakeWhile(l => l.StartsWith('[') || l.StartsWith("///", StringComparison.Ordinal))
                .Where(l => l.StartsWith('['));
            classes[declaration] = new TestClass(file, ClassDeclaration().Match(lines[declaration]).Groups["name"].Value,
                attributes.Any(a => CategoryAttribute().IsMatch(a)));
        }
        return [.. classes.OrderBy(c => c.Key).Select(c => c.Value)];
    }

    /// <summary>"file:line: text" of every line of <paramref name="text"/> that matches <paramref name="pattern"/>.</summary>
    public static IEnumerable<string> LinesMatching(string file, string text, Regex pattern) =>
        text.Split('\n').Select((line, i) => (line, i)).Where(l => pattern.IsMatch(l.line)).Select(l => $"{file}:{l.i + 1}: {l.line.Trim()}");

    [GeneratedRegex(@"^(?<indent> *)\[\w*(Fact|Theory)\b")]
    private static partial Regex TestAttribute();

    [GeneratedRegex(@"^(?<indent> *)(?:(?:public|internal|private|protected|sealed|static|abstract|partial)\s+)*class\s+(?<name>\w+)")]
    private static partial Regex ClassDeclaration();

    [GeneratedRegex(@"\b(UnitTest|InteropTest|SlowTest|GpuTest)\b")]
    private static partial Regex CategoryAttribute();
}
