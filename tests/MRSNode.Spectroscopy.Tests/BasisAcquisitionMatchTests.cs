using System.Numerics;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Spectroscopy.Tests;

[UnitTest]
public class BasisAcquisitionMatchTests
{
    private static readonly BasisDescription Press30 = new("b.BASIS", 2.89, 30, "PRESS");

    private static MrsAcquisition Acquisition(double? te, string? technique = "PRESS", double mhz = 123.25) =>
        new(new Complex[4], 4)
        {
            SpectralWidthHz = 4000,
            TransmitterFrequencyMHz = mhz,
            EchoTimeMs = te,
            Localization = new Localization { Technique = technique },
            Provenance = new Provenance { SourceFormat = "test" },
        };

    [Theory]
    [InlineData(30.0, "PRESS")]
    [InlineData(32.9, "PRESS")]  // within ±3 ms
    [InlineData(27.1, null)]     // the sequence is compared only where both say it
    public void Mismatches_SameFieldTeAndSequence_None(double te, string? technique)
    {
        Assert.Empty(BasisAcquisitionMatch.Mismatches(Press30, Acquisition(te, technique)));
    }

    [Fact]
    public void Mismatches_Te144DataWithTe30Basis_SaysBothEchoTimesAndWhy()
    {
        var problem = Assert.Single(BasisAcquisitionMatch.Mismatches(Press30, Acquisition(144)));

        Assert.Equal("the basis set b.BASIS was simulated for TE 30 ms; these data were acquired at TE 144 ms: at another echo time the metabolite shapes differ (lactate inverts at 144 ms) and the values would be wrong", problem);
    }

    [Fact]
    public void Mismatches_DataWithoutEchoTime_MismatchSayingSo()
    {
        var problem = Assert.Single(BasisAcquisitionMatch.Mismatches(Press30, Acquisition(null)));

        Assert.Equal("these data do not state their echo time (pass --te if it is known), so the basis set b.BASIS, simulated for TE 30 ms, cannot be checked against them", problem);
    }

    [Fact]
    public void Mismatches_BasisWithoutEchoTime_MismatchSayingSo()
    {
        var problem = Assert.Single(BasisAcquisitionMatch.Mismatches(Press30 with { EchoTimeMs = null }, Acquisition(30)));

        Assert.StartsWith("the basis set b.BASIS does not state the echo time it was simulated for", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("STEAM", "STEAM")]
    [InlineData("svs_se_sLASER", "sLASER")]
    [InlineData("SPECIAL", "SPECIAL")]
    public void Mismatches_AnotherSequenceFamily_NamesBoth(string technique, string family)
    {
        var problem = Assert.Single(BasisAcquisitionMatch.Mismatches(Press30, Acquisition(30, technique)));

        Assert.Equal($"the basis set b.BASIS was simulated for PRESS; these data were acquired with {family}: the sequence's pulse timing shapes the coupled metabolites, so the values would be wrong", problem);
    }

    [Fact]
    public void Mismatches_LaserAndSemiLaser_OneFamily()
    {
        Assert.Empty(BasisAcquisitionMatch.Mismatches(Press30 with { Sequence = "LASER" }, Acquisition(30, "sLASER")));
    }

    [Fact]
    public void Mismatches_7TDataTe144_BothProblems()
    {
        var problems = BasisAcquisitionMatch.Mismatches(Press30, Acquisition(144, "PRESS", 297.2));

        Assert.Equal(2, problems.Count);
        Assert.StartsWith("the basis set b.BASIS was made for 2.89 T; these data were acquired at 6.98 T (297.20 MHz)", problems[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Of_BasisFileSilentOnTeAndSequence_TakenFromItsManifestEntry()
    {
        var basis = new BasisSet([], 123.26, 0.00025, 8, null, "x");
        var entry = new BasisSetEntry { Name = "e", Path = "x", FieldT = 2.89, EchoTimeMs = 30, Sequence = "PRESS" };

        Assert.Equal((30.0, "PRESS"), (BasisDescription.Of(basis, "x.BASIS", entry).EchoTimeMs!.Value, BasisDescription.Of(basis, "x.BASIS", entry).Sequence!));
        Assert.Equal((null, null), (BasisDescription.Of(basis, "x.BASIS", null).EchoTimeMs, BasisDescription.Of(basis, "x.BASIS", null).Sequence));
    }
}
