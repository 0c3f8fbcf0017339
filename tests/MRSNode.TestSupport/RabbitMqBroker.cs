using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace MRSNode.TestSupport;

/// <summary>
/// A real RabbitMQ broker for tests: Debian's rabbitmq-server on loopback with its own node name, ports, Erlang cookie
/// (HOME), data and log folders, and its own epmd, so several can run side by side and none touches a system broker.
/// <see cref="StopAsync"/>/<see cref="StartAsync"/> keep the data folder and ports (a broker outage and its return);
/// <see cref="KillAsync"/> is a crash. Dispose stops every process it started and deletes the folder.
/// A start costs about 5 s here (Erlang boot), so tests share one broker per test class where they can.
/// </summary>
public sealed class RabbitMqBroker : IAsyncDisposable
{
    /// <summary>The broker's start script (the /usr/sbin wrapper would switch to the rabbitmq user).</summary>
    public const string Server = "/usr/lib/rabbitmq/bin/rabbitmq-server";

    public const string Ctl = "/usr/lib/rabbitmq/bin/rabbitmqctl";

    /// <summary>Erlang's port mapper; started by the fixture on its own port so it dies with the fixture.</summary>
    public const string Epmd = "/usr/bin/epmd";

    /// <summary>How long a start may take before the fixture gives up (Erlang boot on a busy 2-core CI machine).</summary>
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(90);

    private readonly Dictionary<string, string> _environment;
    private readonly Queue<string> _outputTail = new();
    private Process? _epmd;
    private Process? _server;

    private RabbitMqBroker(string folder, string nodeName, int amqpPort, int? tlsPort, Dictionary<string, string> environment)
    {
        Folder = folder;
        NodeName = nodeName;
        AmqpPort = amqpPort;
        TlsPort = tlsPort;
        _environment = environment;
    }

    /// <summary>Why a broker test cannot run here (null when it can); fails instead under MRSNODE_REQUIRE_PEERS=1.</summary>
    public static string? MissingReason => Peers.MissingReason(Server) ?? Peers.MissingReason(Epmd);

    public string Folder { get; }

    public string NodeName { get; }

    public int AmqpPort { get; }

    /// <summary>The TLS listener's port when the broker was started with certificates.</summary>
    public int? TlsPort { get; }

    /// <summary>The broker's default user (guest may log in from loopback only), default virtual host.</summary>
    public Uri Uri => new($"amqp://guest:guest@127.0.0.1:{AmqpPort.ToString(CultureInfo.InvariantCulture)}/");

    /// <summary>The TLS listener (amqps) as localhost, the name in <see cref="TestCertificates.Server"/>.</summary>
    public Uri? TlsUri => TlsPort is { } p ? new($"amqps://guest:guest@localhost:{p.ToString(CultureInfo.InvariantCulture)}/") : null;

    /// <summary>True while the broker's process runs.</summary>
    public bool Running => _server is { HasExited: false };

