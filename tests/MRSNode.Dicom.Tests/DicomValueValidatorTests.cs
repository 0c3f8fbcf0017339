using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Dicom.Tests;

[UnitTest]
public class DicomValueValidatorTests
{
    private static string? Check(string vr, string value, DicomCharacterSet? charset = null) =>
        DicomValueValidator.Check(DicomVR.Parse(vr), value, charset ?? DicomCharacterSet.Default);

    public static TheoryData<string, string> ValidValues() => new()
    {
        { "AE", "STORESCP" },
        { "AE", " MRSNODE" },
        { "AE", "ABCDEFGHIJKLMNOP" },
        { "AS", "045Y" },
        { "AS", "003D" },
        { "AS", "012W" },
        { "AS", "006M" },
        { "CS", "ORIGINAL" },
        { "CS", "ISO_IR 100" },
        { "CS", "ABCDEFGHIJKLMNOP" },
        { "DA", "20250214" },
        { "DA", "20240229" },
        { "DS", "1.5e3" },
        { "DS", "-0.5" },
        { "DS", " 12 " },
        { "DS", ".5" },
        { "DS", "5." },
        { "DS", "+1E-10" },
        { "DS", "1234567890123456" },
        { "DT", "2025" },
        { "DT", "202502" },
        { "DT", "20250214" },
        { "DT", "20250214123045" },
        { "DT", "20250214123045.123456+0100" },
        { "DT", "20250214-0500" },
        { "IS", "0" },
        { "IS", "+12" },
        { "IS", "2147483647" },
        { "IS", "-2147483648" },
        { "IS", " 42 " },
        { "TM", "12" },
        { "TM", "1230" },
        { "TM", "123045" },
        { "TM", "123045.123456" },
        { "TM", "235960" },
        { "UI", "1.2.840.10008.1.2.1" },
        { "UI", "1.2.0" },
        { "UI", "2.25." + new string('9', 59) },
        { "LO", "Hello World" },
        { "LO", new string('x', 64) },
        { "LO", "\u001B$B" },
        { "SH", "ABCDEFGHIJKLMNOP" },
        { "PN", "Doe^John" },
        { "PN", "Doe^John^M^Dr^Jr" },
        { "PN", "A=B=C" },
        { "PN", new string('a', 64) + "=" + new string('b', 64) },
        { "LT", "line1\r\nline2" },
        { "LT", "tab\there\fpage" },
        { "LT", "back\\slash" },
        { "ST", new string('s', 1024) },
        { "UT", new string('u', 20000) },
        { "UC", new string('c', 1000) },
        { "UR", "http://example.org/x?y=1" },
    };

    [Theory]
    [MemberData(nameof(ValidValues))]
    public void Check_ValidValue_ReturnsNull(string vr, string value)
    {
        Assert.Null(Check(vr, value));
    }

    public static TheoryData<string, string, string> InvalidValues() => new()
    {
        { "AE", "    ", "is all spaces" },
        { "AE", "ABCDEFGHIJKLMNOPQ", "is longer than 16 characters" },
        { "AE", "A\tB", "contains control characters" },
        { "AS", "45Y", "is not an age" },
        { "AS", "045y", "is not an age" },
        { "AS", "045X", "is not an age" },
        { "CS", "original", "has characters other than A-Z" },
        { "CS", "A-B", "has characters other than A-Z" },
        { "CS", "ABCDEFGHIJKLMNOPQ", "is longer than 16 characters" },
        { "DA", "20250230", "is not a date" },
        { "DA", "20230229", "is not a date" },
        { "DA", "2025021", "is not a date" },
        { "DA", "2025-02-14", "is longer than 8 characters" },
        { "DS", "abc", "is not a decimal number" },
        { "DS", "12345678901234567", "is longer than 16 characters" },
        { "DS", "1,5", "is not a decimal number" },
        { "DS", "NaN", "is not a decimal number" },
        { "DS", "1e", "is not a decimal number" },
        { "DS", "1 2", "is not a decimal number" },
        { "DT", "20251314", "is not a date-time" },
        { "DT", "20250214246000", "is not a date-time" },
        { "DT", "25", "is not a date-time" },
        { "IS", "2147483648", "is not an integer" },
        { "IS", "-2147483649", "is not an integer" },
        { "IS", "1.0", "is not an integer" },
        { "IS", "1234567890123", "is longer than 12 characters" },
        { "TM", "251000", "is not a time" },
        { "TM", "126000", "is not a time" },
        { "TM", "12:30:45", "is not a time" },
        { "TM", "1", "is not a time" },
        { "UI", "1.2.03", "is not a UID" },
        { "UI", "1..2", "is not a UID" },
        { "UI", "1.2.", "is not a UID" },
        { "UI", "1.2.a", "is not a UID" },
        { "UI", "2.25." + new string('9', 60), "is longer than 64 characters" },
        { "LO", "A\\B", "contains a backslash" },
        { "LO", new string('x', 65), "is longer than 64 characters" },
        { "LO", "line\nbreak", "contains control characters" },
        { "LO", "Müller", "default repertoire" },
        { "SH", "ABCDEFGHIJKLMNOPQ", "is longer than 16 characters" },
        { "PN", "A=B=C=D", "is not a person name" },
        { "PN", "A^B^C^D^E^F", "is not a person name" },
        { "PN", new string('a', 65), "is not a person name" },
        { "PN", "Doe\r^John", "contains control characters" },
        { "LT", "bell\a", "contains control characters" },
        { "LT", "nul\0", "contains control characters" },
        { "ST", new string('s', 1025), "is longer than 1024 characters" },
        { "UC", "A\\B", "contains a backslash" },
        { "UR", " http://example.org", "has leading spaces" },
        { "UR", "http://example.org/ü", "does not allow" },
        { "CS", "É", "does not allow" },
    };

