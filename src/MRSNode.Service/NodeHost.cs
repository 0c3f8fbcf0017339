using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MRSNode.Messaging;
using MRSNode.Neural.Backend;
using MRSNode.Service.Configuration;
using MRSNode.Service.Export;
using MRSNode.Service.Hosting;
using MRSNode.Service.Intake;
using MRSNode.Service.Maintenance;
using MRSNode.Service.Observability;
using MRSNode.Service.Processing;
using MRSNode.Service.ScaleOut;
using MRSNode.Service.Spool;
using MRSNode.Service.Studies;

namespace MRSNode.Service;

/// <summary>Builds the node: configuration from its sources, options checked as a whole, then the host with one background service per concern.</summary>
public static class NodeHost
{
    /// <summary>
    /// config/appsettings.json beside mrsnode, then <paramref name="configFile"/> (must exist), then environment
    /// variables with the MRSNODE_ prefix (MRSNODE_Node__Port, MRSNODE_Destinations__0__Host), then <paramref name="overrides"/>.
    /// </summary>
    public static IConfigurationRoot BuildConfiguration(string? configFile = null, IEnumerable<KeyValuePair<string, string?>>? overrides = null)
    {
        var builder = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(NodePaths.DefaultConfigDirectory, "appsettings.json"), optional: true, reloadOnChange: false);
        if (configFile is not null)
        {
            var full = Path.GetFullPath(configFile);
            if (!File.Exists(full))
            {
                throw new NodeConfigurationException([$"configuration file {full} does not exist"]);
            }
            builder.AddJsonFile(full, optional: false, reloadOnChange: false);
        }
        builder.AddEnvironmentVariables(NodeOptions.EnvironmentPrefix);
        if (overrides is not null)
        {
            builder.AddInMemoryCollection(overrides);
        }
        try
        {
            return builder.Build();
        }
        catch (InvalidDataException ex)
        {
            throw new NodeConfigurationException([ex.InnerException is { } inner ? $"{ex.Message} {inner.Message}" : ex.Message]); // malformed JSON
        }
    }

    /// <summary>Binds and checks the options; every problem is listed in one exception.</summary>
    public static NodeOptions Options(IConfiguration configuration)
    {
        var options = new NodeOptions();
        try
        {
            configuration.Bind(options);
        }
        catch (InvalidOperationException ex)
        {
            throw new NodeConfigurationException([ex.InnerException?.Message is { } inner ? $"{ex.Message} {inner}" : ex.Message]); // "abc" for a number
        }
        var problems = NodeOptionsValidator.Errors(options);
        return problems.Count == 0 ? options : throw new NodeConfigurationException(problems);
    }

    /// <summary>
    /// The node as a host, not started. Throws <see cref="NodeConfigurationException"/> before anything is created when the
    /// options are invalid, and before the host exists when the workers' pipelines cannot be composed (a device this
    /// machine cannot use, an unreadable config/): nothing listens then.
    /// <paramref name="backends"/>: where the neural method's backend comes from (the CLI's CUDA-capable selector).
    /// <paramref name="windowsService"/>: the service control manager starts and stops the host (<see cref="WindowsServiceLifetime"/>),
    /// and without <paramref name="logging"/> the node logs to &lt;DataDirectory&gt;/logs, since a service's console is lost.
    /// Throws <see cref="WindowsServiceException"/> for it on any other OS.
    /// </summary>
    /// <paramref name="workQueues"/>: opens the broker connection for Queue:Kind rabbitmq (tests pass an in-memory queue);
    /// null = <see cref="BrokerConnection.Open"/>.
    public static IHost Build(IConfiguration configuration, IComputeBackendFactory backends, Action<ILoggingBuilder>? logging = null, bool windowsService = false,
        Func<NodeOptions, ILoggerFactory, IWorkQueue>? workQueues = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(backends);
        if (windowsService && !OperatingSystem.IsWindows())
        {
            throw new WindowsServiceException("--windows-service runs only on Windows; elsewhere run 'mrsnode serve' under the system's service manager (installers/linux for systemd)");
        }
        var options = Options(configuration);
        var pipelines = WorkerPipelines.Compose(options, backends);
        DataDirectoryLock? dataLock = null;
        try
        {
            // Before anything reads or writes the folder: a second node would otherwise recover the first one's work.
            dataLock = DataDirectoryLock.Acquire(NodePaths.DataDirectory(options));
            var host = Build(configuration, options, pipelines, dataLock, NodeRoles.UsesBroker(options) ? workQueues ?? BrokerConnection.Open : null, logging, windowsService);
            _ = host.Services.GetRequiredService<WorkerPipelines>(); // resolved now, so the host disposes it even if it never starts
            _ = host.Services.GetRequiredService<DataDirectoryLock>(); // likewise: the lock is held until the host is disposed
            if (NodeRoles.UsesBroker(options))
            {
                _ = host.Services.GetRequiredService<IWorkQueue>(); // likewise: the broker connection closes with the host
            }
            return host;
        }
        catch
        {
            pipelines.Dispose();
            dataLock?.Dispose();
            throw;
        }
    }

    private static IHost Build(IConfiguration configuration, NodeOptions options, WorkerPipelines pipelines, DataDirectoryLock dataLock, Func<NodeOptions, ILoggerFactory, IWorkQueue>? queue,
        Action<ILoggingBuilder>? logging, bool windowsService)
    {
        var data = NodePaths.DataDirectory(options);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.AddConfiguration(configuration.GetSection("Logging"));
        if (windowsService && OperatingSystem.IsWindows())
        {
            // Replaces the console lifetime the builder registered.
            builder.Services.AddSingleton<IServiceControlManager, NativeServiceControlManager>();
            builder.Services.AddSingleton<IHostLifetime, WindowsServiceLifetime>();
        }
        if (logging is null && windowsService)
        {
            builder.Services.AddSingleton<ILoggerProvider>(_ => new RollingFileLoggerProvider(Path.Combine(data, "logs")));
        }
        else if (logging is null)
        {
            builder.Logging.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z' ";
            });
        }
        else
        {
            logging(builder.Logging);
        }
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));

        var services = builder.Services;
        services.AddSingleton(options);
        services.AddSingleton(_ => pipelines); // from a factory: the container disposes it with the host
        services.AddSingleton(_ => dataLock);
        services.AddSingleton(_ => new AuditTrail(data));
        services.AddSingleton<NodeStatus>();
        services.AddSingleton(_ => new IntakeSpool(data));
        services.AddSingleton(_ => new JobSpool(Path.Combine(data, "jobs")));
        services.AddSingleton<WorkSignal>();
        services.AddSingleton<SpoolStoreHandler>();
        RoleComposition.AddRoleServices(services, options, data, queue);
        return builder.Build();
    }
}
