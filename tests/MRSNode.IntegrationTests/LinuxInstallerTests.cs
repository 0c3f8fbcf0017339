using System.Runtime.Versioning;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.IntegrationTests;

/// <summary>
/// installers/linux: the scripts parse and pass shellcheck, the unit passes systemd-analyze, and
/// install.sh/uninstall.sh run into a temporary root (--prefix) with a fake publish folder.
/// </summary>
[UnsupportedOSPlatform("windows")]
[InteropTest]
public class LinuxInstallerTests
{
    private static readonly string _linux = Path.GetFullPath(Path.Combine(TestData.Root, "..", "..", "installers", "linux"));
    private static readonly string _install = Path.Combine(_linux, "install.sh");
    private static readonly string _uninstall = Path.Combine(_linux, "uninstall.sh");

    [PeerTheory("bash")]
    [InlineData("install.sh")]
    [InlineData("uninstall.sh")]
    public void Script_ParsesWithBashN(string script)
    {
        var r = Peers.Run("bash", ["-n", Path.Combine(_linux, script)]);
        Assert.True(r.ExitCode == 0, r.StdErr);
    }

    [PeerFact("shellcheck")]
    public void Scripts_ShellcheckFindsNothing()
    {
        var r = Peers.Run("shellcheck", [_install, _uninstall]);
        Assert.True(r.ExitCode == 0, r.StdOut + r.StdErr);
    }

    [PeerFact("systemd-analyze")]
    public void Unit_VerifiesWithoutAWarning()
    {
        // verify also checks that ExecStart exists: point it at a stand-in executable.
        var folder = TestData.NewTempFolder();
        var exe = Path.Combine(folder, "mrsnode");
        File.WriteAllText(exe, "#!/bin/sh\n");
        File.SetUnixFileMode(exe, (UnixFileMode)0b111_101_101);
        var text = File.ReadAllText(Path.Combine(_linux, "mrsnode.service"));
        Assert.Contains("ExecStart=/opt/mrsnode/mrsnode serve ", text, StringComparison.Ordinal);
        var unit = Path.Combine(folder, "mrsnode.service");
        File.WriteAllText(unit, text.Replace("ExecStart=/opt/mrsnode/mrsnode", "ExecStart=" + exe, StringComparison.Ordinal));

        var r = Peers.Run("systemd-analyze", ["verify", unit]);
        Assert.True(r.ExitCode == 0 && (r.StdOut + r.StdErr).Trim().Length == 0, r.StdOut + r.StdErr);
    }

    [PeerFact("bash")]
    public void Install_IntoAPrefix_LaysOutTheFilesWithTheirModes_AndASecondRunKeepsTheEditedConfig()
    {
        var (publish, root) = NewPublishAndRoot();

        var first = Peers.Run("bash", [_install, "--prefix", root, publish]);
        Assert.True(first.ExitCode == 0, first.StdOut + first.StdErr);

        AssertMode(root, "opt/mrsnode", 0b111_101_101);
        AssertMode(root, "opt/mrsnode/mrsnode", 0b111_101_101);
        AssertMode(root, "opt/mrsnode/mrsnode.dll", 0b110_100_100);
        AssertMode(root, "opt/mrsnode/config/reference-ranges.json", 0b110_100_100);
        AssertMode(root, "opt/mrsnode/uninstall.sh", 0b111_101_101);
        AssertMode(root, "etc/mrsnode", 0b111_101_000);
        AssertMode(root, "etc/mrsnode/tls", 0b111_101_000);
        AssertMode(root, "etc/mrsnode/appsettings.json", 0b110_100_000);
        AssertMode(root, "etc/mrsnode/mrsnode.env", 0b110_100_000);
        AssertMode(root, "var/lib/mrsnode", 0b111_101_000);
        AssertMode(root, "etc/systemd/system/mrsnode.service", 0b110_100_100);
        var site = File.ReadAllText(Path.Combine(root, "etc/mrsnode/appsettings.json"));
        Assert.Contains("\"AeTitle\": \"MRSNODE\"", site, StringComparison.Ordinal);
        Assert.Contains("\"Port\": 11112", site, StringComparison.Ordinal);
        Assert.Equal(File.ReadAllText(Path.Combine(publish, "config", "appsettings.json")), File.ReadAllText(Path.Combine(root, "opt/mrsnode/config/appsettings.json")));
        Assert.Equal(File.ReadAllText(Path.Combine(_linux, "mrsnode.service")), File.ReadAllText(Path.Combine(root, "etc/systemd/system/mrsnode.service")));
        Assert.Contains("MRSNODE_Node__Port", File.ReadAllText(Path.Combine(root, "etc/mrsnode/mrsnode.env")), StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(root, "opt/mrsnode.new")));

        // The site edits its configuration and has data; an upgrade brings a new binary and new defaults (in opt/mrsnode/config).
        const string edited = "{ \"Node\": { \"AeTitle\": \"SITE_NODE\" } }\n";
        File.WriteAllText(Path.Combine(root, "etc/mrsnode/appsettings.json"), edited);
        File.WriteAllText(Path.Combine(root, "etc/mrsnode/mrsnode.env"), "MRSNODE_Node__Port=4242\n");
        File.WriteAllText(Path.Combine(root, "var/lib/mrsnode/received.dcm"), "data");
        File.WriteAllText(Path.Combine(root, "opt/mrsnode/stale.dll"), "from the old version");
        File.WriteAllText(Path.Combine(publish, "mrsnode.dll"), "version 2");
        File.WriteAllText(Path.Combine(publish, "config", "appsettings.json"), "{ \"Node\": { \"AeTitle\": \"MRSNODE\", \"New\": 1 } }\n");

