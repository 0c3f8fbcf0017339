using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace MRSNode.Service.Hosting;

/// <summary>The advapi32 service functions (winsvc.h) behind <see cref="NativeServiceControlManager"/>.</summary>
[SupportedOSPlatform("windows")]
internal static unsafe partial class NativeMethods
{
    public const int NoError = 0;
    public const int ErrorCallNotImplemented = 120;
    public const int ErrorFailedServiceControllerConnect = 1063;
    public const int ServiceWin32OwnProcess = 0x10;

    /// <summary>SERVICE_TABLE_ENTRYW; the table ends with an entry of nulls.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct ServiceTableEntry
    {
        public char* ServiceName;
        public delegate* unmanaged[Stdcall]<int, char**, void> ServiceMain;
    }

    /// <summary>SERVICE_STATUS.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct ServiceStatus
    {
        public int ServiceType;
        public int CurrentState;
        public int ControlsAccepted;
        public int Win32ExitCode;
        public int ServiceSpecificExitCode;
        public int CheckPoint;
        public int WaitHint;
    }

    [LibraryImport("advapi32.dll", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.System32)]
    [return: MarshalAs(UnmanagedType.Bool)]
    public static partial bool StartServiceCtrlDispatcherW(ServiceTableEntry* serviceStartTable);

    [LibraryImport("advapi32.dll", SetLastError = true, StringMarshalling = StringMarshalling.Utf16)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.System32)]
    public static partial nint RegisterServiceCtrlHandlerExW(string serviceName, delegate* unmanaged[Stdcall]<int, int, nint, nint, int> handler, nint context);

    [LibraryImport("advapi32.dll", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.System32)]
    [return: MarshalAs(UnmanagedType.Bool)]
    public static partial bool SetServiceStatus(nint serviceStatusHandle, ServiceStatus* serviceStatus);
}
