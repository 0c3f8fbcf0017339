using MRSNode.Dicom;
using MRSNode.Quantification.Results;
using MRSNode.Reporting.Dicom;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Reporting.Tests.Dicom;

[UnitTest]
public class OutputUidsTests
{
    private static SourceIdentity Source(params string[] instances) => new()
    {
        StudyInstanceUid = "1.2.3",
        SourceInstances = [.. instances.Select(i => (DicomUids.MRSpectroscopyStorage, i))],
    };

    [Fact]
    public void For_SameSourcesInAnyOrder_SameUids()
    {
        var a = OutputUids.For(Source("1.2.3.1", "1.2.3.2"), "sr", "MRSNode 0.1.0");
        var b = OutputUids.For(Source("1.2.3.2", "1.2.3.1"), "sr", "MRSNode 0.1.0");

        Assert.Equal(a, b);
        Assert.Equal(DicomUidGenerator.FromParts(["1.2.3.1", "1.2.3.2", "sr", "instance", "MRSNode 0.1.0", ""]), a.SopInstanceUid);
        Assert.All([a.SopInstanceUid, a.SeriesInstanceUid, a.TrackingUid], u => Assert.True(DicomValueValidator.IsUid(u), u));
        Assert.Equal(3, new[] { a.SopInstanceUid, a.SeriesInstanceUid, a.TrackingUid }.Distinct().Count());
    }

    [Theory]
    [InlineData("1.2.3.9", "sr", "MRSNode 0.1.0", null)]
    [InlineData("1.2.3.1", "pdf", "MRSNode 0.1.0", null)]
    [InlineData("1.2.3.1", "sr", "MRSNode 0.2.0", null)]
    [InlineData("1.2.3.1", "sr", "MRSNode 0.1.0", "quantified|other.BASIS")]
    public void For_DifferentInputKindVersionOrResult_DifferentUids(string instance, string kind, string software, string? resultKey)
    {
        var reference = OutputUids.For(Source("1.2.3.1"), "sr", "MRSNode 0.1.0");

        var other = OutputUids.For(Source(instance) with { ResultKey = resultKey }, kind, software);

        Assert.NotEqual(reference.SopInstanceUid, other.SopInstanceUid);
        Assert.NotEqual(reference.SeriesInstanceUid, other.SeriesInstanceUid);
    }

    [Fact]
    public void For_NoSourceInstancesOrAGenerator_NewUidsEachTime()
    {
        Assert.NotEqual(OutputUids.For(Source(), "sr", "MRSNode 0.1.0"), OutputUids.For(Source(), "sr", "MRSNode 0.1.0"));
        var generator = new DicomUidGenerator("1.2.826.0.1.3680043.9.7");
        Assert.StartsWith("1.2.826.0.1.3680043.9.7.", OutputUids.For(Source("1.2.3.1"), "sr", "MRSNode 0.1.0", generator).SopInstanceUid, StringComparison.Ordinal);
    }

    [Fact]
    public void ResultKey_Report_NamesStateBasisMethodsRangesAndUnitNotValues()
    {
        var report = new QuantificationReport
        {
            Software = "MRSNode 0.1.0",
            CreatedUtc = new DateTime(2026, 11, 21, 12, 0, 0, DateTimeKind.Utc),
            Input = new InputSummary { MetaboliteFile = "a.dcm", BasisSet = "press3T_30ms.BASIS" },
            Metabolites = [new MetaboliteResult { Name = "tNAA", RatioToTCr = 1.5, Flag = MetaboliteFlag.Normal }],
            Qc = new QualityResult { Snr = 20, SnrDefinition = "x", FwhmPpm = 0.05, FwhmHz = 6 },
            Verdict = StudyVerdict.Reliable,
            Reasons = [],
            Lcm = new MethodResult { Method = MethodKind.Lcm, Version = "lcm 0.1.0", Estimates = [] },
            ReferenceRanges = "2026.11-literature-1",
            Scaling = new ConcentrationScaling { Unit = "i.u.", Description = "water-scaled" },
        };

        Assert.Equal("quantified|press3T_30ms.BASIS|lcm 0.1.0||2026.11-literature-1|i.u.", OutputUids.ResultKey(report));
        Assert.Equal(OutputUids.ResultKey(report), OutputUids.ResultKey(report with { Metabolites = [report.Metabolites[0] with { RatioToTCr = 1.5000001 }], CreatedUtc = DateTime.UnixEpoch }));
    }
}
