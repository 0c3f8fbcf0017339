using MRSNode.Service.Hosting;

namespace MRSNode.Service.Tests;

/// <summary>
/// Stands in for the service control manager: calls ServiceMain on a thread of its own as the SCM does, records every
/// status, sends controls on request, and ends the dispatcher once STOPPED is reported.
/// </summary>
internal sealed class FakeServiceControlManager : IServiceControlManager, IDisposable
{
    private readonly Lock _lock = new();
    private readonly List<ServiceStatusReport> _reports = [];
    private readonly ManualResetEventSlim _stopped = new();
    private Func<int, bool>? _control;

    /// <summary>False: the process was not started by the SCM (StartServiceCtrlDispatcher fails).</summary>
    public bool StartsService { get; init; } = true;

    public bool DispatcherReturned { get; private set; }

    public IReadOnlyList<ServiceStatusReport> Reports
    {
        get
        {
            lock (_lock)
            {
                return [.. _reports];
            }
        }
    }

    public ServiceState? LastState => Reports.Count == 0 ? null : Reports[^1].State;

    public void RunDispatcher(Action serviceMain, Func<int, bool> control)
    {
        if (!StartsService)
        {
            throw new WindowsServiceException("not started by the service control manager");
        }
        _control = control;
        new Thread(() => serviceMain()) { IsBackground = true }.Start();
        _stopped.Wait();
        DispatcherReturned = true;
    }

    public void ReportStatus(ServiceStatusReport status)
    {
        lock (_lock)
        {
            _reports.Add(status);
        }
        if (status.State == ServiceState.Stopped)
        {
            _stopped.Set();
        }
    }

    /// <summary>A control as the SCM sends it (on its dispatcher thread); true when handled.</summary>
    public bool Send(int control) => _control!(control);

    public async Task<bool> WaitUntilAsync(Func<IReadOnlyList<ServiceStatusReport>, bool> condition, TimeSpan? timeout = null)
    {
        var end = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (!condition(Reports))
        {
            if (DateTime.UtcNow > end)
            {
                return false;
            }
            await Task.Delay(10);
        }
        return true;
    }

    public void Dispose() => _stopped.Dispose();
}
