using MRSNode.Dicom;
using MRSNode.Reporting.Dicom;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Reporting.Tests.Dicom;

[UnitTest]
public class CopiedValueNormaliserTests
{
    [Theory]
    [InlineData("1970-01-01", "19700101")]
    [InlineData("2024/01/31", "20240131")]
    [InlineData("2024.01.31", "20240131")]
    [InlineData("20240131", "20240131")]
    [InlineData("", "")]
    public void Date_CommonForms_WrittenAsYyyymmdd(string value, string expected)
    {
        Assert.Equal(expected, new CopiedValueNormaliser().Date("the study date", value));
    }

    [Fact]
    public void Date_NotADate_LeftEmptyAndTheNoteNamesTheAttributeNotTheValue()
    {
        var values = new CopiedValueNormaliser();

        Assert.Equal("", values.Date("the patient's birth date", "31st of Jan"));

        Assert.Equal(["the patient's birth date was not a valid DICOM DA value and was left empty in the outputs"], values.Notes);
    }

    [Theory]
    [InlineData("Male", "M")]
    [InlineData("female", "F")]
    [InlineData("O", "O")]
    [InlineData("unknown", "")]
    public void Sex_CommonWords_MappedToMfo(string value, string expected)
    {
        Assert.Equal(expected, new CopiedValueNormaliser().Sex("the patient's sex", value));
    }

    [Fact]
    public void Text_OverLongShortString_TruncatedTo16WithANote()
    {
        var values = new CopiedValueNormaliser();

        Assert.Equal("ACC-2024-0000123", values.Text("the accession number", DicomVR.SH, "ACC-2024-0000123456789"));

        Assert.Equal(["the accession number was not in DICOM form and was corrected in the outputs: truncated to 16 characters"], values.Notes);
    }

    [Fact]
    public void Text_NameWithEscapeAndBell_ControlsRemovedAndValidForTheWriter()
    {
        var values = new CopiedValueNormaliser();

        var name = values.Text("the patient's name", DicomVR.PN, "DOE^JANE\u001b[31m\u0007");

        Assert.Equal("DOE^JANE[31m", name);
        Assert.Null(DicomValueValidator.Check(DicomVR.PN, name!, DicomCharacterSet.Utf8));
        Assert.Single(values.Notes);
    }

    [Fact]
    public void Time_OldColonForm_WrittenAsHhmmss()
    {
        Assert.Equal("101530", new CopiedValueNormaliser().Time("the study time", "10:15:30"));
    }

    [Fact]
    public void FromDataset_ConformantValues_NoCorrections()
    {
        var source = new DicomDataset()
            .AddOrUpdate(DicomTags.PatientName, "DOE^JANE")
            .AddOrUpdate(DicomTags.PatientBirthDate, "19700101")
            .AddOrUpdate(DicomTags.PatientSex, "F")
            .AddOrUpdate(DicomTags.StudyInstanceUID, "1.2.3");

        var identity = SourceIdentity.FromDataset(source);

        Assert.Empty(identity.Corrections);
        Assert.Equal("19700101", identity.PatientBirthDate);
    }
}
