using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace MRSNode.TestSupport;

/// <summary>Loopback ports for tests that start servers (ours or a peer's).</summary>
public static class Ports
{
    private static readonly HashSet<int> s_handedOut = [];

    /// <summary>
    /// A port that was free a moment ago (bind to 0, read, release), never one this process handed out before: tests
    /// run in parallel, and the OS may offer a just-released port again before the first test's server has bound it
    /// (two nodes on one port: a study sent to one lands in the other's spool).
    /// </summary>
    public static int Free()
    {
        while (true)
        {
            var l = new TcpListener(IPAddress.Loopback, 0);
            l.Start();
            int port = ((IPEndPoint)l.LocalEndpoint).Port;
            l.Stop();
            lock (s_handedOut)
            {
                if (s_handedOut.Add(port))
                {
                    return port;
                }
            }
        }
    }

    /// <summary>
    /// True once something accepts connections on the port, false when nothing has by the deadline (10 s unless
    /// given). Polls instead of sleeping a fixed time: a peer that starts slowly on a busy machine still gets its
    /// time, and one that is quick costs none.
    /// </summary>
    public static async Task<bool> WaitListening(int port, TimeSpan? timeout = null)
    {
        var deadline = Stopwatch.StartNew();
        var limit = timeout ?? TimeSpan.FromSeconds(10);
        while (true)
        {
            try
            {
                using var c = new TcpClient();
                await c.ConnectAsync(IPAddress.Loopback, port);
                return true;
            }
            catch (SocketException) when (deadline.Elapsed < limit)
            {
                await Task.Delay(PollInterval);
            }
            catch (SocketException)
            {
                return false;
            }
        }
    }

    /// <summary>How often a wait for a peer asks again.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);
}
