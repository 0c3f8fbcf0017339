using MRSNode.Dicom;
using MRSNode.Service.Intake;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Service.Tests;

[UnitTest]
public class IntakeSpoolTests
{
    [Fact]
    public void Recover_AcknowledgedButUnfiledObjectAndPartialFile_FiledByStudyAndPartialDeleted()
    {
        var data = TestData.NewTempFolder();
        var intake = new IntakeSpool(data);
        var source = TestData.Path("dicom/siemens-xa60-svs.dcm");
        var sop = TestNode.Uid(source, DicomTags.SOPInstanceUID);
        File.Copy(source, Path.Combine(intake.Received, sop + ".dcm"));
        Directory.CreateDirectory(Path.Combine(intake.Received, ".incoming"));
        File.WriteAllBytes(Path.Combine(intake.Received, ".incoming", "cut.part"), new byte[100]);

        int filed = new IntakeSpool(data).Recover();

        Assert.Equal(1, filed);
        Assert.Equal([Path.Combine(TestNode.Uid(source, DicomTags.StudyInstanceUID), sop + ".dcm")],
            TestNode.FilesUnder(intake.Root).Where(f => !f.StartsWith('.')));
        Assert.Empty(TestNode.FilesUnder(intake.Received));
    }

    [Fact]
    public void TakeSettled_StudyQuietLessThanSettleTime_StaysThenMovesToAssembly()
    {
        var intake = new IntakeSpool(TestData.NewTempFolder());
        var source = TestData.Path("dicom/siemens-csa-svs30.ima");
        var copy = Path.Combine(intake.Received, "x.dcm");
        File.Copy(source, copy);
        var identity = IntakeSpool.Identify(copy, "1.2.3");
        intake.File(copy, "1.2.3", identity);
        var arrived = File.GetLastWriteTimeUtc(source);

        Assert.Empty(intake.TakeSettled(TimeSpan.FromSeconds(10), arrived.AddSeconds(9)));
        var taken = Assert.Single(intake.TakeSettled(TimeSpan.FromSeconds(10), arrived.AddSeconds(11)));

        Assert.Equal(["1.2.3.dcm"], TestNode.FilesUnder(taken));
        Assert.Equal(0, intake.PendingStudies);
    }

    [Fact]
    public void File_SameUidSameBytesTwice_StoredOnceAsDuplicate()
    {
        var intake = new IntakeSpool(TestData.NewTempFolder());
        var identity = new IntakeSpool.ObjectIdentity("1.2.840.9", "1.2.840.9", null);
        File.WriteAllBytes(Path.Combine(intake.Received, "a.dcm"), [1, 2, 3, 4]);
        File.WriteAllBytes(Path.Combine(intake.Received, "b.dcm"), [1, 2, 3, 4]);

        var first = intake.File(Path.Combine(intake.Received, "a.dcm"), "1.2.3", identity);
        var second = intake.File(Path.Combine(intake.Received, "b.dcm"), "1.2.3", identity);

        Assert.Equal((IntakeSpool.FilingOutcome.New, IntakeSpool.FilingOutcome.Duplicate), (first.Outcome, second.Outcome));
        Assert.Equal([Path.Combine("1.2.840.9", "1.2.3.dcm")], TestNode.FilesUnder(intake.Root));
    }

    [Fact]
    public void File_SameUidOtherBytes_LatestKeptAsReplaced()
    {
        var intake = new IntakeSpool(TestData.NewTempFolder());
        var identity = new IntakeSpool.ObjectIdentity("1.2.840.9", "1.2.840.9", null);
        File.WriteAllBytes(Path.Combine(intake.Received, "a.dcm"), [1, 2, 3, 4]);
        File.WriteAllBytes(Path.Combine(intake.Received, "b.dcm"), [1, 2, 3, 5]);
        intake.File(Path.Combine(intake.Received, "a.dcm"), "1.2.3", identity);

        var second = intake.File(Path.Combine(intake.Received, "b.dcm"), "1.2.3", identity);

        Assert.Equal(IntakeSpool.FilingOutcome.Replaced, second.Outcome);
        Assert.Equal([1, 2, 3, 5], File.ReadAllBytes(second.Path));
        Assert.Equal([Path.Combine("1.2.840.9", "1.2.3.dcm")], TestNode.FilesUnder(intake.Root));
    }

    [Fact]
    public void Identify_NotDicom_StudyOfItsOwnNamedBySopUid()
    {
        var path = Path.Combine(TestData.NewTempFolder(), "junk.dcm");
        File.WriteAllBytes(path, [1, 2, 3]);

        var identity = IntakeSpool.Identify(path, "1.2.3.4");

        Assert.Equal(("unidentified-1.2.3.4", null), (identity.StudyKey, identity.StudyInstanceUid));
    }

    [Fact]
    public void SafeName_HostileUid_CannotNameAPath()
    {
        var safe = IntakeSpool.SafeName("../../etc/passwd");

        Assert.Equal("_..___________", safe);
        Assert.Equal(safe, Path.GetFileName(safe));
    }
}
