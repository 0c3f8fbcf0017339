using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace MRSNode.Service.Hosting;

/// <summary>
/// <see cref="IServiceControlManager"/> over advapi32: StartServiceCtrlDispatcherW, RegisterServiceCtrlHandlerExW
/// and SetServiceStatus for one service of type SERVICE_WIN32_OWN_PROCESS.
/// </summary>
[SupportedOSPlatform("windows")]
internal sealed unsafe class NativeServiceControlManager : IServiceControlManager
{
    // The SCM calls ServiceMain through a bare function pointer with no context: the process's one service is kept here.
    private static NativeServiceControlManager? _current;

    private Action? _serviceMain;
    private Func<int, bool>? _control;
    private nint _statusHandle;

    public void RunDispatcher(Action serviceMain, Func<int, bool> control)
    {
        if (Interlocked.CompareExchange(ref _current, this, null) is not null)
        {
            throw new WindowsServiceException("a service dispatcher already runs in this process");
        }
        _serviceMain = serviceMain;
        _control = control;
        try
        {
            // For SERVICE_WIN32_OWN_PROCESS the SCM ignores the name, but it must not be null.
            fixed (char* name = "")
            {
                var table = stackalloc NativeMethods.ServiceTableEntry[2];
                table[0] = new NativeMethods.ServiceTableEntry { ServiceName = name, ServiceMain = &ServiceMain };
                table[1] = default;
                if (!NativeMethods.StartServiceCtrlDispatcherW(table))
                {
                    var error = Marshal.GetLastPInvokeError();
                    throw new WindowsServiceException(error == NativeMethods.ErrorFailedServiceControllerConnect
                        ? "--windows-service needs the process to be started by the Windows service control manager (Start-Service MRSNode); run 'mrsnode serve' without it from a console"
                        : $"StartServiceCtrlDispatcher failed: {new Win32Exception(error).Message} ({error})");
                }
            }
        }
        finally
        {
            Volatile.Write(ref _current, null);
        }
    }

    public void ReportStatus(ServiceStatusReport status)
    {
        var native = new NativeMethods.ServiceStatus
        {
            ServiceType = NativeMethods.ServiceWin32OwnProcess,
            CurrentState = (int)status.State,
            ControlsAccepted = (int)status.AcceptedControls,
            Win32ExitCode = status.Win32ExitCode,
            ServiceSpecificExitCode = status.ServiceSpecificExitCode,
            CheckPoint = status.CheckPoint,
            WaitHint = (int)status.WaitHint.TotalMilliseconds,
        };
        if (!NativeMethods.SetServiceStatus(Volatile.Read(ref _statusHandle), &native))
        {
            var error = Marshal.GetLastPInvokeError();
            throw new WindowsServiceException($"SetServiceStatus({status.State}) failed: {new Win32Exception(error).Message} ({error})");
        }
    }

    /// <summary>The SCM's call on a thread of its own; the handler must be registered before any status is reported.</summary>
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvStdcall)])]
    private static void ServiceMain(int argc, char** argv)
    {
        var self = Volatile.Read(ref _current);
        if (self is null)
        {
            return;
        }
        var name = argc > 0 && argv[0] is not null ? new string(argv[0]) : "";
        var handle = NativeMethods.RegisterServiceCtrlHandlerExW(name, &HandlerEx, 0);
        if (handle == 0)
        {
            // Without a handle no status can reach the SCM, not even STOPPED: end the process so its recovery actions apply.
            Environment.FailFast($"RegisterServiceCtrlHandlerEx failed ({Marshal.GetLastPInvokeError()})");
        }
        Volatile.Write(ref self._statusHandle, handle);
        self._serviceMain!();
    }

    /// <summary>HandlerEx: runs on the dispatcher thread; NO_ERROR for a handled control.</summary>
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvStdcall)])]
    private static int HandlerEx(int control, int eventType, nint eventData, nint context) =>
        Volatile.Read(ref _current)?._control?.Invoke(control) == true ? NativeMethods.NoError : NativeMethods.ErrorCallNotImplemented;
}
