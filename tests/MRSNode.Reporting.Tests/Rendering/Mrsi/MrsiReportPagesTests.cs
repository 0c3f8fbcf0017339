using MRSNode.Reporting.Mrsi;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Reporting.Tests.Rendering.Mrsi;

[UnitTest]
public class MrsiReportPagesTests
{
    private static string WritePdf()
    {
        var path = Path.Combine(TestData.NewTempFolder(), "mrsi.pdf");
        File.WriteAllBytes(path, MrsiPdfWriter.Create(MrsiSamples.Result(), MrsiSamples.Source, "MRSNode 0.1.0", new DateTime(2026, 12, 5)));
        return path;
    }

    [PeerFact("pdftotext")]
    public void DrawMaps_Sample_PdftotextFindsTheMapsRegionsValuesAndNotes()
    {
        var r = Peers.Run("pdftotext", ["-f", "1", "-l", "1", WritePdf(), "-"]);

        Assert.Equal(0, r.ExitCode);
        var page = r.StdOut;
        Assert.Contains("MR spectroscopic imaging report", page);
        Assert.Contains("Test Mrsi", page);
        Assert.Contains("Maps, slice 1 of 1 (16 × 16 voxels, 10 × 10 × 10 mm)", page);
        foreach (var map in new[] { "tNAA", "tCr", "tCho", "Ins", "Glx", "Lac", "Cho/NAA", "Cho/Cr" })
        {
            Assert.Contains(map, page);
        }
        Assert.Contains("Maximum Cho/NAA", page);
        Assert.Contains("Contralateral reference", page);
        Assert.Contains("column 5, row 8, slice 1", page);
        Assert.Contains("1.20", page); // the lesion's Cho/NAA
        Assert.Contains("0.18", page); // the reference's (0.25 / 1.4)
        Assert.Contains("CRLB 5 %", page);
        Assert.Contains("256 voxels (16 × 16 × 1): 64 fitted, 63 reported.", page);
        Assert.Contains("1 rejected by the quality checks (1 low SNR).", page);
    }

    [PeerFact("pdftotext")]
    public void DrawSpectra_Sample_PdftotextFindsTheGridOfEachRegion()
    {
        var r = Peers.Run("pdftotext", ["-f", "2", "-l", "2", WritePdf(), "-"]);

        Assert.Equal(0, r.ExitCode);
        Assert.Contains("Spectra around each region", r.StdOut);
        Assert.Contains("(5, 8)", r.StdOut);
        Assert.Contains("(12, 8)", r.StdOut);
        Assert.Contains("(4, 7)", r.StdOut);
    }
}
