using System.Text.Json;
using MRSNode.SpinSimulation.Caching;
using MRSNode.SpinSimulation.SpinSystems;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.SpinSimulation.Tests.Caching;

[UnitTest]
public class SimulatedBasisCacheTests
{
    private static readonly BasisSimulationRequest _press35 = new()
    {
        FrequencyMHz = 123.2,
        Sequence = LocalizationSequence.Press,
        EchoTimeMs = 35,
        Te1Ms = 13,
        Te2Ms = 22,
        Points = 1024,
        SpectralWidthHz = 2000,
    };

    private static (SimulatedBasisCache Cache, FakeBasisSimulator Simulator) NewCache(string? directory = null)
    {
        var simulator = new FakeBasisSimulator();
        return (new SimulatedBasisCache(directory ?? TestData.NewTempFolder(), simulator, SpinSystemLibrary.LoadEmbedded(), "test-1"), simulator);
    }

    [Fact]
    public void Get_SecondCall_ReadsTheFileAndSimulatesNoMore()
    {
        var (cache, simulator) = NewCache();

        var first = cache.Get(_press35);
        var second = cache.Get(_press35);

        Assert.Equal(1, simulator.Calls);
        Assert.True(first.Simulated);
        Assert.False(second.Simulated);
        Assert.Equal(first.Key, second.Key);
        Assert.Equal(64, first.Key.Length);
        Assert.Equal(Path.Combine(cache.Directory, first.Key + ".BASIS"), first.BasisPath);
        Assert.True(File.Exists(Path.Combine(cache.Directory, first.Key + ".json")));
        Assert.Equal(1024, second.Basis.Points);
        Assert.Equal(0.0005, second.Basis.DwellTimeSeconds, 12);
        Assert.Equal(35.0, second.Basis.EchoTimeMs);
        Assert.Equal("PRESS", second.Basis.Sequence);
        Assert.Equal(2.008, second.Basis.Axis.PeakPpm(second.Basis.Find("NAA")!.Fid, 1.9, 2.1), 0.01);
        Assert.Equal(first.Basis.Find("Cr")!.Fid, second.Basis.Find("Cr")!.Fid);
        Assert.Empty(Directory.GetFiles(cache.Directory, "*.tmp"));
    }

    [Fact]
    public void Get_AnotherInstanceOnTheSameFolder_Hits()
    {
        var folder = TestData.NewTempFolder();
        var (first, firstSimulator) = NewCache(folder);
        var (second, secondSimulator) = NewCache(folder);

        first.Get(_press35);
        var hit = second.Get(_press35);

        Assert.Equal(1, firstSimulator.Calls);
        Assert.Equal(0, secondSimulator.Calls);
        Assert.False(hit.Simulated);
    }

    [Fact]
    public void Get_DamagedCachedFile_SimulatesAgainAndReplacesIt()
    {
        var (cache, simulator) = NewCache();
        var first = cache.Get(_press35);
        File.WriteAllText(first.BasisPath, " $BASIS1\n NDATAB = 1");

        var again = cache.Get(_press35);

        Assert.Equal(2, simulator.Calls);
        Assert.True(again.Simulated);
        Assert.Equal(1024, again.Basis.Points);
    }

    [Fact]
    public void Get_ProvenanceJson_RecordsRequestLibraryAndVersion()
    {
        var (cache, _) = NewCache();

        var entry = cache.Get(_press35);

        using var json = JsonDocument.Parse(File.ReadAllText(Path.ChangeExtension(entry.BasisPath, ".json")));
        var root = json.RootElement;
        Assert.Equal(entry.Key, root.GetProperty("key").GetString());
        Assert.Equal("Press", root.GetProperty("request").GetProperty("Sequence").GetString());
        Assert.Equal(13, root.GetProperty("request").GetProperty("Te1Ms").GetDouble());
        Assert.Equal("test-1", root.GetProperty("simulatorVersion").GetString());
        Assert.Equal(64, root.GetProperty("spinSystemLibrarySha256").GetString()!.Length);
    }

    [Fact]
    public void Get_ConcurrentCallersOfOneInstance_SimulateOnce()
    {
        var (cache, simulator) = NewCache();

        Parallel.For(0, 4, _ => cache.Get(_press35));

        Assert.Equal(1, simulator.Calls);
    }

    public static TheoryData<string, BasisSimulationRequest> Changed() => new()
    {
        { "frequency", _press35 with { FrequencyMHz = 127.8 } },
        { "sequence", _press35 with { Sequence = LocalizationSequence.Steam } },
        { "echo time", _press35 with { EchoTimeMs = 30 } },
        { "TE1", _press35 with { Te1Ms = 12 } },
        { "TE2", _press35 with { Te2Ms = 23 } },
        { "mixing time", _press35 with { MixingTimeMs = 10 } },
        { "editing", _press35 with { Editing = new EditingPulse { OnPpm = 1.9, OffPpm = 7.5 } } },
        { "editing duration", _press35 with { Editing = new EditingPulse { OnPpm = 1.9, OffPpm = 7.5, DurationMs = 20 } } },
        { "points", _press35 with { Points = 2048 } },
        { "spectral width", _press35 with { SpectralWidthHz = 4000 } },
        { "reference", _press35 with { ReferencePpm = 4.7 } },
        { "metabolites", _press35 with { Metabolites = ["NAA"] } },
        { "pulses", _press35 with { Pulses = PulseModel.Shaped } },
        { "spatial points", _press35 with { Pulses = PulseModel.Shaped, SpatialPoints = 4 } },
    };

    [Theory]
    [MemberData(nameof(Changed))]
    public void KeyOf_AnyFieldChanged_AnotherKey(string field, BasisSimulationRequest changed)
    {
        var (cache, _) = NewCache();

        Assert.NotEqual(cache.KeyOf(_press35), cache.KeyOf(changed));
        Assert.Equal(cache.KeyOf(_press35), cache.KeyOf(_press35 with { }));
        Assert.False(string.IsNullOrEmpty(field));
    }

    [Fact]
    public void KeyOf_EveryRequestPropertyIsInTheCanonicalForm()
    {
        // Pulses and SpatialPoints are left out at their defaults (so ideal keys predate them); set, they are in.
        var json = BasisRequestKey.CanonicalJson(_press35 with { Pulses = PulseModel.Shaped, SpatialPoints = 8 });

        foreach (var property in typeof(BasisSimulationRequest).GetProperties())
        {
            Assert.Contains($"\"{property.Name}\":", json, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void KeyOf_OtherSimulatorVersionOrLibrary_AnotherKey()
    {
        var library = SpinSystemLibrary.LoadEmbedded();
        var key = BasisRequestKey.Of(_press35, BasisRequestKey.LibraryHash(library), "v1");

        Assert.NotEqual(key, BasisRequestKey.Of(_press35, BasisRequestKey.LibraryHash(library), "v2"));
        Assert.NotEqual(key, BasisRequestKey.Of(_press35, BasisRequestKey.LibraryHash(library with { Version = library.Version + 1 }), "v1"));
        Assert.NotEqual(BasisRequestKey.LibraryHash(library), BasisRequestKey.LibraryHash(library with { Metabolites = library.Metabolites.Take(1).ToList() }));
    }
}
