namespace MRSNode.Service.Hosting;

/// <summary>The node cannot run as, or talk to, a Windows service (wrong OS, not started by the SCM, a refused call).</summary>
public sealed class WindowsServiceException : Exception
{
    public WindowsServiceException()
    {
    }

    public WindowsServiceException(string message) : base(message)
    {
    }

    public WindowsServiceException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
