using MRSNode.Dicom;
using MRSNode.Dicom.IO;
using MRSNode.Quantification.Mrsi;
using MRSNode.Reporting.Mrsi;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Reporting.Tests.Mrsi;

[UnitTest]
public class ParametricMapWriterTests
{
    private static DicomDataset Create()
    {
        var result = MrsiSamples.Result();
        return ParametricMapWriter.Create(result, result.Map(MrsiMapNames.ChoNaa)!, 6, MrsiSamples.Source, "MRSNode 0.1.0", new DateTime(2026, 12, 5));
    }

    [Fact]
    public void Create_ChoNaa_FloatValuesOnTheGridsGeometryAndFrame()
    {
        var pm = Create();

        Assert.Equal(MrsiSamples.FrameOfReference, pm.GetString(DicomTags.FrameOfReferenceUID));
        Assert.Equal(("CHO_NAA", "926"), (pm.GetString(DicomTags.ContentLabel), pm.GetString(DicomTags.SeriesNumber)));
        var values = pm.GetFloats(DicomTags.FloatPixelData);
        Assert.Equal(256, values.Length);
        Assert.Equal(1.2f, values[7 * 16 + 4], 5);
        Assert.Equal(ParametricMapWriter.Blank, values[0]);
        var frame = pm.GetSequence(DicomTags.PerFrameFunctionalGroupsSequence)!.Items[0].GetSequence(DicomTags.PlanePositionSequence)!.Items[0];
        Assert.Equal([-75.0, -75.0, 0.0], frame.GetDoubles(DicomTags.ImagePositionPatient));
    }

    [Fact]
    public void Create_SourceSpectroscopy_DerivationAndCommonInstanceReferenceNameIt()
    {
        var pm = Create();

        var derivation = pm.GetSequence(DicomTags.SharedFunctionalGroupsSequence)!.Items[0].GetSequence(DicomTags.DerivationImageSequence)!.Items[0];
        Assert.Equal("113050", derivation.GetSequence(DicomTags.DerivationCodeSequence)!.Items[0].GetString(DicomTags.CodeValue));
        var source = derivation.GetSequence(DicomTags.SourceImageSequence)!.Items[0];
        Assert.Equal("1.2.826.0.1.3680043.8.498.72", source.GetString(DicomTags.ReferencedSOPInstanceUID));
        Assert.Equal("121322", source.GetSequence(DicomTags.PurposeOfReferenceCodeSequence)!.Items[0].GetString(DicomTags.CodeValue));
        var series = pm.GetSequence(DicomTags.ReferencedSeriesSequence)!.Items[0];
        Assert.Equal("1.2.826.0.1.3680043.8.498.71", series.GetString(DicomTags.SeriesInstanceUID));
        Assert.Equal("1.2.826.0.1.3680043.8.498.72", series.GetSequence(DicomTags.ReferencedInstanceSequence)!.Items[0].GetString(DicomTags.ReferencedSOPInstanceUID));
    }

    [Fact]
    public void Create_MapWithUnreportedVoxels_BlankPaddingOutsideTheMappedRangeWithUnitAndQuantity()
    {
        var result = MrsiSamples.Result();
        var map = result.Map(MrsiMapNames.ChoNaa)!;
        int blank = Array.FindIndex(map.Values, double.IsNaN), reported = Array.FindIndex(map.Values, double.IsFinite);

        var pm = ParametricMapWriter.Create(result, map, 6, MrsiSamples.Source, "MRSNode 0.1.0", new DateTime(2026, 12, 5));

        var pixels = pm.GetFloats(DicomTags.FloatPixelData);
        Assert.Equal(-1f, pixels[blank]);
        Assert.Equal((float)map.Values[reported], pixels[reported]);
        Assert.Equal(map.Values.Count(double.IsNaN), pixels.Count(p => p == ParametricMapWriter.Blank));
        Assert.Equal([-1f], pm.GetFloats(DicomTags.FloatPixelPaddingValue));
        var shared = pm.GetSequence(DicomTags.SharedFunctionalGroupsSequence)!.Items[0];
        var mapping = shared.GetSequence(DicomTags.RealWorldValueMappingSequence)!.Items[0];
        var finite = map.Values.Where(double.IsFinite).ToArray();
        Assert.Equal([finite.Min()], mapping.GetDoubles(DicomTags.DoubleFloatRealWorldValueFirstValueMapped));
        Assert.Equal([finite.Max()], mapping.GetDoubles(DicomTags.DoubleFloatRealWorldValueLastValueMapped));
        Assert.Equal("Cho/NAA (ratio); -1 = not reported", mapping.GetString(DicomTags.LUTExplanation));
        var window = shared.GetSequence(DicomTags.FrameVOILUTSequence)!.Items[0];
        Assert.Equal(finite.Max(), Assert.Single(window.GetDoubles(DicomTags.WindowWidth)), 6);
        Assert.Equal("LINEAR_EXACT", window.GetString(DicomTags.VOILUTFunction));
        var unit = mapping.GetSequence(DicomTags.MeasurementUnitsCodeSequence)!.Items[0];
        Assert.Equal(("{ratio}", "UCUM"), (unit.GetString(DicomTags.CodeValue), unit.GetString(DicomTags.CodingSchemeDesignator)));
        var quantity = mapping.GetSequence(DicomTags.QuantityDefinitionSequence)!.Items
            .Select(i => (Name: i.GetSequence(DicomTags.ConceptNameCodeSequence)!.Items[0].GetString(DicomTags.CodeMeaning),
                Value: i.GetSequence(DicomTags.ConceptCodeSequence)!.Items[0].GetString(DicomTags.CodeMeaning)))
            .ToList();
        Assert.Equal([("Quantity", "Choline"), ("Ratio to", "N-acetylaspartate")], quantity);
    }

    [PeerTheory("dciodvfy")]
    [InlineData(MrsiMapNames.ChoNaa)]
    [InlineData(MrsiMapNames.Lac)] // range below 1: the window is narrower than 1
    [InlineData(MrsiMapNames.TCr)] // no unit, no "ratio to"
    public void Create_Map_DciodvfyReportsOnlyThePrivateScheme(string name)
    {
        var result = MrsiSamples.Result();
        var path = Path.Combine(TestData.NewTempFolder(), "pmap.dcm");
        new DicomFile(ParametricMapWriter.Create(result, result.Map(name)!, 0, MrsiSamples.Source, "MRSNode 0.1.0", new DateTime(2026, 12, 5))).Save(path);

        var r = Peers.Run("dciodvfy", [path]);

        // dciodvfy puts some findings after the attribute ("(0x0040,0x9224) FD ... - Warning - ..."); the declared private scheme is the one warning left.
        var findings = (r.StdOut + r.StdErr).Split('\n').Where(l => l.Contains("Error", StringComparison.Ordinal) || l.Contains("Warning", StringComparison.Ordinal)).ToList();
        Assert.All(findings, f => Assert.Contains("<99MRSNODE> for value 1 of attribute <Coding Scheme Designator>", f, StringComparison.Ordinal));
    }
}
