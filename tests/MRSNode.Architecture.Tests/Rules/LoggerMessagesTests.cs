using System.Reflection;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Architecture.Tests.Rules;

/// <summary>Every [LoggerMessage] has a non-zero EventId inside its component's range, and no two share one.</summary>
[UnitTest]
public class LoggerMessagesTests
{
    private static IReadOnlyList<LoggerMessageSite> AllSites() =>
    [
        .. ProjectGraph.AllowedReferences.Keys.Order(StringComparer.Ordinal)
            .SelectMany(p => LoggerMessages.In(Assembly.Load(ProjectGraph.AssemblyName(p)))),
    ];

    [Fact]
    public void Check_EveryLoggerMessageInSrc_InItsRangeAndUnique()
    {
        var sites = AllSites();

        Assert.True(sites.Count >= 25, $"found only {sites.Count} [LoggerMessage] methods");
        Violations.AssertNone(LoggerMessages.Check(sites, LogEventIdRanges.For));
    }

    [Fact]
    public void In_Service_FindsTheIntakeMessagesWithTheirEventIds()
    {
        var intake = LoggerMessages.In(Assembly.Load(ProjectGraph.Service))
            .Where(s => s.Namespace == "MRSNode.Service.Intake").Select(s => s.EventId).Order();

        Assert.Equal([1000, 1002, 1003, 1004], intake); // 1001 (association aborted) moved to Dicom.Network's 2000
    }

    [Fact]
    public void Check_MissingOutsideAndSharedEventIds_NamesEachSite()
    {
        LoggerMessageSite[] sites =
        [
            new("MRSNode.Service.Intake.A", "MRSNode.Service.Intake", "Received", 1000),
            new("MRSNode.Service.Intake.A", "MRSNode.Service.Intake", "Unnumbered", 0),
            new("MRSNode.Service.Export.B", "MRSNode.Service.Export", "Sent", 1000),
            new("MRSNode.Somewhere.C", "MRSNode.Somewhere", "Lost", 5000),
        ];

        var violations = LoggerMessages.Check(sites, LogEventIdRanges.For);

        Assert.Equal(
            [
                "MRSNode.Service.Intake.A.Unnumbered (EventId 0): no EventId; its component's range is 1000–1099 (MRSNode.Service.Intake)",
                "MRSNode.Service.Export.B.Sent (EventId 1000): outside its component's range 1300–1399 (MRSNode.Service.Export)",
                "MRSNode.Somewhere.C.Lost (EventId 5000): no EventId range for the namespace MRSNode.Somewhere (add one to LogEventIdRanges)",
                "EventId 1000 is used by 2 messages: MRSNode.Service.Intake.A.Received, MRSNode.Service.Export.B.Sent",
            ],
            violations);
    }

    [Theory]
    [InlineData("MRSNode.Service.Intake", 1000)]
    [InlineData("MRSNode.Service.Intake.Tls", 1000)]
    [InlineData("MRSNode.Dicom.Network.Scp", 2000)]
    [InlineData("MRSNode.Service.IntakeLike", null)]
    [InlineData(null, null)]
    public void For_Namespace_ItsComponentsFirstId(string? ns, int? first) => Assert.Equal(first, LogEventIdRanges.For(ns)?.First);
}