    [Theory]
    [MemberData(nameof(InvalidValues))]
    public void Check_InvalidValue_ReturnsProblem(string vr, string value, string problem)
    {
        var result = Check(vr, value);

        Assert.NotNull(result);
        Assert.Contains(problem, result);
    }

    [Theory]
    [InlineData("AS")]
    [InlineData("DA")]
    [InlineData("UI")]
    [InlineData("PN")]
    [InlineData("IS")]
    public void Check_EmptyValue_ReturnsNull(string vr)
    {
        Assert.Null(Check(vr, ""));
    }

    [Fact]
    public void Check_NonAsciiInLOWithUtf8_Accepted()
    {
        Assert.Null(Check("LO", "Müller", DicomCharacterSet.Utf8));
        Assert.Null(Check("PN", "山田^太郎", DicomCharacterSet.Utf8));
        Assert.Null(Check("LO", "Müller", DicomCharacterSet.Latin1));
    }

    [Fact]
    public void Check_NonAsciiInAsciiOnlyVRWithUtf8_StillRejected()
    {
        Assert.Equal("has non-ASCII characters, which this VR does not allow", Check("CS", "É", DicomCharacterSet.Utf8));
    }

    [Fact]
    public void Check_PNGroupsCountedSeparately_LongTotalAllowed()
    {
        var name = new string('a', 64) + "=" + new string('b', 64) + "=" + new string('c', 64);

        Assert.Null(Check("PN", name));
    }

    [Fact]
    public void Validate_InvalidDate_ThrowsWithTagAndVRButNotTheValue()
    {
        var ex = Assert.Throws<DicomValueException>(() =>
            DicomValueValidator.Validate(DicomTags.StudyDate, DicomVR.DA, ["20250230"], DicomCharacterSet.Default));

        Assert.Equal(DicomTags.StudyDate, ex.Tag);
        Assert.Same(DicomVR.DA, ex.VR);
        Assert.Equal("(0008,0020) DA: the value is not a date YYYYMMDD (not quoted: it may identify the patient)", ex.Message);
    }

    [Fact]
    public void Validate_LongInvalidUid_ShortenedInMessage()
    {
        var ex = Assert.Throws<DicomValueException>(() =>
            DicomValueValidator.Validate(DicomTags.SOPInstanceUID, DicomVR.UI, [new string('x', 70)], DicomCharacterSet.Default));

        Assert.Contains("'" + new string('x', 40) + "...'", ex.Message);
    }

    [Fact]
    public void Validate_InvalidPatientId_ValueNotInMessage()
    {
        var ex = Assert.Throws<DicomValueException>(() =>
            DicomValueValidator.Validate(DicomTags.PatientID, DicomVR.LO, ["DOE\u001b[31m" + new string('x', 70)], DicomCharacterSet.Default));

        Assert.DoesNotContain("DOE", ex.Message, StringComparison.Ordinal);
        Assert.StartsWith("(0010,0020) LO: the value ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SecondValueInvalid_Throws()
    {
        Assert.Throws<DicomValueException>(() =>
            DicomValueValidator.Validate(DicomTags.ImageType, DicomVR.CS, ["ORIGINAL", "primary"], DicomCharacterSet.Default));
    }

    [Fact]
    public void Validate_SeveralValidValues_DoesNotThrowAndCheckReturnsNullForEach()
    {
        string[] values = ["ORIGINAL", "PRIMARY"];
        DicomValueValidator.Validate(DicomTags.ImageType, DicomVR.CS, values, DicomCharacterSet.Default);

        Assert.All(values, v => Assert.Null(Check("CS", v)));
    }

    [Fact]
    public void Validate_SingleTextWithTwoValues_Throws()
    {
        var ex = Assert.Throws<DicomValueException>(() =>
            DicomValueValidator.Validate(DicomTags.ImageComments, DicomVR.LT, ["a", "b"], DicomCharacterSet.Default));

        Assert.Contains("holds exactly one value", ex.Message);
    }

    [Fact]
    public void Validate_BinaryVR_Throws()
    {
        var ex = Assert.Throws<DicomValueException>(() =>
            DicomValueValidator.Validate(DicomTags.Rows, DicomVR.US, ["1"], DicomCharacterSet.Default));

        Assert.Contains("not a text VR", ex.Message);
    }

    [Theory]
    [InlineData("1.2.840.10008.5.1.4.1.1.4.2", true)]
    [InlineData("2.25.0", true)]
    [InlineData("0", true)]
    [InlineData("", false)]
    [InlineData("1.02", false)]
    [InlineData(".1", false)]
    [InlineData("1.2 ", false)]
    [InlineData("1.2.٣", false)]
    public void IsUid_Examples_MatchPs35Section9(string value, bool expected)
    {
        Assert.Equal(expected, DicomValueValidator.IsUid(value));
    }

    [Fact]
    public void IsUid_64And65Characters_BoundaryAt64()
    {
        var uid64 = "1." + new string('1', 62);

        Assert.Equal(64, uid64.Length);
        Assert.True(DicomValueValidator.IsUid(uid64));
        Assert.False(DicomValueValidator.IsUid(uid64 + "1"));
    }
}
