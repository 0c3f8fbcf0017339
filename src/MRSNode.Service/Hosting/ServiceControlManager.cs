namespace MRSNode.Service.Hosting;

/// <summary>SERVICE_STATUS.dwCurrentState values the node reports (winsvc.h).</summary>
internal enum ServiceState
{
    Stopped = 1,
    StartPending = 2,
    StopPending = 3,
    Running = 4,
}

/// <summary>SERVICE_ACCEPT_* flags: the controls the SCM may send in the reported state.</summary>
[Flags]
internal enum ServiceAcceptedControls
{
    None = 0,
    Stop = 0x1,
    Shutdown = 0x4,
}

/// <summary>SERVICE_CONTROL_* codes the node handles; the SCM may send others.</summary>
internal static class ServiceControlCode
{
    public const int Stop = 1;
    public const int Interrogate = 4;
    public const int Shutdown = 5;
}

/// <summary>One SetServiceStatus call. The exit codes count only with <see cref="ServiceState.Stopped"/>.</summary>
internal readonly record struct ServiceStatusReport(
    ServiceState State,
    ServiceAcceptedControls AcceptedControls,
    int Win32ExitCode,
    int ServiceSpecificExitCode,
    int CheckPoint,
    TimeSpan WaitHint);

/// <summary>
/// What <see cref="WindowsServiceLifetime"/> needs from the service control manager; the seam between its
/// state machine and the advapi32 calls (<see cref="NativeServiceControlManager"/>), so tests can stand in for the SCM.
/// </summary>
internal interface IServiceControlManager
{
    /// <summary>
    /// Connects to the SCM and blocks until the service has reported <see cref="ServiceState.Stopped"/>.
    /// <paramref name="serviceMain"/> runs once, on a thread of the SCM's, when it starts the service; no status may be
    /// reported before it. <paramref name="control"/> gets each control code and says whether it was handled.
    /// Throws <see cref="WindowsServiceException"/> when the process was not started by the SCM.
    /// </summary>
    void RunDispatcher(Action serviceMain, Func<int, bool> control);

    /// <summary>Throws <see cref="WindowsServiceException"/> when the SCM refuses the status.</summary>
    void ReportStatus(ServiceStatusReport status);
}