        var second = Peers.Run("bash", [_install, "--prefix", root, publish]);
        Assert.True(second.ExitCode == 0, second.StdOut + second.StdErr);
        Assert.Equal(edited, File.ReadAllText(Path.Combine(root, "etc/mrsnode/appsettings.json")));
        Assert.Equal("MRSNODE_Node__Port=4242\n", File.ReadAllText(Path.Combine(root, "etc/mrsnode/mrsnode.env")));
        Assert.Equal(File.ReadAllText(Path.Combine(publish, "config", "appsettings.json")), File.ReadAllText(Path.Combine(root, "opt/mrsnode/config/appsettings.json")));
        Assert.Equal("data", File.ReadAllText(Path.Combine(root, "var/lib/mrsnode/received.dcm")));
        Assert.Equal("version 2", File.ReadAllText(Path.Combine(root, "opt/mrsnode/mrsnode.dll")));
        Assert.False(File.Exists(Path.Combine(root, "opt/mrsnode/stale.dll")), "the binaries are replaced as a whole");
        Assert.False(Directory.Exists(Path.Combine(root, "opt/mrsnode.old")));
    }

    [PeerFact("bash")]
    public void Install_DryRun_PrintsThePlanAndChangesNothing()
    {
        var (publish, root) = NewPublishAndRoot();

        var r = Peers.Run("bash", [_install, "--dry-run", "--prefix", root, publish]);

        Assert.True(r.ExitCode == 0, r.StdOut + r.StdErr);
        Assert.Contains($"+ install -m 0644 {Path.Combine(_linux, "mrsnode.service")} {root}/etc/systemd/system/mrsnode.service", r.StdOut, StringComparison.Ordinal);
        Assert.False(Directory.Exists(root));
    }

    [PeerFact("bash")]
    public void Install_RefusesAFolderWithoutTheExecutable()
    {
        var (publish, root) = NewPublishAndRoot();
        File.Delete(Path.Combine(publish, "mrsnode"));

        var r = Peers.Run("bash", [_install, "--prefix", root, publish]);

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("no executable 'mrsnode'", r.StdErr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(root));
    }

    [PeerFact("bash")]
    public void Uninstall_KeepsConfigurationAndDataUnlessPurged()
    {
        var (publish, root) = NewPublishAndRoot();
        Assert.Equal(0, Peers.Run("bash", [_install, "--prefix", root, publish]).ExitCode);
        File.WriteAllText(Path.Combine(root, "var/lib/mrsnode/received.dcm"), "data");

        var keep = Peers.Run("bash", [_uninstall, "--prefix", root]);
        Assert.True(keep.ExitCode == 0, keep.StdOut + keep.StdErr);
        Assert.False(Directory.Exists(Path.Combine(root, "opt/mrsnode")));
        Assert.False(File.Exists(Path.Combine(root, "etc/systemd/system/mrsnode.service")));
        Assert.True(File.Exists(Path.Combine(root, "etc/mrsnode/appsettings.json")));
        Assert.True(File.Exists(Path.Combine(root, "var/lib/mrsnode/received.dcm")));

        var purge = Peers.Run("bash", [_uninstall, "--prefix", root, "--purge"]);
        Assert.True(purge.ExitCode == 0, purge.StdOut + purge.StdErr);
        Assert.False(Directory.Exists(Path.Combine(root, "etc/mrsnode")));
        Assert.False(Directory.Exists(Path.Combine(root, "var/lib/mrsnode")));
    }

    /// <summary>A stand-in for `dotnet publish -r linux-x64 --self-contained` output, and a root that does not exist yet.</summary>
    private static (string Publish, string Root) NewPublishAndRoot()
    {
        var folder = TestData.NewTempFolder();
        var publish = Path.Combine(folder, "publish");
        Directory.CreateDirectory(Path.Combine(publish, "config"));
        File.WriteAllText(Path.Combine(publish, "mrsnode"), "#!/bin/sh\necho mrsnode\n");
        File.SetUnixFileMode(Path.Combine(publish, "mrsnode"), (UnixFileMode)0b111_101_101);
        File.WriteAllText(Path.Combine(publish, "mrsnode.dll"), "version 1");
        File.WriteAllText(Path.Combine(publish, "config", "appsettings.json"), "{ \"Node\": { \"AeTitle\": \"MRSNODE\" } }\n");
        File.WriteAllText(Path.Combine(publish, "config", "reference-ranges.json"), "{}\n");
        return (publish, Path.Combine(folder, "root"));
    }

    private static void AssertMode(string root, string relative, int expected)
    {
        var mode = (int)File.GetUnixFileMode(Path.Combine(root, relative)) & 0b111_111_111;
        Assert.True(mode == expected, $"{relative}: mode {Convert.ToString(mode, 8)}, expected {Convert.ToString(expected, 8)}");
    }
}
