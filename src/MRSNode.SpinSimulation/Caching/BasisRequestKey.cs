using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using MRSNode.SpinSimulation.SpinSystems;

namespace MRSNode.SpinSimulation.Caching;

/// <summary>
/// The cache key of a simulated basis: SHA-256 (hex) of the request's canonical JSON (every property, in declaration
/// order, numbers round-trippable, so a field added to <see cref="BasisSimulationRequest"/> is part of the key without
/// a change here), the spin-system library's content hash and the simulator's version.
/// </summary>
public static class BasisRequestKey
{
    private static readonly JsonSerializerOptions _canonical = new()
    {
        WriteIndented = false,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>The request as the key hashes it (and the cache's .json records it).</summary>
    public static string CanonicalJson(BasisSimulationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return JsonSerializer.Serialize(request, _canonical);
    }

    /// <summary>SHA-256 (hex) of the library's canonical JSON: any changed shift, coupling or citation changes it.</summary>
    public static string LibraryHash(SpinSystemLibrary library)
    {
        ArgumentNullException.ThrowIfNull(library);
        return Sha256(JsonSerializer.Serialize(library, _canonical));
    }

    public static string Of(BasisSimulationRequest request, string libraryHash, string simulatorVersion) =>
        Sha256($"request={CanonicalJson(request)}\nlibrary={libraryHash}\nsimulator={simulatorVersion}");

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
