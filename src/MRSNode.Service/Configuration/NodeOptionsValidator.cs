using System.Globalization;
using System.Net;
using MRSNode.Pipeline;
using MRSNode.Quantification;

namespace MRSNode.Service.Configuration;

/// <summary>
/// Checks the whole configuration at start-up and names every problem by its key, so one run shows
/// everything to fix (the host refuses to start with any of them).
/// </summary>
public static class NodeOptionsValidator
{
    public static IReadOnlyList<string> Errors(NodeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        void Check(bool ok, string message)
        {
            if (!ok)
            {
                errors.Add(message);
            }
        }

        var node = options.Node;
        Check(IsAeTitle(node.AeTitle), $"Node:AeTitle '{node.AeTitle}' must be 1-16 characters, no backslash or control characters, not only spaces");
        Check(node.Port is >= 1 and <= 65535, $"Node:Port {node.Port} must be 1-65535");
        Check(IPAddress.TryParse(node.ListenAddress, out _), $"Node:ListenAddress '{node.ListenAddress}' is not an IP address");
        Check(node.MinFreeDiskMegabytes >= 0, $"Node:MinFreeDiskMegabytes {node.MinFreeDiskMegabytes} must be 0 or more");
        Check(node.MaxAssociations >= 1, $"Node:MaxAssociations {node.MaxAssociations} must be at least 1");
        Check(node.MaxObjectBytes >= 1 << 20, $"Node:MaxObjectBytes {node.MaxObjectBytes} must be at least 1048576 (1 MiB)");
        Check(node.MaxUnassociatedConnections >= 1, $"Node:MaxUnassociatedConnections {node.MaxUnassociatedConnections} must be at least 1");
        Check(node.MaxUnassociatedPerPeer >= 1, $"Node:MaxUnassociatedPerPeer {node.MaxUnassociatedPerPeer} must be at least 1");
        for (int i = 0; i < node.AllowedCallingAeTitles.Count; i++)
        {
            Check(IsAeTitle(node.AllowedCallingAeTitles[i]), $"Node:AllowedCallingAeTitles:{i} '{node.AllowedCallingAeTitles[i]}' is not a valid AE title");
        }
        for (int i = 0; i < node.AllowedCallingHosts.Count; i++)
        {
            Check(IPAddress.TryParse(node.AllowedCallingHosts[i], out _), $"Node:AllowedCallingHosts:{i} '{node.AllowedCallingHosts[i]}' is not an IP address");
        }
        if (!string.IsNullOrWhiteSpace(node.DataDirectory))
        {
            Check(node.DataDirectory.IndexOfAny(Path.GetInvalidPathChars()) < 0, $"Node:DataDirectory '{node.DataDirectory}' is not a valid path");
        }
        NodeTls.Server(node.Tls, errors)?.Certificate?.Dispose(); // loaded to check the files; the SCP loads its own

        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < options.Destinations.Count; i++)
        {
            var d = options.Destinations[i];
            var key = $"Destinations:{i}";
            Check(IsDestinationName(d.Name), $"{key}:Name '{d.Name}' must be 1-64 letters, digits, '-' or '_', starting with a letter");
            Check(d.Name.Length == 0 || names.Add(d.Name), $"{key}:Name '{d.Name}' is used by another destination");
            Check(IsAeTitle(d.AeTitle), $"{key}:AeTitle '{d.AeTitle}' must be 1-16 characters, no backslash or control characters");
            Check(!string.IsNullOrWhiteSpace(d.Host), $"{key}:Host is required");
            Check(d.Port is >= 1 and <= 65535, $"{key}:Port {d.Port} must be 1-65535");
            NodeTls.Client(d, $"{key}:Tls", errors)?.Certificate?.Dispose();
        }

        var p = options.Processing;
        Check(p.SettleSeconds is >= 0 and <= 86400, $"Processing:SettleSeconds {Num(p.SettleSeconds)} must be 0-86400");
        Check(p.Workers is >= 0 and <= 256, $"Processing:Workers {p.Workers} must be 0 (automatic) to 256");
        Check(MethodSelections.TryParse(p.Method) is MethodSelection.Lcm or MethodSelection.Both, $"Processing:Method '{p.Method}' must be lcm or both");
        Check(p.WaterConcentrationMm > 0, $"Processing:WaterConcentrationMm {Num(p.WaterConcentrationMm)} must be positive");
        Check(p.WaterAttenuation is > 0 and <= 1, $"Processing:WaterAttenuation {Num(p.WaterAttenuation)} must be in (0, 1]");
        Check(p.MetaboliteAttenuation is > 0 and <= 1, $"Processing:MetaboliteAttenuation {Num(p.MetaboliteAttenuation)} must be in (0, 1]");
        Check(p.TissueFractions.Length == 0 || ParsesAsTissue(p.TissueFractions), $"Processing:TissueFractions '{p.TissueFractions}' must be empty or \"gm,wm,csf\" (three numbers ≥ 0, some tissue)");
        Check(p.TissueFractionsFolder.Length == 0 || Directory.Exists(p.TissueFractionsFolder), $"Processing:TissueFractionsFolder '{p.TissueFractionsFolder}' does not exist");
        Check(p.SiteReferenceRanges.Length == 0 || File.Exists(p.SiteReferenceRanges), $"Processing:SiteReferenceRanges '{p.SiteReferenceRanges}' does not exist");
        Check(p.BasisCacheDirectory.IndexOfAny(Path.GetInvalidPathChars()) < 0, $"Processing:BasisCacheDirectory '{p.BasisCacheDirectory}' is not a valid path");
        Check(p.MaxStarts >= 1, $"Processing:MaxStarts {p.MaxStarts} must be at least 1");
        Check(p.JobTimeLimitSeconds is >= 1 and <= 86400, $"Processing:JobTimeLimitSeconds {Num(p.JobTimeLimitSeconds)} must be 1-86400");
        Check(FitOptions.FreedomNames.Contains(p.Lineshape), $"Processing:Lineshape '{p.Lineshape}' must be global, group or metabolite");
        Check(p.ShiftSdHz > 0, $"Processing:ShiftSdHz {Num(p.ShiftSdHz)} must be positive");
        Check(p.DampingSdHz > 0, $"Processing:DampingSdHz {Num(p.DampingSdHz)} must be positive");
        Check(CrlbCovariances.Names.Contains(p.Crlb), $"Processing:Crlb '{p.Crlb}' must be all or active");
        Check(RatioPriorSets.Names.Contains(p.RatioPriors), $"Processing:RatioPriors '{p.RatioPriors}' must be none or lcmodel");
        Check(p.Device is "cpu" or "cuda" or "auto", $"Processing:Device '{p.Device}' must be cpu, cuda or auto");
        var config = NodePaths.ConfigDirectory(options);
        Check(File.Exists(Path.Combine(config, "basis-sets", "manifest.json")), $"Processing:ConfigDirectory '{config}' has no basis-sets/manifest.json");
        Check(File.Exists(Path.Combine(config, "reference-ranges.json")), $"Processing:ConfigDirectory '{config}' has no reference-ranges.json");
        Check(File.Exists(Path.Combine(config, "confidence-checks.json")), $"Processing:ConfigDirectory '{config}' has no confidence-checks.json");

