using MRSNode.TestSupport;

namespace MRSNode.Cli.Tests;

/// <summary>Runs the built `mrsnode` (copied next to the tests by the project reference) as a real process.</summary>
internal static class MrsnodeProcess
{
    private static readonly string _dll = Path.Combine(AppContext.BaseDirectory, "mrsnode.dll");

    public static Peers.Result Run(params string[] args) => Peers.Run("dotnet", [_dll, .. args]);

    public static Peers.Result Run(IReadOnlyDictionary<string, string> environment, params string[] args) => Peers.Run("dotnet", [_dll, .. args], environment: environment);
}
