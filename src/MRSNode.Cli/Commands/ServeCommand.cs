using System.CommandLine;
using Microsoft.Extensions.Hosting;
using MRSNode.Neural.Backend;
using MRSNode.Service;

namespace MRSNode.Cli.Commands;

/// <summary>`mrsnode serve`: the node in the foreground until Ctrl-C or SIGTERM (then a graceful stop); with --windows-service, until the SCM stops it.</summary>
internal static class ServeCommand
{
    public static Command Create(IComputeBackendFactory backends)
    {
        var config = new Option<FileInfo?>("--config")
        {
            Description = "Settings file (JSON) over config/appsettings.json beside mrsnode; MRSNODE_ environment variables override both.",
        };
        var windowsService = new Option<bool>("--windows-service")
        {
            Description = "Run as a Windows service, started and stopped by the service control manager (the installer's command line); logs go to <DataDirectory>/logs.",
        };
        var role = new Option<string?>("--role")
        {
            Description = "all (the default: one node), or one role of a scaled-out deployment: intake, worker or export (Node:Role; needs Queue:Kind rabbitmq; docs/scale-out.md).",
        };
        role.AcceptOnlyFromAmong("all", "intake", "worker", "export");
        var command = new Command("serve", "Run the node: DICOM SCP, study assembly, quantification workers, export, status page.") { config, windowsService, role };
        // A synchronous action: System.CommandLine then installs no Ctrl-C handler of its own, so the host's
        // console lifetime handles SIGINT/SIGTERM and lets running jobs stop cleanly.
        command.SetAction(parse => CliErrors.Run(() =>
        {
            var overrides = parse.GetValue(role) is { } r ? new Dictionary<string, string?> { ["Node:Role"] = r } : null;
            using var host = NodeHost.Build(NodeHost.BuildConfiguration(parse.GetValue(config)?.FullName, overrides), backends, windowsService: parse.GetValue(windowsService));
            host.Run();
            return 0;
        }));
        return command;
    }
}
