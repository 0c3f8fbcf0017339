using System.Numerics;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Spectroscopy.Tests;

[UnitTest]
public class BasisSetCatalogTests
{
    private static string ShippedManifest => Path.Combine(TestData.Root, "..", "..", "config", "basis-sets", "manifest.json");

    private static MrsAcquisition Acquisition(double mhz, double? te, string? technique = "PRESS", string nucleus = "1H") =>
        new(new Complex[4], 4)
        {
            SpectralWidthHz = 4000,
            TransmitterFrequencyMHz = mhz,
            EchoTimeMs = te,
            Nucleus = nucleus,
            Localization = new Localization { Technique = technique },
            Provenance = new Provenance { SourceFormat = "test", Manufacturer = "SIEMENS" },
        };

    [Fact]
    public void Select_ShippedManifest3TPressTe30_ReturnsIsmrmBasisThatExists()
    {
        var catalog = BasisSetCatalog.Load(ShippedManifest);

        var path = catalog.Select(Acquisition(123.255089, 30));

        Assert.EndsWith("press3T_30ms.BASIS", path);
        Assert.True(File.Exists(path), path);
    }

    [Theory]
    [InlineData(297.15, 30.0, "PRESS", "1H")]   // 7 T
    [InlineData(123.25, 35.0, "PRESS", "1H")]   // TE 35: more than 3 ms away
    [InlineData(123.25, 30.0, "STEAM", "1H")]   // another sequence
    [InlineData(49.9, 30.0, "PRESS", "31P")]    // another nucleus
    public void Select_NoMatchingEntry_ErrorNamesWhatWasNeeded(double mhz, double te, string technique, string nucleus)
    {
        var catalog = BasisSetCatalog.Load(ShippedManifest);

        var ex = Assert.Throws<BasisSetSelectionException>(() => catalog.Select(Acquisition(mhz, te, technique, nucleus)));

        Assert.Contains("no basis set matches this acquisition", ex.Message);
        Assert.Contains($"TE {te:0.#} ms", ex.Message);
        Assert.Contains("ismrm2016-press-3t-te30", ex.Message);
        Assert.DoesNotContain("--basis", ex.Message); // the node shows this to radiologists: no command-line options
    }

    [Fact]
    public void Select_UnknownEchoTime_NoMatch()
    {
        var catalog = BasisSetCatalog.Load(ShippedManifest);

        Assert.Throws<BasisSetSelectionException>(() => catalog.Select(Acquisition(123.25, null)));
    }

    [Fact]
    public void Load_BrokenManifest_ClearError()
    {
        var path = Path.Combine(TestData.NewTempFolder(), "manifest.json");
        File.WriteAllText(path, "{ \"basisSets\": [ { \"name\": ");

        var ex = Assert.Throws<BasisSetSelectionException>(() => BasisSetCatalog.Load(path));

        Assert.Contains("cannot be read", ex.Message);
    }

    private static BasisSetCatalog Manifest(string entries)
    {
        var path = Path.Combine(TestData.NewTempFolder(), "manifest.json");
        File.WriteAllText(path, "{ \"version\": 1, \"basisSets\": [" + entries + "] }");
        return BasisSetCatalog.Load(path);
    }

    [Fact]
    public void Match_SimulateOnlyEntry_GivesItsTimingAndNoPath()
    {
        var catalog = Manifest("""
            { "name": "site-press-te35", "fieldT": 3, "sequence": "PRESS", "echoTimeMs": 35, "simulate": { "te1Ms": 13, "te2Ms": 22 } },
            { "name": "pinned", "path": "x.BASIS", "fieldT": 3, "sequence": "PRESS", "echoTimeMs": 35 }
            """);

        var entry = catalog.Match(Acquisition(127.75, 35))!;

        Assert.Equal("site-press-te35", entry.Name);
        Assert.Null(catalog.PathOf(entry));
        Assert.Equal(13, entry.Simulate!.Te1Ms);
        Assert.Equal(22, entry.Simulate.Te2Ms);
        Assert.Null(entry.Simulate.MixingTimeMs);
        var ex = Assert.Throws<BasisSetSelectionException>(() => catalog.Select(Acquisition(127.75, 35)));
        Assert.Contains("no basis set matches", ex.Message);
    }

    [Fact]
    public void Match_PinnedEntryFirst_WinsWithItsFile()
    {
        var catalog = Manifest("""
            { "name": "pinned", "path": "x.BASIS", "fieldT": 3, "sequence": "PRESS", "echoTimeMs": 35 },
            { "name": "site-press-te35", "fieldT": 3, "sequence": "PRESS", "echoTimeMs": 35, "simulate": { "te1Ms": 13 } }
            """);

        var entry = catalog.Match(Acquisition(127.75, 35))!;

        Assert.Equal("pinned", entry.Name);
        Assert.EndsWith("x.BASIS", catalog.Select(Acquisition(127.75, 35)));
        Assert.Null(catalog.Match(Acquisition(127.75, 20)));
    }

    [Fact]
    public void Load_EntryWithNeitherPathNorSimulate_ClearError()
    {
        var ex = Assert.Throws<BasisSetSelectionException>(() => Manifest("""{ "name": "empty", "fieldT": 3, "echoTimeMs": 35 }"""));

        Assert.Contains("'empty' has neither", ex.Message);
    }
}
