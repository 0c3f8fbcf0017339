using System.Diagnostics;
using Xunit;
using Xunit.Sdk;

namespace MRSNode.TestSupport;

/// <summary>
/// Real peer programs (dcmtk, dicom3tools, pydicom) the tests check against. `.ci/run` installs
/// them; with MRSNODE_REQUIRE_PEERS=1 (set by CI) a missing peer fails instead of skipping.
/// </summary>
public static class Peers
{
    public const string Python = "/usr/bin/python3";

    public const string RequirePeersVariable = "MRSNODE_REQUIRE_PEERS";

    public static bool RequirePeers => Requirement.IsDemanded(RequirePeersVariable);

    public static string? Find(string tool)
    {
        if (System.IO.Path.IsPathRooted(tool))
        {
            return File.Exists(tool) ? tool : null;
        }
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(System.IO.Path.PathSeparator))
        {
            var p = System.IO.Path.Combine(dir, tool);
            if (File.Exists(p))
            {
                return p;
            }
        }
        return null;
    }

    public static bool HasPydicom => HasPythonModule("pydicom");

    /// <summary>Peers that are Python modules of the system python3 (Debian python3-pydicom, python3-numpy, python3-pil).</summary>
    private static readonly HashSet<string> PythonModules = new(StringComparer.Ordinal) { "pydicom", "numpy", "PIL" };

    public static bool HasPythonModule(string module) => Find(Python) is not null && Run(Python, ["-c", "import " + module]).ExitCode == 0;

    /// <summary>Why a test that needs <paramref name="tool"/> cannot run here, or null when it can.</summary>
    public static string? MissingReason(string tool)
    {
        bool present = PythonModules.Contains(tool) ? HasPythonModule(tool) : Find(tool) is not null;
        var missing = present ? null : $"{tool} is not installed (see .ci/run for the apt-get line)";
        return Requirement.SkipReason(missing, RequirePeersVariable, RequirePeers);
    }

    public sealed record Result(int ExitCode, string StdOut, string StdErr);

    /// <summary>Starts a long-running peer (a server); its output is drained. Kill and dispose it when done.</summary>
    public static Process StartBackground(string tool, IEnumerable<string> args)
    {
        var psi = new ProcessStartInfo(Find(tool) ?? tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }
        var p = Process.Start(psi)!;
        p.OutputDataReceived += (_, _) => { };
        p.ErrorDataReceived += (_, _) => { };
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        return p;
    }

    /// <summary>Starts a long-running peer whose output lines (stdout and stderr) go to <paramref name="onLine"/>. Kill and dispose it when done.</summary>
    public static Process StartBackground(string tool, IEnumerable<string> args, Action<string> onLine)
    {
        ArgumentNullException.ThrowIfNull(onLine);
        var psi = new ProcessStartInfo(Find(tool) ?? tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }
        var p = Process.Start(psi)!;
        p.OutputDataReceived += (_, e) => { if (e.Data is { } line) { onLine(line); } };
        p.ErrorDataReceived += (_, e) => { if (e.Data is { } line) { onLine(line); } };
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        return p;
    }

    /// <param name="environment">Variables set for the process (over the test's own).</param>
    public static Result Run(string tool, IEnumerable<string> args, TimeSpan? timeout = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var psi = new ProcessStartInfo(Find(tool) ?? tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            psi.Environment[name] = value;
        }
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(timeout ?? TimeSpan.FromMinutes(2)))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"{tool} did not finish");
        }
        return new Result(p.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>
    /// Like <see cref="Run"/>, sampling the process's peak resident set size (on Linux VmHWM) every 5 ms while it runs:
    /// a lower bound of the true peak, which a test can hold under a generous limit.
    /// </summary>
    public static (Result Result, long PeakRss) RunSampled(string tool, IEnumerable<string> args, TimeSpan? timeout = null)
    {
        var psi = new ProcessStartInfo(Find(tool) ?? tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromMinutes(2));
        long peak = 0;
        while (!p.WaitForExit(5))
        {
            if (DateTime.UtcNow > deadline)
            {
                p.Kill(entireProcessTree: true);
                throw new TimeoutException($"{tool} did not finish");
            }
            try
            {
                p.Refresh();
                peak = Math.Max(peak, p.PeakWorkingSet64);
            }
            catch (InvalidOperationException)
            {
                // exited between the wait and the read
            }
        }
        return (new Result(p.ExitCode, stdout.Result, stderr.Result), peak);
    }

    /// <summary>A storescu configuration (profile "MRS", for `-xf FILE MRS`) proposing the MRS classes dcmtk does not know (Siemens CSA Non-Image).</summary>
    public static string StorescuMrsConfig()
    {
        var path = System.IO.Path.Combine(TestData.NewTempFolder(), "mrs-scu.cfg");
        File.WriteAllText(path, """
            [[TransferSyntaxes]]
            [Uncompressed]
            TransferSyntax1 = LittleEndianExplicit
            TransferSyntax2 = LittleEndianImplicit

            [[PresentationContexts]]
            [MrsContexts]
            PresentationContext1 = 1.3.12.2.1107.5.9.1\Uncompressed
            PresentationContext2 = MRSpectroscopyStorage\Uncompressed
            PresentationContext3 = MRImageStorage\Uncompressed
            PresentationContext4 = EnhancedMRImageStorage\Uncompressed

            [[Profiles]]
            [MRS]
            PresentationContexts = MrsContexts
            """);
        return path;
    }
}

/// <summary>A fact that needs a peer program; it is skipped (with the reason) where the peer is absent. Category Interop.</summary>
[TraitDiscoverer(CategoryTraitDiscoverer.TypeName, CategoryTraitDiscoverer.AssemblyName)]
[AttributeUsage(AttributeTargets.Method)]
public sealed class PeerFactAttribute : FactAttribute, ITraitAttribute
{
    public string Category { get; } = TestCategory.Interop;

    public PeerFactAttribute(params string[] tools)
    {
        Skip = tools.Select(Peers.MissingReason).FirstOrDefault(r => r is not null);
    }
}

/// <summary>A theory that needs a peer program; skipped where the peer is absent. Category Interop.</summary>
[TraitDiscoverer(CategoryTraitDiscoverer.TypeName, CategoryTraitDiscoverer.AssemblyName)]
[AttributeUsage(AttributeTargets.Method)]
public sealed class PeerTheoryAttribute : TheoryAttribute, ITraitAttribute
{
    public string Category { get; } = TestCategory.Interop;

    public PeerTheoryAttribute(params string[] tools)
    {
        Skip = tools.Select(Peers.MissingReason).FirstOrDefault(r => r is not null);
    }
}
