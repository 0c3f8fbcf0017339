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

    [PeerFact("dciodvfy")]
    public void Create_ChoNaa_DciodvfyReportsNothing()
    {
        var path = Path.Combine(TestData.NewTempFolder(), "pmap.dcm");
        new DicomFile(Create()).Save(path);

        var r = Peers.Run("dciodvfy", [path]);

        var findings = (r.StdOut + r.StdErr).Split('\n').Where(l => l.StartsWith("Error", StringComparison.Ordinal) || l.StartsWith("Warning", StringComparison.Ordinal)).ToList();
        Assert.True(findings.Count == 0, string.Join('\n', findings));
    }
}