    /// <summary>
    /// Starts a fresh broker and waits until it answers AMQP. With <paramref name="certificates"/> it also listens
    /// for amqps on <see cref="TlsPort"/> (server certificate from them; with <paramref name="requireClientCertificate"/>
    /// a client must present one their authority issued).
    /// </summary>
    public static async Task<RabbitMqBroker> StartNewAsync(TestCertificates? certificates = null, bool requireClientCertificate = false)
    {
        var folder = TestData.NewTempFolder();
        var nodeName = "mrsnode-test-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)) + "@localhost";
        int amqpPort = Ports.Free(), distPort = Ports.Free(), epmdPort = Ports.Free();
        int? tlsPort = certificates is null ? null : Ports.Free();
        File.WriteAllText(Path.Combine(folder, "enabled_plugins"), "[].\n");
        File.WriteAllText(Path.Combine(folder, "rabbitmq-env.conf"), "");
        File.WriteAllText(Path.Combine(folder, "rabbitmq.conf"), Config(amqpPort, tlsPort, certificates, requireClientCertificate));
        var environment = new Dictionary<string, string>
        {
            ["HOME"] = folder, // the Erlang cookie: created here, read here by rabbitmqctl
            ["RABBITMQ_NODENAME"] = nodeName,
            ["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1",
            ["RABBITMQ_NODE_PORT"] = amqpPort.ToString(CultureInfo.InvariantCulture),
            ["RABBITMQ_DIST_PORT"] = distPort.ToString(CultureInfo.InvariantCulture),
            ["ERL_EPMD_PORT"] = epmdPort.ToString(CultureInfo.InvariantCulture),
            ["RABBITMQ_MNESIA_BASE"] = Path.Combine(folder, "mnesia"),
            ["RABBITMQ_LOG_BASE"] = Path.Combine(folder, "log"),
            ["RABBITMQ_CONFIG_FILE"] = Path.Combine(folder, "rabbitmq.conf"),
            ["RABBITMQ_ADVANCED_CONFIG_FILE"] = Path.Combine(folder, "advanced.config"),
            ["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(folder, "enabled_plugins"),
            ["RABBITMQ_CONF_ENV_FILE"] = Path.Combine(folder, "rabbitmq-env.conf"),
            ["RABBITMQ_PLUGINS_EXPAND_DIR"] = Path.Combine(folder, "plugins-expand"),
            ["RABBITMQ_PID_FILE"] = Path.Combine(folder, "rabbitmq.pid"),
            // Erlang distribution (rabbitmqctl's way in) on loopback only.
            ["RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS"] = "-kernel inet_dist_use_interface {127,0,0,1}",
        };
        var broker = new RabbitMqBroker(folder, nodeName, amqpPort, tlsPort, environment);
        try
        {
            broker.StartEpmd(epmdPort);
            await broker.StartAsync();
            return broker;
        }
        catch
        {
            await broker.DisposeAsync();
            throw;
        }
    }

    private static string Config(int amqpPort, int? tlsPort, TestCertificates? certificates, bool requireClientCertificate)
    {
        var lines = new List<string>
        {
            $"listeners.tcp.1 = 127.0.0.1:{amqpPort}",
            "log.console = false",
            "log.file.level = info",
            // A test machine's disk may be nearly full; the default 50 MB alarm would block publishers.
            "disk_free_limit.absolute = 1MB",
        };
        if (tlsPort is { } p && certificates is not null)
        {
            lines.Add($"listeners.ssl.1 = 127.0.0.1:{p}");
            lines.Add($"ssl_options.cacertfile = {certificates.AuthorityPem}");
            lines.Add($"ssl_options.certfile = {certificates.ServerCertPem}");
            lines.Add($"ssl_options.keyfile = {certificates.ServerKeyPem}");
            lines.Add("ssl_options.verify = verify_peer");
            lines.Add("ssl_options.fail_if_no_peer_cert = " + (requireClientCertificate ? "true" : "false"));
        }
        return string.Join('\n', lines) + "\n";
    }

    private void StartEpmd(int port)
    {
        // In the foreground (no -daemon): a child of the test process that Dispose can end, unlike the daemon Erlang
        // would start by itself and leave behind.
        _epmd = Peers.StartBackground(Epmd, ["-port", port.ToString(CultureInfo.InvariantCulture), "-address", "127.0.0.1"]);
    }

    /// <summary>Starts the broker (again, after <see cref="StopAsync"/> or <see cref="KillAsync"/>) on the same ports and data.</summary>
    public async Task StartAsync()
    {
        if (Running)
        {
            return;
        }
        var psi = new ProcessStartInfo(Server) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = Folder };
        foreach (var (name, value) in _environment)
        {
            psi.Environment[name] = value;
        }
        var process = Process.Start(psi) ?? throw new InvalidOperationException($"{Server} did not start");
        process.OutputDataReceived += (_, e) => Remember(e.Data);
        process.ErrorDataReceived += (_, e) => Remember(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _server = process;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < StartLimit)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"rabbitmq-server exited with {process.ExitCode} during start: {OutputTail()}");
            }
            if (await AnswersAmqpAsync(AmqpPort))
            {
                StartDuration = clock.Elapsed;
                return;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }
        await KillAsync();
        throw new InvalidOperationException($"rabbitmq-server did not answer AMQP within {StartLimit.TotalSeconds} s: {OutputTail()}");
    }

    /// <summary>How long the last start took until AMQP answered (measured, for the fixture's cost).</summary>
    public TimeSpan StartDuration { get; private set; }

    /// <summary>Stops the broker the way an operator would (rabbitmqctl stop: a clean shutdown); data and ports stay for <see cref="StartAsync"/>.</summary>
    public async Task StopAsync()
    {
        if (_server is not { } p)
        {
            return;
        }
        if (!p.HasExited && (await Task.Run(() => Control("stop"))).ExitCode == 0)
        {
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            try
            {
                await p.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                // A shutdown that hangs is ended the hard way; the process must not outlive the test.
            }
        }
        await EndAsync(p);
    }

    /// <summary>Kills the broker and every process it started (SIGKILL: a crash or a pulled cable); data stays.</summary>
    public async Task KillAsync()
    {
        if (_server is { } p)
        {
            await EndAsync(p);
        }
    }

    private async Task EndAsync(Process p)
    {
        _server = null;
        try
        {
            p.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // already gone
        }
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await p.WaitForExitAsync(wait.Token);
        p.Dispose();
    }

    /// <summary>The broker's URI for <paramref name="virtualHost"/> (one made by <see cref="AddVirtualHosts"/>).</summary>
    public Uri VirtualHostUri(string virtualHost) => new(Uri, Uri.EscapeDataString(virtualHost));

    /// <summary>
    /// Adds virtual hosts guest may use, in one rabbitmqctl call (each call boots an Erlang VM: about a second). Tests
    /// that share a broker take one each instead of deleting and re-declaring queues: RabbitMQ 3.10 may refuse a
    /// quorum queue declared again a moment after it was deleted (INTERNAL_ERROR, or its publishes nacked).
    /// </summary>
    public void AddVirtualHosts(IReadOnlyCollection<string> names)
    {
        var definitions = Path.Combine(Folder, $"vhosts-{Guid.NewGuid():N}.json");
        var vhosts = string.Join(',', names.Select(n => $"{{\"name\":\"{n}\"}}"));
        var permissions = string.Join(',', names.Select(n => $"{{\"user\":\"guest\",\"vhost\":\"{n}\",\"configure\":\".*\",\"write\":\".*\",\"read\":\".*\"}}"));
        File.WriteAllText(definitions, $"{{\"vhosts\":[{vhosts}],\"permissions\":[{permissions}]}}");
        var result = Control("import_definitions", definitions);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"rabbitmqctl import_definitions failed ({result.ExitCode}): {result.StdErr}{result.StdOut}");
        }
    }

    /// <summary>Runs rabbitmqctl against this broker (e.g. list_queues name type).</summary>
    public Peers.Result Control(params string[] args) => Peers.Run(Ctl, args, TimeSpan.FromSeconds(60), _environment);

    /// <summary>True when the port speaks AMQP: the broker answers our protocol header with a Connection.Start frame.</summary>
    private static async Task<bool> AnswersAmqpAsync(int port)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port, timeout.Token);
            var stream = client.GetStream();
            await stream.WriteAsync("AMQP\0\0\u0009\u0001"u8.ToArray(), timeout.Token);
            var first = new byte[1];
            int read = await stream.ReadAsync(first, timeout.Token);
            return read == 1 && first[0] == 1; // frame type 1: a method frame (Connection.Start)
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException)
        {
            return false;
        }
    }

    private void Remember(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_outputTail)
        {
            _outputTail.Enqueue(line);
            while (_outputTail.Count > 40)
            {
                _outputTail.Dequeue();
            }
        }
    }

    private string OutputTail()
    {
        lock (_outputTail)
        {
            return string.Join('\n', _outputTail);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        if (_epmd is { } epmd)
        {
            _epmd = null;
            try
            {
                epmd.Kill(entireProcessTree: true);
                await epmd.WaitForExitAsync();
            }
            catch (InvalidOperationException)
            {
                // already gone
            }
            epmd.Dispose();
        }
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // a file still held open; the temp folder is cleaned by the machine
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
