using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MRSNode.Service.Hosting;

/// <summary>
/// The host's lifetime under `mrsnode serve --windows-service`. The host starts once the service control manager
/// starts the service; the SCM hears START_PENDING while the hosted services start, RUNNING (accepting STOP and
/// SHUTDOWN) once they have, STOP_PENDING while they stop and STOPPED when the host has stopped. STOP or SHUTDOWN
/// stops the host. Pending states carry a wait hint and a rising checkpoint so the SCM does not give up on a slow
/// spool recovery or a job finishing. Every SCM call goes through <see cref="IServiceControlManager"/>.
/// </summary>
internal sealed partial class WindowsServiceLifetime : IHostLifetime, IDisposable
{
    /// <summary>ERROR_SERVICE_SPECIFIC_ERROR: tells the SCM to read the service-specific exit code.</summary>
    internal const int ServiceSpecificErrorCode = 1066;
    /// <summary>Service-specific exit code: the host failed to start.</summary>
    internal const int StartFailedExitCode = 1;
    /// <summary>Service-specific exit code: the host stopped without the SCM asking (a hosted service failed).</summary>
    internal const int StoppedUnaskedExitCode = 2;

    private static readonly TimeSpan _defaultWaitHint = TimeSpan.FromSeconds(10);

    private readonly IServiceControlManager _scm;
    private readonly IHostApplicationLifetime _application;
    private readonly ILogger _logger;
    private readonly TimeSpan _waitHint;
    private readonly TaskCompletionSource _serviceMainCalled = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _lock = new();
    private readonly Timer _checkPointTimer;
    private readonly List<CancellationTokenRegistration> _registrations = [];
    private Thread? _dispatcher;
    private ServiceState? _state; // null until the SCM has called ServiceMain
    private int _checkPoint;
    private bool _stopAskedByScm;

    public WindowsServiceLifetime(IServiceControlManager scm, IHostApplicationLifetime application, ILogger<WindowsServiceLifetime> logger)
        : this(scm, application, logger, _defaultWaitHint)
    {
    }

    /// <summary><paramref name="waitHint"/>: how long the SCM waits for the next checkpoint; it rises three times as often.</summary>
    internal WindowsServiceLifetime(IServiceControlManager scm, IHostApplicationLifetime application, ILogger<WindowsServiceLifetime> logger, TimeSpan waitHint)
    {
        _scm = scm;
        _application = application;
        _logger = logger;
        _waitHint = waitHint;
        _checkPointTimer = new Timer(_ => RaiseCheckPoint());
    }

    public Task WaitForStartAsync(CancellationToken cancellationToken)
    {
        _registrations.Add(_application.ApplicationStarted.Register(() => Enter(ServiceState.Running)));
        _registrations.Add(_application.ApplicationStopping.Register(() => Enter(ServiceState.StopPending)));
        // StartServiceCtrlDispatcher blocks until the service has stopped: it gets a thread of its own.
        _dispatcher = new Thread(RunDispatcher) { IsBackground = true, Name = "SCM dispatcher" };
        _dispatcher.Start();
        return _serviceMainCalled.Task.WaitAsync(cancellationToken);
    }

    /// <summary>The host calls this after its hosted services have stopped.</summary>
    public Task StopAsync(CancellationToken cancellationToken)
    {
        bool asked;
        lock (_lock)
        {
            asked = _stopAskedByScm;
        }
        ReportStopped(asked ? 0 : StoppedUnaskedExitCode);
        return Task.CompletedTask;
    }

