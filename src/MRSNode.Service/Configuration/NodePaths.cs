using MRSNode.Pipeline.Composition;

namespace MRSNode.Service.Configuration;

/// <summary>Where the node keeps its data and finds its defaults.</summary>
public static class NodePaths
{
    /// <summary>
    /// ~/.local/share/mrsnode on Linux (%LOCALAPPDATA%\mrsnode on Windows): per user, survives reboots,
    /// needs no privileges. Without a home folder (some service accounts): mrsnode-data in the working folder.
    /// </summary>
    public static string DefaultDataDirectory
    {
        get
        {
            var local = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
            return string.IsNullOrEmpty(local)
                ? Path.GetFullPath("mrsnode-data")
                : Path.Combine(local, "mrsnode");
        }
    }

    /// <summary>config/ beside the executable (the Cli project copies it there).</summary>
    public static string DefaultConfigDirectory => PipelineSettings.ShippedConfigDirectory;

    public static string DataDirectory(NodeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Path.GetFullPath(string.IsNullOrWhiteSpace(options.Node.DataDirectory) ? DefaultDataDirectory : options.Node.DataDirectory);
    }

    public static string ConfigDirectory(NodeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Path.GetFullPath(string.IsNullOrWhiteSpace(options.Processing.ConfigDirectory) ? DefaultConfigDirectory : options.Processing.ConfigDirectory);
    }
}
