using System.Text.Json;
using MRSNode.Dicom;
using MRSNode.Dicom.IO;
using MRSNode.Quantification.Mrsi;
using MRSNode.Spectroscopy.Readers;
using MRSNode.Spectroscopy.Simulation;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Pipeline.Tests.Mrsi;

/// <summary>A small phantom grid (6×6, PRESS box 2×2: four fits) written as DICOM, through the pipeline and the output writer.</summary>
[SlowTest]
public class MrsiPipelineTests
{
    private static readonly Lazy<MrsiPhantomFiles> _phantom = new(() =>
    {
        var basis = LcModelBasisReader.Read(TestData.Path("mrs/ismrm2016/press3T_30ms.BASIS")) with { EchoTimeMs = 30 };
        var phantom = new MrsiPhantom(basis, new MrsiPhantomParameters { Columns = 6, Rows = 6, PressBox = true, PressBoxVoxels = 2, Snr = 40, EchoTimeMs = 30 });
        return MrsiPhantomWriter.Write(phantom.Simulate(), phantom.Anatomy, TestData.NewTempFolder(), imageSize: 64);
    });

    private static QuantificationRequest Request(bool withImage) => new()
    {
        MetaboliteFiles = [_phantom.Value.Spectroscopy],
        BasisManifest = ShippedConfig.Path("basis-sets/manifest.json"),
        ImageFiles = withImage ? _phantom.Value.Images : [],
    };

    [Fact]
    public void Run_MrsiWithGeometry_BoxVoxelsFittedAndIndexVoxelReported()
    {
        var outcome = ShippedConfig.Pipeline([new LcmMethod()]).Run(Request(withImage: true));

        var mrsi = Assert.IsType<Pipeline.Mrsi.MrsiOutcome>(outcome.Mrsi);
        Assert.Equal(36, mrsi.Quantification.Voxels.Count);
        Assert.Equal(32, mrsi.Count(VoxelState.NotFitted));
        Assert.Equal(4, mrsi.Quantification.Voxels.Count(v => v.Fit is not null));
        Assert.Equal("cpu", mrsi.Quantifier);
        Assert.NotNull(mrsi.Image);
        Assert.Equal(8, mrsi.Quantification.Maps.Count);
        Assert.StartsWith("MR spectroscopic imaging: ", outcome.Report.Reasons.First(r => r.StartsWith("MR spectroscopic", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Equal(1, outcome.Metabolite.Voxels);
    }

    [Fact]
    public void Write_Mrsi_MapCapturesParametricMapsSrPdfAndResultsSection()
    {
        var request = Request(withImage: false);
        var outcome = ShippedConfig.Pipeline([new LcmMethod()]).Run(request);
        var folder = TestData.NewTempFolder();

        var written = OutputWriter.Write(outcome, request, folder).Select(Path.GetFileName).ToList();

        Assert.Equal(["results.json", "sr.dcm", "report.pdf", "report-pdf.dcm", "capture.dcm",
            .. Enumerable.Range(1, 8).Select(k => $"map-{k:00}.dcm"), .. Enumerable.Range(1, 8).Select(k => $"pmap-{k:00}.dcm")], written);
        var choNaa = outcome.Mrsi!.Quantification.Maps[6];
        var saved = DicomFile.Open(Path.Combine(folder, "pmap-07.dcm")).Dataset;
        Assert.Equal((DicomUids.ParametricMapStorage, "CHO_NAA"), (saved.GetString(DicomTags.SOPClassUID), saved.GetString(DicomTags.ContentLabel)));
        Assert.Equal(choNaa.Values.Select(v => double.IsFinite(v) ? (float)v : -1f), saved.GetFloats(DicomTags.FloatPixelData));
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "results.json")));
        var section = json.RootElement.GetProperty("mrsi");
        Assert.Equal(36, section.GetProperty("voxels").GetProperty("total").GetInt32());
        Assert.Equal(32, section.GetProperty("voxels").GetProperty("notFitted").GetInt32());
        Assert.Equal(JsonValueKind.Null, section.GetProperty("referenceImage").ValueKind);
        Assert.Equal("no MR image of this frame of reference was received", section.GetProperty("overlayNote").GetString());
        var study = DicomFile.Open(_phantom.Value.Spectroscopy, DicomReadOptions.HeaderOnly).Dataset.GetString(DicomTags.StudyInstanceUID);
        Assert.All(written.Where(f => f!.EndsWith(".dcm", StringComparison.Ordinal)),
            f => Assert.Equal(study, DicomFile.Open(Path.Combine(folder, f!), DicomReadOptions.HeaderOnly).Dataset.GetString(DicomTags.StudyInstanceUID)));
    }
}
