using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MRSNode.Service.Configuration;
using MRSNode.Service.Export;
using MRSNode.Service.Intake;
using MRSNode.Service.Spool;

namespace MRSNode.Service.Observability;

/// <summary>
/// The local HTTP endpoints on Status:ListenAddress:Status:Port (127.0.0.1 by default; port 0 = off):
/// / (HTML status page), /status (the same as JSON), /health (200 with "ok", or "degraded" and the reasons: <see cref="NodeHealth"/>).
/// Every request passes <see cref="StatusRequestGuard"/> first (Host header, optional bearer token).
/// </summary>
public sealed partial class StatusWebService(NodeOptions options, NodeStatus status, IntakeSpool intake, JobSpool jobs, Outbox outbox, ILogger<StatusWebService> logger, ScaleOutStatus? scaleOut = null)
    : IHostedService, IAsyncDisposable
{
    private WebApplication? _app;

    /// <summary>The bound URL once started (null when off).</summary>
    public Uri? Address { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Status.Port == 0)
        {
            return;
        }
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders(); // the node logs; Kestrel's request logs would only add noise
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Parse(options.Status.ListenAddress), options.Status.Port));
        var app = builder.Build();
        StatusSnapshot Snapshot() => StatusSnapshot.Take(options, status, intake, jobs, outbox, scaleOut);
        var guard = new StatusRequestGuard(options.Status);
        app.Use(async (context, next) =>
        {
            if (guard.Refusal(context.Request) is { } refusal)
            {
                context.Response.StatusCode = refusal;
                if (refusal == StatusCodes.Status401Unauthorized)
                {
                    context.Response.Headers.WWWAuthenticate = "Bearer";
                }
                return;
            }
            await next(context).ConfigureAwait(false);
        });
        // 200 with "degraded" and the reasons: the node still runs (a monitor alarms on the body); a 503 would make a
        // supervisor that restarts unhealthy services restart it during a PACS outage, which helps nothing.
        app.MapGet("/health", () => Results.Json(NodeHealth.Evaluate(options, status, outbox, DateTimeOffset.UtcNow, scaleOut)));
        app.MapGet("/status", () => Results.Json(Snapshot()));
        app.MapGet("/", () => Results.Content(StatusPage.Render(Snapshot()), "text/html; charset=utf-8"));
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw new NodeConfigurationException([$"Status:Port {options.Status.Port} on {options.Status.ListenAddress} cannot be used: {ex.Message}"]);
        }
        _app = app;
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        Address = bound is null ? null : new Uri(bound);
        LogListening(bound ?? "?");
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is { } app)
        {
            await app.StopAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is { } app)
        {
            _app = null;
            await app.DisposeAsync().ConfigureAwait(false);
        }
    }

    [LoggerMessage(EventId = 1600, Level = LogLevel.Information, Message = "status page on {Address} (/health, /status)")]
    private partial void LogListening(string address);
}
