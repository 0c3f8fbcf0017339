using MRSNode.Service.Studies;
using MRSNode.Spectroscopy.Readers;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Service.Tests.Studies;

[UnitTest]
public class StudyAssemblerTests
{
    private readonly StudyAssembler _assembler = new(MrsFormats.Default);

    [Fact]
    public void Plan_SingleAverageExport_OneJobWithAll64FilesOfTheSeries()
    {
        var files = Directory.GetFiles(TestData.Path("dicom/xa60-7t-single-averages"), "*.dcm");

        var job = Assert.Single(_assembler.Plan("20250101T000000000-abcd", files));

        Assert.Null(job.Failure);
        Assert.Equal("20250101T000000000-abcd-1", job.Manifest.Id);
        Assert.Equal(64, job.Manifest.MetaboliteFiles.Count);
        Assert.Empty(job.Manifest.WaterFiles);
    }

    [Fact]
    public void Plan_PhilipsWaterInFrame2_NoSeparateWaterNeeded()
    {
        var job = Assert.Single(_assembler.Plan("a", [TestData.Path("dicom/philips-mrs-2frame.dcm")]));

        Assert.Null(job.Failure);
        Assert.Equal(["philips-mrs-2frame.dcm"], job.Manifest.MetaboliteFiles);
        Assert.Empty(job.Manifest.WaterFiles);
    }

    [Fact]
    public void Plan_UnreadableObject_FailedJobNamingTheFile()
    {
        var bad = Path.Combine(TestData.NewTempFolder(), "garbage.dcm");
        File.WriteAllBytes(bad, new byte[300]);

        var job = Assert.Single(_assembler.Plan("a", [bad]));

        Assert.StartsWith("cannot be read as MR spectroscopy: garbage.dcm: ", job.Failure);
        Assert.Equal(["garbage.dcm"], job.Manifest.InputFiles);
    }

    [Fact]
    public void Plan_SamePlanTwice_SameJobIds()
    {
        var files = new[] { TestData.Path("dicom/siemens-xa60-svs.dcm"), TestData.Path("dicom/siemens-csa-svs30.ima") };

        var first = _assembler.Plan("x", files).Select(j => j.Manifest.Id);
        var again = _assembler.Plan("x", files).Select(j => j.Manifest.Id);

        Assert.Equal(["x-1", "x-2"], first);
        Assert.Equal(first, again);
    }
}