        var e = options.Export;
        Check(e.MaxAttempts >= 1, $"Export:MaxAttempts {e.MaxAttempts} must be at least 1");
        Check(e.InitialBackoffSeconds > 0, $"Export:InitialBackoffSeconds {Num(e.InitialBackoffSeconds)} must be positive");
        Check(e.MaxBackoffSeconds >= e.InitialBackoffSeconds, $"Export:MaxBackoffSeconds {Num(e.MaxBackoffSeconds)} must be at least Export:InitialBackoffSeconds");
        Check(e.CallingAeTitle.Length == 0 || IsAeTitle(e.CallingAeTitle), $"Export:CallingAeTitle '{e.CallingAeTitle}' is not a valid AE title");

        CheckQueue(options, errors);

        Check(options.Retention.DoneJobDays >= 0, $"Retention:DoneJobDays {Num(options.Retention.DoneJobDays)} must be 0 (keep) or more");
        Check(options.Status.Port is >= 0 and <= 65535, $"Status:Port {options.Status.Port} must be 0 (off) or 1-65535");
        Check(IPAddress.TryParse(options.Status.ListenAddress, out _), $"Status:ListenAddress '{options.Status.ListenAddress}' is not an IP address");
        return errors;
    }

    /// <summary>Node:Role and Queue:*: a role other than all needs the broker and a shared store; all runs on the file spool.</summary>
    private static void CheckQueue(NodeOptions options, List<string> errors)
    {
        var q = options.Queue;
        var role = NodeRoles.TryParse(options.Node.Role);
        bool rabbit = string.Equals(q.Kind, "rabbitmq", StringComparison.OrdinalIgnoreCase);
        if (role is null)
        {
            errors.Add($"Node:Role '{options.Node.Role}' must be all, intake, worker or export");
        }
        if (!rabbit && !string.Equals(q.Kind, "file", StringComparison.OrdinalIgnoreCase))
        {
            errors.Add($"Queue:Kind '{q.Kind}' must be file or rabbitmq");
            return;
        }
        if (!rabbit)
        {
            if (role is not null and not NodeRole.All)
            {
                errors.Add($"Node:Role {options.Node.Role} needs Queue:Kind rabbitmq (with Queue:Kind file the node runs every role: Node:Role all)");
            }
            return;
        }
        if (role is NodeRole.All)
        {
            errors.Add("Queue:Kind rabbitmq needs Node:Role intake, worker or export (one role per process; Node:Role all runs on Queue:Kind file)");
        }
        if (string.IsNullOrWhiteSpace(q.SharedStore))
        {
            errors.Add("Queue:SharedStore is required with Queue:Kind rabbitmq (a folder every role reaches)");
        }
        else if (!Directory.Exists(q.SharedStore))
        {
            errors.Add($"Queue:SharedStore '{q.SharedStore}' does not exist");
        }
        errors.AddRange(q.RabbitMq.Problems());
        if (role is NodeRole.Export && options.Destinations.Count == 0)
        {
            errors.Add("Node:Role export needs at least one destination (Destinations:0:…)");
        }
    }

    /// <summary>PS3.5 AE VR: up to 16 characters of the default repertoire without backslash or controls; not all spaces.</summary>
    private static bool IsAeTitle(string? value) =>
        !string.IsNullOrWhiteSpace(value) && value.Length <= 16 && value.All(c => c >= 0x20 && c < 0x7F && c != '\\');

    private static bool IsDestinationName(string? value) =>
        !string.IsNullOrEmpty(value) && value.Length <= 64 && char.IsAsciiLetter(value[0])
        && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private static string Num(double value) => value.ToString(CultureInfo.InvariantCulture);

    private static bool ParsesAsTissue(string text)
    {
        try
        {
            _ = MRSNode.Quantification.Relaxation.TissueFractions.Parse(text);
            return true;
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException)
        {
            return false;
        }
    }
}
