using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Dicom.Generator.Tests;

[UnitTest]
public class GeneratedCodeTests
{
    private const string DcmtkDictionaries = "/usr/share/libdcmtk17";

    /// <summary>The committed dictionary is exactly what the generator makes from dcmtk's files: nobody hand-edited it.</summary>
    [PeerFact("dcmdump")]
    public void Generator_FromInstalledDcmtkDictionary_ReproducesCommittedFiles()
    {
        Assert.True(File.Exists(Path.Combine(DcmtkDictionaries, "dicom.dic")), "dcmtk's dicom.dic not found");
        var output = TestData.NewTempFolder();

        var r = Peers.Run("dotnet", [Path.Combine(AppContext.BaseDirectory, "MRSNode.Dicom.Generator.dll"), DcmtkDictionaries, output]);

        Assert.True(r.ExitCode == 0, r.StdErr);
        Assert.Matches(@"^\d{4} public and \d{4} private entries written", r.StdOut);
        var src = Path.Combine(Path.GetDirectoryName(TestData.Root)!, "..", "src", "MRSNode.Dicom");
        Assert.Equal(File.ReadAllText(Path.Combine(src, "Dictionary", "DicomDictionaryData.g.cs")), File.ReadAllText(Path.Combine(output, "Dictionary", "DicomDictionaryData.g.cs")));
        Assert.Equal(File.ReadAllText(Path.Combine(src, "DicomTags.g.cs")), File.ReadAllText(Path.Combine(output, "DicomTags.g.cs")));
    }

    [Fact]
    public void Generator_MissingDictionaryFolder_ExitsWithClearError()
    {
        var r = Peers.Run("dotnet", [Path.Combine(AppContext.BaseDirectory, "MRSNode.Dicom.Generator.dll"), "/nonexistent", TestData.NewTempFolder()]);

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("dicom.dic", r.StdErr);
    }
}
