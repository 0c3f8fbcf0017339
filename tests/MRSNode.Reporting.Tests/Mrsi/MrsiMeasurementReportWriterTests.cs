using MRSNode.Dicom;
using MRSNode.Quantification.Mrsi;
using MRSNode.Reporting.Mrsi;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Reporting.Tests.Mrsi;

[UnitTest]
public class MrsiMeasurementReportWriterTests
{
    private static List<DicomDataset> Groups(DicomDataset sr) =>
        [.. sr.GetSequence(DicomTags.ContentSequence)!.Items[^1].GetSequence(DicomTags.ContentSequence)!.Items];

    private static IEnumerable<DicomDataset> Children(DicomDataset item) => item.GetSequence(DicomTags.ContentSequence)?.Items ?? [];

    private static string Meaning(DicomDataset item) => item.GetSequence(DicomTags.ConceptNameCodeSequence)!.Items[0].GetString(DicomTags.CodeMeaning)!;

    [Fact]
    public void Create_Sample_OneGroupPerRegionAndOneForTheGrid()
    {
        var sr = MrsiMeasurementReportWriter.Create(MrsiSamples.Result(), MrsiSamples.Source, "MRSNode 0.1.0", new DateTime(2026, 12, 5));

        var groups = Groups(sr);
        Assert.Equal(["MRSI Maximum Cho/NAA", "MRSI Contralateral reference", "MRSI grid"],
            groups.Select(g => Children(g).First(c => Meaning(c) == "Tracking Identifier").GetString(DicomTags.TextValue)));
        Assert.Equal("905", sr.GetString(DicomTags.SeriesNumber));
    }

    [Fact]
    public void Create_Sample_MaximumRegionCarriesItsPositionChoNaaAndCrlb()
    {
        var result = MrsiSamples.Result();
        var sr = MrsiMeasurementReportWriter.Create(result, MrsiSamples.Source, "MRSNode 0.1.0", new DateTime(2026, 12, 5));

        var group = Children(Groups(sr)[0]).ToList();
        Assert.Equal("column 5, row 8, slice 1; x -35.0, y -5.0, z 0.0 mm",
            group.Single(c => c.GetString(DicomTags.ValueType) == "TEXT" && Meaning(c).StartsWith("MRSI voxel", StringComparison.Ordinal)).GetString(DicomTags.TextValue));
        var nums = group.Where(c => c.GetString(DicomTags.ValueType) == "NUM").ToList();
        Assert.Equal(result.Maps.Count(m => double.IsFinite(m.Values[result.Regions[0].VoxelIndex])), nums.Count);
        // Cho/NAA: the choline code with a "ratio to" N-acetylaspartate modifier; 0.6 / 0.5.
        var choNaa = nums.Single(n => Children(n).Any(c => Meaning(c) == "Ratio to" && c.GetSequence(DicomTags.ConceptCodeSequence)!.Items[0].GetString(DicomTags.CodeMeaning)!.Contains("aspart", StringComparison.OrdinalIgnoreCase)));
        Assert.Equal("1.2", choNaa.GetSequence(DicomTags.MeasuredValueSequence)!.Items[0].GetString(DicomTags.NumericValue));
        var tNaa = nums.First();
        Assert.Equal("5", Children(tNaa).Single(c => Meaning(c) == "Cramer-Rao lower bound").GetSequence(DicomTags.MeasuredValueSequence)!.Items[0].GetString(DicomTags.NumericValue));
    }

    [Fact]
    public void Create_Sample_GridGroupHoldsEveryNote()
    {
        var result = MrsiSamples.Result();
        var sr = MrsiMeasurementReportWriter.Create(result, MrsiSamples.Source, "MRSNode 0.1.0", new DateTime(2026, 12, 5));

        var texts = Children(Groups(sr)[^1]).Where(c => Meaning(c) == "Finding").Select(c => c.GetString(DicomTags.TextValue)!).ToList();
        Assert.Equal(result.Notes, texts);
        Assert.Contains("256 voxels (16 × 16 × 1): 64 fitted, 63 reported.", texts);
        Assert.Equal(VoxelState.Rejected, result.Voxels[10 * 16 + 10].State);
    }
}
