using System.Globalization;

namespace MRSNode.Dicom.Network.Scp;

/// <summary>
/// How many connections the process's file-descriptor limit leaves room for. When sockets take the last
/// descriptors, the .NET runtime itself fails (it cannot start a thread or read /proc: "Out of memory.", exit 134,
/// measured at `ulimit -n 400`), so the SCP must stop short of the limit: half of the descriptors still free when it
/// starts go to connections (each may also hold an object file open), the other half stays with the runtime, the
/// spool, the logs and the status page. Linux only (elsewhere there is no such per-process limit to read).
/// </summary>
internal static class DescriptorBudget
{
    /// <summary>Connections that fit, or null when the limit is unknown or unlimited.</summary>
    public static int? Connections()
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }
        try
        {
            var line = File.ReadLines("/proc/self/limits").FirstOrDefault(l => l.StartsWith("Max open files", StringComparison.Ordinal));
            var soft = line?["Max open files".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
            if (soft is null || !long.TryParse(soft, NumberStyles.None, CultureInfo.InvariantCulture, out long limit))
            {
                return null; // "unlimited"
            }
            long inUse = Directory.GetFileSystemEntries("/proc/self/fd").Length;
            return (int)Math.Clamp((limit - inUse) / 2, 0, int.MaxValue);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The unassociated pool that fits beside <paramref name="maxAssociations"/> (at least 1), or <paramref name="configured"/> when it fits.</summary>
    public static int UnassociatedPool(int configured, int maxAssociations, int? budget) =>
        budget is { } b && configured + maxAssociations > b ? Math.Max(1, b - maxAssociations) : configured;
}
