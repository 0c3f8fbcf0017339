using System.Net.Sockets;
using MRSNode.TestSupport;
using Xunit;
using Xunit.Abstractions;

namespace MRSNode.Messaging.Tests.RabbitMq;

/// <summary>The test broker fixture itself: it leaves no process and no port behind.</summary>
[InteropTest]
public sealed class RabbitMqBrokerTests(ITestOutputHelper output)
{
    [PeerFact(RabbitMqBroker.Server, RabbitMqBroker.Epmd)]
    public async Task DisposeAsync_AfterStopAndStart_NoProcessOfItsNodeAndNoListenerLeft()
    {
        var broker = await RabbitMqBroker.StartNewAsync();
        string node = broker.NodeName, folder = broker.Folder;
        int port = broker.AmqpPort;
        output.WriteLine($"first start {broker.StartDuration.TotalSeconds:0.0} s");
        await broker.StopAsync();
        Assert.False(broker.Running);
        await broker.StartAsync();
        Assert.True(broker.Running);
        output.WriteLine($"restart {broker.StartDuration.TotalSeconds:0.0} s");
        var status = broker.Control("status");
        Assert.Equal(0, status.ExitCode);
        Assert.Contains(node, status.StdOut, StringComparison.Ordinal);

        await broker.DisposeAsync();

        Assert.Empty(ProcessesMentioning(node));
        Assert.Empty(ProcessesMentioning(folder)); // epmd and the cookie's HOME
        Assert.False(Directory.Exists(folder));
        using var client = new TcpClient();
        await Assert.ThrowsAsync<SocketException>(() => client.ConnectAsync("127.0.0.1", port));
    }

    /// <summary>Live processes whose command line or environment names <paramref name="text"/>.</summary>
    private static List<int> ProcessesMentioning(string text)
    {
        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out int pid))
            {
                continue;
            }
            try
            {
                var cmdline = File.ReadAllText(Path.Combine(dir, "cmdline"));
                var environ = File.ReadAllText(Path.Combine(dir, "environ"));
                var state = File.ReadAllText(Path.Combine(dir, "stat"));
                bool zombie = state.Split(") ").ElementAtOrDefault(1)?.StartsWith('Z') == true;
                if (!zombie && (cmdline.Contains(text, StringComparison.Ordinal) || environ.Contains(text, StringComparison.Ordinal)))
                {
                    found.Add(pid);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // gone meanwhile, or not ours to read
            }
        }
        return found;
    }
}
