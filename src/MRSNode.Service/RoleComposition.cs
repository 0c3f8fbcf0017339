using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MRSNode.Messaging;
using MRSNode.Service.Configuration;
using MRSNode.Service.Export;
using MRSNode.Service.Intake;
using MRSNode.Service.Maintenance;
using MRSNode.Service.Observability;
using MRSNode.Service.Processing;
using MRSNode.Service.ScaleOut;
using MRSNode.Service.SharedStore;
using MRSNode.Service.Spool;
using MRSNode.Service.Studies;

namespace MRSNode.Service;

/// <summary>
/// The one place that decides which background services a node runs for its Node:Role: all (Queue:Kind file) is the
/// single node (SCP, assembly, workers, export); intake, worker and export (Queue:Kind rabbitmq) each run their part
/// and meet through the broker and the shared store (docs/scale-out.md).
/// </summary>
internal static class RoleComposition
{
    /// <param name="queue">Opens the broker connection (Queue:Kind rabbitmq); null for the file spool.</param>
    public static void AddRoleServices(IServiceCollection services, NodeOptions options, string dataDirectory, Func<NodeOptions, ILoggerFactory, IWorkQueue>? queue)
    {
        var role = NodeRoles.Of(options);
        services.AddSingleton(_ => new Outbox(dataDirectory, options.Destinations));
        services.AddSingleton<IOutputPublisher>(sp => role is NodeRole.All or NodeRole.Export
            ? sp.GetRequiredService<Outbox>()
            : new OutputsStayInJobFolder()); // the forwarder or the job consumer files them in the shared store
        services.AddSingleton(sp => new NotProcessedReport(sp.GetRequiredService<IOutputPublisher>(), NodePipelineSettings.From(options)));
        if (queue is not null)
        {
            // The lease is IDisposable too, so the container can close the connection from the host's synchronous Dispose.
            services.AddSingleton<IWorkQueue>(sp => new WorkQueueLease(queue(options, sp.GetRequiredService<ILoggerFactory>())));
            services.AddSingleton(_ => new SharedJobStore(options.Queue.SharedStore));
            services.AddSingleton(_ => new ScaleOutStatus(role));
        }

        // Start order matters: recovery before anything reads the spool, the SCP only once the spool is sound.
        services.AddHostedService<SpoolRecovery>();
        if (role == NodeRole.Worker)
        {
            services.AddHostedService<WorkerSpoolReset>(); // before the workers: the broker holds this worker's unfinished jobs
        }
        AddHosted<StatusWebService>(services);
        if (role is NodeRole.All or NodeRole.Intake)
        {
            AddHosted<IntakeService>(services);
            services.AddHostedService<AssemblyService>();
        }
        if (role is NodeRole.All or NodeRole.Worker)
        {
            services.AddHostedService<WorkerService>();
        }
        if (role is NodeRole.All or NodeRole.Export)
        {
            if (role == NodeRole.Export)
            {
                services.AddSingleton(_ => new SentLedger(options.Queue.SharedStore, NodeIdentity.Of(dataDirectory)));
            }
            services.AddHostedService<ExportService>();
        }
        switch (role)
        {
            case NodeRole.Intake:
                AddHosted<JobForwarder>(services);
                break;
            case NodeRole.Worker:
                AddHosted<JobConsumer>(services);
                break;
            case NodeRole.Export:
                AddHosted<ExportConsumer>(services);
                break;
        }
        if (queue is not null)
        {
            services.AddHostedService<QueueMonitor>();
        }
        services.AddHostedService<RetentionService>();
    }

    /// <summary>A hosted service that others (tests, the CLI) can also resolve to ask for its bound port.</summary>
    public static void AddHosted<T>(IServiceCollection services) where T : class, IHostedService
    {
        services.AddSingleton<T>();
        services.AddHostedService(sp => sp.GetRequiredService<T>());
    }
}
