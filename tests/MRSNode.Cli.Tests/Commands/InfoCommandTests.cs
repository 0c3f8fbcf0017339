using System.Text.Json;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Cli.Tests.Commands;

[UnitTest]
public class InfoCommandTests
{
    [Fact]
    public void Info_JsonForSeveralFormats_ReportsParametersPerFile()
    {
        var r = MrsnodeProcess.Run("info", "--json",
            TestData.Path("dicom/siemens-csa-svs30.ima"),
            TestData.Path("dicom/philips-mrs-2frame.dcm"),
            TestData.Path("mrs/siemens-svs30.rda"));

        Assert.True(r.ExitCode == 0, r.StdErr);
        var items = JsonDocument.Parse(r.StdOut).RootElement.EnumerateArray().ToList();
        Assert.Equal(4, items.Count); // the Philips object holds metabolite and water
        var csa = items[0];
        Assert.Equal("Siemens CSA Non-Image", csa.GetProperty("format").GetString());
        Assert.Equal(1024, csa.GetProperty("points").GetInt32());
        Assert.Equal(123.234655, csa.GetProperty("frequencyMHz").GetDouble(), 6);
        Assert.Equal(1199.904, csa.GetProperty("spectralWidthHz").GetDouble(), 2);
        Assert.Equal(30, csa.GetProperty("echoTimeMs").GetDouble());
        Assert.Equal(64, csa.GetProperty("acquiredAverages").GetInt32());
        Assert.Equal("metabolite", csa.GetProperty("role").GetString());
        Assert.Equal("1H", csa.GetProperty("nucleus").GetString());
        Assert.Equal(["metabolite", "water reference"], items.Skip(1).Take(2).Select(i => i.GetProperty("role").GetString()));
        Assert.Equal(63.89575, items[1].GetProperty("frequencyMHz").GetDouble(), 5);
        Assert.Equal("Siemens RDA", items[3].GetProperty("format").GetString());
    }

    [Fact]
    public void Info_Text_ShowsFormatNucleusAndRole()
    {
        var r = MrsnodeProcess.Run("info", TestData.Path("dicom/siemens-xa60-svs.dcm"));

        Assert.Equal(0, r.ExitCode);
        Assert.Contains("format      DICOM MR Spectroscopy", r.StdOut);
        Assert.Contains("nucleus     1H at 123.255089 MHz (2.89 T)", r.StdOut);
        Assert.Contains("points      1024, spectral width 1199.904 Hz", r.StdOut);
    }

    [Fact]
    public void Info_HeaderlessTextWithoutParameters_NamesTheMissingOption()
    {
        var r = MrsnodeProcess.Run("info", TestData.Path("mrs/spec2nii/metab.txt"));

        Assert.Equal(1, r.ExitCode);
        Assert.Contains("--spectral-width", r.StdErr);
    }

    [Fact]
    public void Info_HeaderlessTextWithParameters_Reads()
    {
        var r = MrsnodeProcess.Run("info", "--json", "--spectral-width", "12000", "--frequency", "297.219948", "--echo-time", "50", TestData.Path("mrs/spec2nii/metab.txt"));

        Assert.True(r.ExitCode == 0, r.StdErr);
        var item = Assert.Single(JsonDocument.Parse(r.StdOut).RootElement.EnumerateArray());
        Assert.Equal(4096, item.GetProperty("points").GetInt32());
        Assert.Equal(50, item.GetProperty("echoTimeMs").GetDouble());
    }

    [Fact]
    public void Info_NotMrs_OneLineErrorExit1()
    {
        var path = Path.Combine(TestData.NewTempFolder(), "notes.txt");
        File.WriteAllText(path, "hello\nworld\n");

        var r = MrsnodeProcess.Run("info", path);

        Assert.Equal(1, r.ExitCode);
        var line = Assert.Single(r.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: notes.txt: is not a recognised MR spectroscopy format", line);
    }
}
