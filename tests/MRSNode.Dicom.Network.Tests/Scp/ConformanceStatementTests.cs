using MRSNode.Dicom.Network.Pdus;
using MRSNode.Dicom.Network.Scp;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Dicom.Network.Tests.Scp;

/// <summary>
/// The conformance statement's SCP tables (docs/conformance-statement.md §3.2.4) are the code's lists, row for row; its
/// overview's SCU rows are the node's output SOP classes, and the sender proposes each.
/// </summary>
[UnitTest]
public class ConformanceStatementTests
{
    private static readonly string[] _lines = File.ReadAllLines(Path.GetFullPath(Path.Combine(TestData.Root, "..", "..", "docs", "conformance-statement.md")));

    /// <summary>The rows of the table whose header line starts with <paramref name="header"/>, split into trimmed cells.</summary>
    private static List<string[]> Table(string header)
    {
        int start = Array.FindIndex(_lines, l => l.StartsWith(header, StringComparison.Ordinal));
        Assert.True(start >= 0, $"no table headed '{header}'");
        return [.. _lines.Skip(start + 2).TakeWhile(l => l.StartsWith('|')).Select(l => l.Trim('|').Split('|').Select(c => c.Trim()).ToArray())];
    }

    [Fact]
    public void TransferSyntaxTable_SameAsTheScpLists_InOrder()
    {
        var rows = Table("| Transfer syntax | UID | Kind |");
        var defaults = new DicomServerOptions();

        Assert.Equal(defaults.PreferredTransferSyntaxes, rows.Where(r => r[2] == "uncompressed").Select(r => r[1]));
        Assert.Equal(DicomTransferSyntax.StandardEncapsulatedUids, rows.Where(r => r[2] == "compressed").Select(r => r[1]));
    }

    [Fact]
    public void SopClassTable_SameAsDefaultSopClasses()
    {
        var rows = Table("| Abstract syntax | UID | Transfer syntaxes | Role | Ext. neg. |");

        Assert.Equal(DicomServerOptions.DefaultSopClasses.Order(StringComparer.Ordinal), rows.Select(r => r[1]).Order(StringComparer.Ordinal));
        Assert.All(rows, r => Assert.Equal(DicomUids.NameOf(r[1])?.Replace(" SOP Class", "", StringComparison.Ordinal), r[0]));
    }

    [Fact]
    public void TransferSyntaxTable_EveryCompressedRow_AcceptedByThePolicyAndNothingElse()
    {
        var policy = new AssociationPolicy(new DicomServerOptions());
        var listed = Table("| Transfer syntax | UID | Kind |").Select(r => r[1]).ToHashSet();
        string[] probes = [.. listed, "1.2.840.10008.1.2.4.999", "1.2.840.10008.1.2.6.1", "1.2.840.10008.1.2.6.2", "1.2.840.10008.1.2.4.94", "1.2.840.10008.1.2.4.52"];

        foreach (var uid in probes)
        {
            var answer = policy.Decide(new AssociateRequest("MRSNODE", "DOC", [new PresentationContextRequest(1, DicomUids.MRSpectroscopyStorage, [uid])], new UserInformation()));
            var result = Assert.Single(Assert.IsType<AssociateAccept>(answer.Answer).PresentationContexts).Result;
            Assert.Equal(listed.Contains(uid) ? PresentationContextResult.Acceptance : PresentationContextResult.TransferSyntaxesNotSupported, result);
        }
    }

    [Fact]
    public void OverviewTable_ScuRows_TheNodesOutputsEachProposedInExplicitVr()
    {
        var scu = Table("| SOP class | UID | User (SCU) | Provider (SCP) |")
            .Where(r => r[2].TrimStart('*').StartsWith("Yes", StringComparison.Ordinal) && r[1] != DicomUids.Verification)
            .ToList();
        string[] outputs = [DicomUids.ComprehensiveSRStorage, DicomUids.EncapsulatedPdfStorage, DicomUids.SecondaryCaptureImageStorage, DicomUids.ParametricMapStorage];

        Assert.Equal(outputs.Order(StringComparer.Ordinal), scu.Select(r => r[1]).Order(StringComparer.Ordinal));
        Assert.All(scu, r => Assert.Equal(DicomUids.NameOf(r[1]), r[0]));
        var proposed = MRSNode.Dicom.Network.Scu.DicomClient.ProposeStorage(outputs.Select(c => (c, DicomUids.ExplicitVRLittleEndian)));
        Assert.Equal(outputs, proposed.Select(p => p.AbstractSyntax));
        Assert.All(proposed, p => Assert.Equal([DicomUids.ExplicitVRLittleEndian, DicomUids.ImplicitVRLittleEndian], p.TransferSyntaxes));
    }
}
