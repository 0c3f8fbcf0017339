using System.Security.Cryptography;
using System.Text;

namespace MRSNode.Service.SharedStore;

/// <summary>A node's name in the shared store: host name and a hash of its data directory, the same after a restart.</summary>
public static class NodeIdentity
{
    public static string Of(string dataDirectory)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(Path.TrimEndingDirectorySeparator(Path.GetFullPath(dataDirectory))));
        return $"{Environment.MachineName}:{Convert.ToHexStringLower(hash)[..12]}";
    }
}