    /// <summary>Without a <see cref="StopAsync"/> before it, the host failed to start (Host.RunAsync then disposes without stopping).</summary>
    public void Dispose()
    {
        ServiceState? state;
        lock (_lock)
        {
            state = _state;
        }
        ReportStopped(state == ServiceState.Running ? StoppedUnaskedExitCode : StartFailedExitCode);
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }
        _checkPointTimer.Dispose();
        if (state is not null && _dispatcher is { IsAlive: true } dispatcher)
        {
            dispatcher.Join(TimeSpan.FromSeconds(5)); // STOPPED is reported: the dispatcher returns; let it before the process ends
        }
    }

    private void RunDispatcher()
    {
        try
        {
            _scm.RunDispatcher(OnServiceMain, OnControl);
            // It returns before ServiceMain only when the SCM gave up on the service.
            _serviceMainCalled.TrySetException(new WindowsServiceException("the service control manager ended the service before starting it"));
        }
        catch (WindowsServiceException ex)
        {
            _serviceMainCalled.TrySetException(ex);
        }
    }

    private void OnServiceMain()
    {
        Enter(ServiceState.StartPending);
        _serviceMainCalled.TrySetResult();
    }

    /// <summary>Runs on the dispatcher thread, which must answer the SCM at once.</summary>
    private bool OnControl(int control)
    {
        switch (control)
        {
            case ServiceControlCode.Stop:
            case ServiceControlCode.Shutdown:
                lock (_lock)
                {
                    _stopAskedByScm = true;
                }
                LogControl(control == ServiceControlCode.Stop ? "stop" : "shutdown");
                Enter(ServiceState.StopPending);
                // StopApplication runs the stopping callbacks inline: not on the dispatcher thread.
                ThreadPool.QueueUserWorkItem(_ => _application.StopApplication());
                return true;
            case ServiceControlCode.Interrogate:
                return true; // the SCM keeps the last reported status
            default:
                return false;
        }
    }

    private void Enter(ServiceState next)
    {
        lock (_lock)
        {
            var allowed = next switch
            {
                ServiceState.StartPending => _state is null,
                ServiceState.Running => _state == ServiceState.StartPending,
                ServiceState.StopPending => _state is ServiceState.StartPending or ServiceState.Running,
                _ => false,
            };
            if (!allowed)
            {
                return;
            }
            _state = next;
            _checkPoint = next == ServiceState.Running ? 0 : 1;
            Report(0, 0);
            var interval = next == ServiceState.Running ? Timeout.InfiniteTimeSpan : _waitHint / 3;
            _checkPointTimer.Change(interval, interval);
        }
        LogState(next);
    }

    private void ReportStopped(int serviceSpecificExitCode)
    {
        lock (_lock)
        {
            if (_state is null or ServiceState.Stopped)
            {
                return;
            }
            _state = ServiceState.Stopped;
            _checkPoint = 0;
            _checkPointTimer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            Report(serviceSpecificExitCode == 0 ? 0 : ServiceSpecificErrorCode, serviceSpecificExitCode);
        }
        LogStopped(serviceSpecificExitCode);
    }

    private void RaiseCheckPoint()
    {
        lock (_lock)
        {
            if (_state is ServiceState.StartPending or ServiceState.StopPending)
            {
                _checkPoint++;
                Report(0, 0);
            }
        }
    }

    /// <summary>Under the lock, so the SCM sees the states in order.</summary>
    private void Report(int win32ExitCode, int serviceSpecificExitCode)
    {
        var state = _state!.Value;
        var pending = state is ServiceState.StartPending or ServiceState.StopPending;
        var accepted = state == ServiceState.Running ? ServiceAcceptedControls.Stop | ServiceAcceptedControls.Shutdown : ServiceAcceptedControls.None;
        try
        {
            _scm.ReportStatus(new ServiceStatusReport(state, accepted, win32ExitCode, serviceSpecificExitCode, _checkPoint, pending ? _waitHint : TimeSpan.Zero));
        }
        catch (WindowsServiceException ex)
        {
            LogReportFailed(state, ex.Message);
        }
    }

    [LoggerMessage(EventId = 1700, Level = LogLevel.Information, Message = "Windows service: {State}")]
    private partial void LogState(ServiceState state);

    [LoggerMessage(EventId = 1701, Level = LogLevel.Information, Message = "Windows service: {Control} requested by the service control manager")]
    private partial void LogControl(string control);

    [LoggerMessage(EventId = 1702, Level = LogLevel.Information, Message = "Windows service: stopped (service-specific exit code {ExitCode})")]
    private partial void LogStopped(int exitCode);

    [LoggerMessage(EventId = 1703, Level = LogLevel.Warning, Message = "Windows service: reporting {State} failed: {Error}")]
    private partial void LogReportFailed(ServiceState state, string error);
}
