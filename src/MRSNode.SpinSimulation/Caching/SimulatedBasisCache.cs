using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using MRSNode.Spectroscopy;
using MRSNode.Spectroscopy.Readers;
using MRSNode.SpinSimulation.SpinSystems;

namespace MRSNode.SpinSimulation.Caching;

/// <summary>A basis set from the cache: where it lies, its key, and whether this call simulated it.</summary>
public sealed record CachedBasis(BasisSet Basis, string Key, string BasisPath, bool Simulated);

/// <summary>
/// Simulated basis sets on disk, keyed by <see cref="BasisRequestKey"/>: <c>&lt;dir&gt;/&lt;key&gt;.BASIS</c> (LCModel
/// format, <see cref="LcModelBasisWriter"/>) and <c>&lt;key&gt;.json</c> (the request and its provenance). Each file is
/// written to a temporary name, flushed to disk and renamed, the .json first, so another process sees a whole .BASIS
/// or none; a hit is read, never simulated. A miss returns the file as read back, so the first run and every later
/// one fit the same numbers. Two callers of one instance wanting the same key simulate it once.
/// </summary>
public sealed class SimulatedBasisCache
{
    private static readonly JsonSerializerOptions _json = new()
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };

    private readonly IBasisSimulator _simulator;
    private readonly string _libraryHash;
    private readonly string _simulatorVersion;
    private readonly ConcurrentDictionary<string, object> _keyLocks = new(StringComparer.Ordinal);

    public SimulatedBasisCache(string directory, IBasisSimulator simulator, SpinSystemLibrary library, string simulatorVersion)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentNullException.ThrowIfNull(simulator);
        ArgumentException.ThrowIfNullOrWhiteSpace(simulatorVersion);
        Directory = Path.GetFullPath(directory);
        _simulator = simulator;
        _libraryHash = BasisRequestKey.LibraryHash(library);
        _simulatorVersion = simulatorVersion;
    }

    public SimulatedBasisCache(string directory, BasisSimulation simulation)
        : this(directory, (simulation ?? throw new ArgumentNullException(nameof(simulation))).Simulator, simulation.Library, simulation.Version)
    {
    }

    public string Directory { get; }

    public string KeyOf(BasisSimulationRequest request) => BasisRequestKey.Of(request, _libraryHash, _simulatorVersion);

    public string BasisPathOf(string key) => Path.Combine(Directory, key + ".BASIS");

    /// <summary>The cached basis for the request, simulated and stored first when it is not there (or not readable).</summary>
    public CachedBasis Get(BasisSimulationRequest request, IProgress<BasisSimulationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var key = KeyOf(request);
        var path = BasisPathOf(key);
        if (TryRead(path) is { } hit)
        {
            return new CachedBasis(hit, key, path, Simulated: false);
        }
        lock (_keyLocks.GetOrAdd(key, _ => new object()))
        {
            if (TryRead(path) is { } other)
            {
                return new CachedBasis(other, key, path, Simulated: false);
            }
            var sw = Stopwatch.StartNew();
            var simulated = _simulator.Simulate(request, progress, cancellationToken);
            System.IO.Directory.CreateDirectory(Directory);
            var provenance = new CacheRecord(key, request, _libraryHash, _simulatorVersion, DateTime.UtcNow, Math.Round(sw.Elapsed.TotalSeconds, 3));
            WriteDurably(Path.Combine(Directory, key + ".json"), JsonSerializer.Serialize(provenance, _json));
            WriteDurably(path, LcModelBasisWriter.ToText(simulated with { Source = key }, HeaderFor(request)));
            var stored = TryRead(path) ?? throw new InvalidOperationException($"the basis just written to {path} cannot be read back");
            return new CachedBasis(stored, key, path, Simulated: true);
        }
    }

    /// <summary>The .BASIS header of a simulated basis: IDBASI names the protocol, e.g. "MRSNode PRESS TE 35 ms 127.75 MHz".</summary>
    public static LcModelBasisHeader HeaderFor(BasisSimulationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new LcModelBasisHeader { Id = FormattableString.Invariant($"MRSNode {AcquisitionProtocol.SequenceName(request.Sequence)} TE {request.EchoTimeMs:0.##} ms {request.FrequencyMHz:0.###} MHz") };
    }

    private static BasisSet? TryRead(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }
        try
        {
            return LcModelBasisReader.Read(path);
        }
        catch (MrsReadException)
        {
            return null; // a damaged entry is simulated again and replaced
        }
    }

    /// <summary>Temporary file, flushed to disk, renamed over the final name: a reader sees the old file, the new one or none.</summary>
    private static void WriteDurably(string path, string text)
    {
        var temporary = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                var bytes = Encoding.UTF8.GetBytes(text);
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary); // nothing when the rename happened
        }
    }

    /// <summary>The .json beside each cached .BASIS.</summary>
    private sealed record CacheRecord(
        [property: JsonPropertyName("key")] string Key,
        [property: JsonPropertyName("request")] BasisSimulationRequest Request,
        [property: JsonPropertyName("spinSystemLibrarySha256")] string LibraryHash,
        [property: JsonPropertyName("simulatorVersion")] string SimulatorVersion,
        [property: JsonPropertyName("createdUtc")] DateTime CreatedUtc,
        [property: JsonPropertyName("simulationSeconds")] double SimulationSeconds);
}
