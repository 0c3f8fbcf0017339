using System.Globalization;
using System.Numerics;
using System.Text;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Dicom.Tests;

[UnitTest]
public class DicomDatasetTests
{
    private static readonly DicomTag _privateData = new(0x0029, 0x1010);

    private static DicomElement Raw(DicomTag tag, DicomVR vr, string ascii) => new(tag, vr, Encoding.ASCII.GetBytes(ascii));

    // ---- Text values ---------------------------------------------------------------------------

    [Fact]
    public void AddOrUpdate_StringWithDictionaryVR_StoredPaddedAndReadBack()
    {
        var ds = new DicomDataset().AddOrUpdate(DicomTags.PatientID, "ABC");

        var e = ds.GetElement(DicomTags.PatientID);
        Assert.NotNull(e);
        Assert.Same(DicomVR.LO, e.VR);
        Assert.Equal(new byte[] { 0x41, 0x42, 0x43, 0x20 }, e.Value.ToArray());
        Assert.Equal("ABC", ds.GetString(DicomTags.PatientID));
    }

    [Fact]
    public void AddOrUpdate_MultipleValues_GetStringsSplitsAndGetStringJoins()
    {
        var ds = new DicomDataset().AddOrUpdate(DicomTags.ImageType, "ORIGINAL", "PRIMARY", "SPECTROSCOPY");

        Assert.Equal(new[] { "ORIGINAL", "PRIMARY", "SPECTROSCOPY" }, ds.GetStrings(DicomTags.ImageType));
        Assert.Equal("ORIGINAL\\PRIMARY\\SPECTROSCOPY", ds.GetString(DicomTags.ImageType));
        Assert.Equal("PRIMARY", ds.GetString(DicomTags.ImageType, 1));
        Assert.Null(ds.GetString(DicomTags.ImageType, 3));
    }

    [Fact]
    public void AddOrUpdate_ExplicitVR_UsesGivenVR()
    {
        var ds = new DicomDataset().AddOrUpdate(new DicomTag(0x0029, 0x0010), DicomVR.LO, "MRSNODE");

        Assert.Same(DicomVR.LO, ds.GetElement(new DicomTag(0x0029, 0x0010))!.VR);
        Assert.Equal("MRSNODE", ds.GetString(new DicomTag(0x0029, 0x0010)));
    }

    [Fact]
    public void AddOrUpdate_UidOddLength_PaddedWithNul()
    {
        var ds = new DicomDataset().AddOrUpdate(DicomTags.StudyInstanceUID, "1.2.3");

        Assert.Equal(new byte[] { 0x31, 0x2E, 0x32, 0x2E, 0x33, 0x00 }, ds.GetBytes(DicomTags.StudyInstanceUID).ToArray());
        Assert.Equal("1.2.3", ds.GetString(DicomTags.StudyInstanceUID));
    }

    [Fact]
    public void AddOrUpdate_SameTagTwice_Replaces()
    {
        var ds = new DicomDataset()
            .AddOrUpdate(DicomTags.PatientID, "FIRST")
            .AddOrUpdate(DicomTags.PatientID, "SECOND");

        Assert.Equal(1, ds.Count);
        Assert.Equal("SECOND", ds.GetString(DicomTags.PatientID));
    }

    [Fact]
    public void GetString_Absent_ReturnsNullAndGetStringsEmpty()
    {
        var ds = new DicomDataset();

        Assert.Null(ds.GetString(DicomTags.PatientName));
        Assert.Empty(ds.GetStrings(DicomTags.PatientName));
        Assert.Null(ds.GetString(DicomTags.PatientName, 0));
        Assert.True(ds.GetBytes(DicomTags.PatientName).IsEmpty);
    }

    [Fact]
    public void GetString_BinaryElement_FormatsValues()
    {
        var ds = new DicomDataset().AddOrUpdate<ushort>(DicomTags.AcquisitionMatrix, DicomVR.US, 0, 1, 1, 0);

        Assert.Equal("0\\1\\1\\0", ds.GetString(DicomTags.AcquisitionMatrix));
        Assert.Empty(ds.GetStrings(DicomTags.AcquisitionMatrix));
    }

    // ---- Numbers -------------------------------------------------------------------------------

    [Fact]
    public void AddOrUpdateDecimal_Values_GetValueDoubleFromDS()
    {
        var ds = new DicomDataset().AddOrUpdateDecimal(DicomTags.PixelSpacing, 0.5, 0.25);

        Assert.Same(DicomVR.DS, ds.GetElement(DicomTags.PixelSpacing)!.VR);
        Assert.Equal("0.5\\0.25", ds.GetString(DicomTags.PixelSpacing));
        Assert.Equal(0.5, ds.GetValue<double>(DicomTags.PixelSpacing));
        Assert.Equal(0.25, ds.GetValue<double>(DicomTags.PixelSpacing, 1));
        Assert.Equal(new[] { 0.5, 0.25 }, ds.GetValues<double>(DicomTags.PixelSpacing));
    }

    [Fact]
    public void GetValue_DSWithSpacesAndExponent_Parsed()
    {
        var ds = new DicomDataset();
        ds.AddOrUpdate(Raw(DicomTags.SliceThickness, DicomVR.DS, " 1.5e1 "));

        Assert.Equal(15.0, ds.GetValue<double>(DicomTags.SliceThickness));
        Assert.Equal(15f, ds.GetValue<float>(DicomTags.SliceThickness));
    }

    [Fact]
    public void AddOrUpdateInteger_Values_GetValuesIntFromIS()
    {
        var ds = new DicomDataset().AddOrUpdateInteger(DicomTags.ReferencedFrameNumber, 1, -2, 300);

        Assert.Equal("1\\-2\\300", ds.GetString(DicomTags.ReferencedFrameNumber));
        Assert.Equal(new[] { 1, -2, 300 }, ds.GetValues<int>(DicomTags.ReferencedFrameNumber));
        Assert.Equal(new long[] { 1, -2, 300 }, ds.GetValues<long>(DicomTags.ReferencedFrameNumber));
    }

    [Fact]
    public void GetValues_ISWithEmptyValue_SkipsIt()
    {
        var ds = new DicomDataset();
        ds.AddOrUpdate(Raw(DicomTags.ReferencedFrameNumber, DicomVR.IS, "1\\\\3 "));

        Assert.Equal(new[] { 1, 3 }, ds.GetValues<int>(DicomTags.ReferencedFrameNumber));
    }

    [Fact]
    public void GetValues_MalformedDS_ThrowsFormatExceptionNamingTag()
    {
        var ds = new DicomDataset();
        ds.AddOrUpdate(Raw(DicomTags.SliceThickness, DicomVR.DS, "abc "));

        var ex = Assert.Throws<FormatException>(() => ds.GetValues<double>(DicomTags.SliceThickness));
        Assert.Contains("(0018,0050)", ex.Message);
    }

    [Fact]
    public void AddOrUpdate_FloatsAsOF_GetFloatsReturnsThem()
    {
        var ds = new DicomDataset().AddOrUpdate<float>(DicomTags.SpectroscopyData, DicomVR.OF, 1.5f, -2f, 0.25f, 8f);

        Assert.Equal(16, ds.GetElement(DicomTags.SpectroscopyData)!.Length);
        Assert.Equal(new[] { 1.5f, -2f, 0.25f, 8f }, ds.GetFloats(DicomTags.SpectroscopyData));
        Assert.Equal(new[] { 1.5, -2.0, 0.25, 8.0 }, ds.GetValues<double>(DicomTags.SpectroscopyData));
    }

    [Fact]
    public void GetComplexFloats_InterleavedOF_PairsRealAndImaginary()
    {
        var ds = new DicomDataset().AddOrUpdate<float>(DicomTags.SpectroscopyData, DicomVR.OF, 1f, 2f, 3f, -4f, 5f);

        var c = ds.GetComplexFloats(DicomTags.SpectroscopyData);

        Assert.Equal(new[] { new Complex(1, 2), new Complex(3, -4) }, c);
    }

    [Fact]
    public void AddOrUpdate_DoublesAsFD_GetDoubles()
    {
        var ds = new DicomDataset().AddOrUpdate<double>(DicomTags.TransmitterFrequency, DicomVR.FD, 123.2, 297.2);

        Assert.Equal(new[] { 123.2, 297.2 }, ds.GetDoubles(DicomTags.TransmitterFrequency));
        Assert.Equal("123.2\\297.2", ds.GetString(DicomTags.TransmitterFrequency));
    }

    [Fact]
    public void AddOrUpdate_UShortAsUS_GetValueInt()
    {
        var ds = new DicomDataset().AddOrUpdate<ushort>(DicomTags.Rows, DicomVR.US, 512);

        Assert.Equal(new byte[] { 0x00, 0x02 }, ds.GetBytes(DicomTags.Rows).ToArray());
        Assert.Equal(512, ds.GetValue<int>(DicomTags.Rows));
        Assert.Equal("512", ds.GetString(DicomTags.Rows));
    }

    [Theory]
    [InlineData("SS")]
    [InlineData("SL")]
    [InlineData("SV")]
    public void GetValues_SignedBinary_KeepsSign(string vr)
    {
        var ds = new DicomDataset();
        var v = DicomVR.Parse(vr);
        _ = v.Code switch
        {
            "SS" => ds.AddOrUpdate<short>(_privateData, v, -3),
            "SL" => ds.AddOrUpdate<int>(_privateData, v, -3),
            _ => ds.AddOrUpdate<long>(_privateData, v, -3),
        };

        Assert.Equal(new[] { -3 }, ds.GetValues<int>(_privateData));
    }

    [Fact]
    public void GetValues_UnsignedBinaryTypes_Converted()
    {
        var ds = new DicomDataset()
            .AddOrUpdate<uint>(new DicomTag(0x0029, 0x1001), DicomVR.UL, 4000000000)
            .AddOrUpdate<ulong>(new DicomTag(0x0029, 0x1002), DicomVR.UV, 1UL << 40)
            .AddOrUpdate<byte>(new DicomTag(0x0029, 0x1003), DicomVR.OB, 1, 255)
            .AddOrUpdate<ushort>(new DicomTag(0x0029, 0x1004), DicomVR.OW, 0xBEEF);

        Assert.Equal(new[] { 4000000000L }, ds.GetValues<long>(new DicomTag(0x0029, 0x1001)));
        Assert.Equal(new[] { 1UL << 40 }, ds.GetValues<ulong>(new DicomTag(0x0029, 0x1002)));
        Assert.Equal(new[] { 1, 255 }, ds.GetValues<int>(new DicomTag(0x0029, 0x1003)));
        Assert.Equal(new[] { 0xBEEF }, ds.GetValues<int>(new DicomTag(0x0029, 0x1004)));
    }

    [Fact]
    public void GetValues_TextVRWithoutNumbers_ThrowsInvalidOperation()
    {
        var ds = new DicomDataset().AddOrUpdate(DicomTags.PatientID, "ABC");

        Assert.Throws<InvalidOperationException>(() => ds.GetValues<int>(DicomTags.PatientID));
    }

    [Fact]
    public void GetValues_ValueDoesNotFitType_ThrowsOverflow()
    {
        var ds = new DicomDataset().AddOrUpdate<ushort>(DicomTags.Rows, DicomVR.US, 300);

        Assert.Throws<OverflowException>(() => ds.GetValues<byte>(DicomTags.Rows));
    }

    [Fact]
    public void GetValue_MissingIndex_ThrowsKeyNotFoundWithKeyword()
    {
        var ds = new DicomDataset().AddOrUpdate<ushort>(DicomTags.Rows, DicomVR.US, 1);

        var ex = Assert.Throws<KeyNotFoundException>(() => ds.GetValue<int>(DicomTags.Rows, 1));
        Assert.Equal("(0028,0010) Rows has no value 1.", ex.Message);
        Assert.Throws<KeyNotFoundException>(() => ds.GetValue<int>(DicomTags.Columns));
    }

    [Fact]
    public void TryGetValue_PresentAndAbsent_ReportsBoth()
    {
        var ds = new DicomDataset().AddOrUpdate<ushort>(DicomTags.Rows, DicomVR.US, 7);

        Assert.True(ds.TryGetValue<int>(DicomTags.Rows, 0, out var rows));
        Assert.Equal(7, rows);
        Assert.False(ds.TryGetValue<int>(DicomTags.Rows, 1, out var second));
        Assert.Equal(0, second);
        Assert.False(ds.TryGetValue<int>(DicomTags.Columns, 0, out var cols));
        Assert.Equal(0, cols);
    }

    [Fact]
    public void AddOrUpdateTags_AT_GetTagsReturnsThem()
    {
        var ds = new DicomDataset().AddOrUpdateTags(DicomTags.FrameIncrementPointer, DicomTags.FrameTime);

        Assert.Equal(new[] { new DicomTag(0x0018, 0x1063) }, ds.GetTags(DicomTags.FrameIncrementPointer));
        Assert.Equal(new byte[] { 0x18, 0x00, 0x63, 0x10 }, ds.GetBytes(DicomTags.FrameIncrementPointer).ToArray());
        Assert.Equal("(0018,1063)", ds.GetString(DicomTags.FrameIncrementPointer));
        Assert.Empty(ds.GetTags(DicomTags.PatientName));
    }

    // ---- Wrong type / invalid value -------------------------------------------------------------

    [Fact]
    public void AddOrUpdate_WrongClrTypeForVR_ThrowsDicomValueException()
    {
        var ds = new DicomDataset();

        var ex = Assert.Throws<DicomValueException>(() => ds.AddOrUpdate<int>(DicomTags.Rows, DicomVR.US, 5));

        Assert.Equal(DicomTags.Rows, ex.Tag);
        Assert.Same(DicomVR.US, ex.VR);
        Assert.Equal("(0028,0010) US: takes UInt16 values, not Int32", ex.Message);
        Assert.Equal(0, ds.Count);
    }

    [Fact]
    public void AddOrUpdate_BinaryValuesForTextVR_ThrowsDicomValueException()
    {
        var ds = new DicomDataset();

        var ex = Assert.Throws<DicomValueException>(() => ds.AddOrUpdate<ushort>(DicomTags.PatientName, DicomVR.PN, 1));

        Assert.Contains("is not a binary VR", ex.Message);
        Assert.False(ds.Contains(DicomTags.PatientName));
    }

    [Fact]
    public void AddOrUpdate_InvalidValue_ThrowsAndLeavesDatasetUnchanged()
    {
        var ds = new DicomDataset().AddOrUpdate(DicomTags.PatientID, "ABC");
        var before = ds.GetBytes(DicomTags.PatientID).ToArray();

        var ex = Assert.Throws<DicomValueException>(() => ds.AddOrUpdate(DicomTags.PatientID, "A\\B"));

        Assert.Equal(DicomTags.PatientID, ex.Tag);
        Assert.Same(DicomVR.LO, ex.VR);
        Assert.Equal(1, ds.Count);
        Assert.Equal("ABC", ds.GetString(DicomTags.PatientID));
        Assert.Equal(before, ds.GetBytes(DicomTags.PatientID).ToArray());
    }

    [Fact]
    public void AddOrUpdate_InvalidDate_ThrowsAndDoesNotAdd()
    {
        var ds = new DicomDataset();

        Assert.Throws<DicomValueException>(() => ds.AddOrUpdate(DicomTags.StudyDate, "20250230"));

        Assert.False(ds.Contains(DicomTags.StudyDate));
        Assert.Equal(0, ds.Count);
    }

    [Fact]
    public void AddOrUpdate_NonAsciiWithDefaultCharset_Rejected()
    {
        var ds = new DicomDataset();

        Assert.Throws<DicomValueException>(() => ds.AddOrUpdate(DicomTags.PatientName, "Müller^Hans"));
        Assert.Equal(0, ds.Count);
    }

    [Fact]
    public void AddOrUpdate_TagNotInDictionary_ThrowsAskingForVR()
    {
        var ds = new DicomDataset();

        var ex = Assert.Throws<DicomValueException>(() => ds.AddOrUpdate(_privateData, "x"));

        Assert.Equal(_privateData, ex.Tag);
        Assert.Contains("is not in the dictionary", ex.Message);
    }

    // ---- Dates, times, names ------------------------------------------------------------------

    [Fact]
    public void AddOrUpdate_Date_StoredAsDAAndReadBack()
    {
        var ds = new DicomDataset().AddOrUpdate(DicomTags.StudyDate, new DateOnly(2025, 3, 14));

        Assert.Equal("20250314", ds.GetString(DicomTags.StudyDate));
        Assert.Same(DicomVR.DA, ds.GetElement(DicomTags.StudyDate)!.VR);
        Assert.Equal(new DateOnly(2025, 3, 14), ds.GetDate(DicomTags.StudyDate));
    }

    [Theory]
    [InlineData("20251399")]
    [InlineData("2025")]
    [InlineData("abcdefgh")]
    public void GetDate_Malformed_ReturnsNull(string raw)
    {
        var ds = new DicomDataset();
        ds.AddOrUpdate(Raw(DicomTags.StudyDate, DicomVR.DA, raw));

        Assert.Null(ds.GetDate(DicomTags.StudyDate));
    }

    [Fact]
    public void GetDate_Absent_ReturnsNull()
    {
        Assert.Null(new DicomDataset().GetDate(DicomTags.StudyDate));
    }

    [Fact]
    public void AddOrUpdate_Time_StoredWithMicrosecondsAndReadBack()
    {
        var time = new TimeOnly(12, 30, 45, 500);

        var ds = new DicomDataset().AddOrUpdate(DicomTags.StudyTime, time);

        Assert.Equal("123045.500000", ds.GetString(DicomTags.StudyTime));
        Assert.Equal(14, ds.GetElement(DicomTags.StudyTime)!.Length);
        Assert.Equal(time, ds.GetTime(DicomTags.StudyTime));
    }

    [Theory]
    [InlineData("123045", 12, 30, 45, 0)]
    [InlineData("12:30:45", 12, 30, 45, 0)]
    [InlineData("12:30:45.25", 12, 30, 45, 2500000)]
    [InlineData("123045.5", 12, 30, 45, 5000000)]
    [InlineData("123045.123456", 12, 30, 45, 1234560)]
    [InlineData("1230", 12, 30, 0, 0)]
    [InlineData("07", 7, 0, 0, 0)]
    [InlineData("235960", 23, 59, 59, 0)]
    public void GetTime_TMForms_ParsedToTimeOnly(string raw, int h, int m, int s, long fractionTicks)
    {
        var ds = new DicomDataset();
        ds.AddOrUpdate(Raw(DicomTags.StudyTime, DicomVR.TM, raw));

        var expected = new TimeOnly(h, m, s).Add(TimeSpan.FromTicks(fractionTicks));
        Assert.Equal(expected, ds.GetTime(DicomTags.StudyTime));
    }

    [Theory]
    [InlineData("250000")]
    [InlineData("126000")]
    [InlineData("ab")]
    [InlineData("1")]
    public void GetTime_Invalid_ReturnsNull(string raw)
    {
        var ds = new DicomDataset();
        ds.AddOrUpdate(Raw(DicomTags.StudyTime, DicomVR.TM, raw));

        Assert.Null(ds.GetTime(DicomTags.StudyTime));
    }

    [Fact]
    public void AddOrUpdate_PersonName_GetPersonNameReturnsComponents()
    {
        var ds = new DicomDataset().AddOrUpdate(DicomTags.PatientName, new DicomPersonName("Doe", "John", "", "Dr", ""));

        Assert.Equal("Doe^John^^Dr", ds.GetString(DicomTags.PatientName));
        var pn = ds.GetPersonName(DicomTags.PatientName);
        Assert.NotNull(pn);
        Assert.Equal("Doe", pn.FamilyName);
        Assert.Equal("John", pn.GivenName);
        Assert.Equal("Dr", pn.Prefix);
        Assert.Null(ds.GetPersonName(DicomTags.ReferringPhysicianName));
    }

    // ---- Character sets -----------------------------------------------------------------------

    [Fact]
    public void CharacterSet_NoSpecificCharacterSet_Default()
    {
        Assert.Same(DicomCharacterSet.Default, new DicomDataset().CharacterSet);
    }

    [Fact]
    public void AddOrUpdate_NonAsciiWithLatin1_EncodedAsLatin1()
    {
        var ds = new DicomDataset()
            .AddOrUpdate(DicomTags.SpecificCharacterSet, "ISO_IR 100")
            .AddOrUpdate(DicomTags.PatientName, "Müller^Hans");

        Assert.Equal(
            new byte[] { 0x4D, 0xFC, 0x6C, 0x6C, 0x65, 0x72, 0x5E, 0x48, 0x61, 0x6E, 0x73, 0x20 },
            ds.GetBytes(DicomTags.PatientName).ToArray());
        Assert.Equal("Müller^Hans", ds.GetString(DicomTags.PatientName));
    }

    [Fact]
    public void AddOrUpdate_NonAsciiWithUtf8_EncodedAsUtf8()
    {
        var ds = new DicomDataset()
            .AddOrUpdate(DicomTags.SpecificCharacterSet, "ISO_IR 192")
            .AddOrUpdate(DicomTags.PatientName, "山田^太郎");

        Assert.Equal(
            new byte[] { 0xE5, 0xB1, 0xB1, 0xE7, 0x94, 0xB0, 0x5E, 0xE5, 0xA4, 0xAA, 0xE9, 0x83, 0x8E, 0x20 },
            ds.GetBytes(DicomTags.PatientName).ToArray());
        Assert.Equal("山田^太郎", ds.GetString(DicomTags.PatientName));
        Assert.Equal("太郎", ds.GetPersonName(DicomTags.PatientName)!.GivenName);
    }

    [Fact]
    public void CharacterSet_ChangingSpecificCharacterSet_ResetsCachedCharset()
    {
        var ds = new DicomDataset().AddOrUpdate(DicomTags.SpecificCharacterSet, "ISO_IR 100");
        ds.AddOrUpdate(new DicomElement(DicomTags.PatientName, DicomVR.PN, new byte[] { 0xC3, 0xA9 }));
        Assert.Equal("Ã©", ds.GetString(DicomTags.PatientName));
        Assert.Same(DicomCharacterSet.Latin1, ds.CharacterSet);

        ds.AddOrUpdate(DicomTags.SpecificCharacterSet, "ISO_IR 192");

        Assert.Same(DicomCharacterSet.Utf8, ds.CharacterSet);
        Assert.Equal("é", ds.GetString(DicomTags.PatientName));
    }

    [Fact]
    public void CharacterSet_RawSpecificCharacterSetElement_ResetsCachedCharset()
    {
        var ds = new DicomDataset();
        Assert.Same(DicomCharacterSet.Default, ds.CharacterSet);

        ds.AddOrUpdate(Raw(DicomTags.SpecificCharacterSet, DicomVR.CS, "ISO_IR 192"));

        Assert.Same(DicomCharacterSet.Utf8, ds.CharacterSet);
    }

    [Fact]
    public void Remove_SpecificCharacterSet_RevertsToDefault()
    {
        var ds = new DicomDataset().AddOrUpdate(DicomTags.SpecificCharacterSet, "ISO_IR 192");
        Assert.Same(DicomCharacterSet.Utf8, ds.CharacterSet);

        Assert.True(ds.Remove(DicomTags.SpecificCharacterSet));

        Assert.Same(DicomCharacterSet.Default, ds.CharacterSet);
    }

    [Fact]
    public void CharacterSet_ItemInSequence_InheritsUtf8FromParent()
    {
        var parent = new DicomDataset().AddOrUpdate(DicomTags.SpecificCharacterSet, "ISO_IR 192");
        var item = new DicomDataset();
        item.AddOrUpdate(new DicomElement(DicomTags.PatientName, DicomVR.PN, Encoding.UTF8.GetBytes("Ďuriš^Ľudmila ")));

        parent.AddOrUpdate(DicomTags.OtherPatientIDsSequence, item);

        Assert.Same(parent, item.Parent);
        Assert.Same(DicomCharacterSet.Utf8, item.CharacterSet);
        Assert.Equal("Ďuriš^Ľudmila", item.GetString(DicomTags.PatientName));
    }

    [Fact]
    public void CharacterSet_NestedTwoLevels_InheritsFromTopLevel()
    {
        var top = new DicomDataset().AddOrUpdate(DicomTags.SpecificCharacterSet, "ISO_IR 192");
        var middle = new DicomDataset();
        var inner = new DicomDataset();
        inner.AddOrUpdate(new DicomElement(DicomTags.CodeMeaning, DicomVR.LO, Encoding.UTF8.GetBytes("山田")));
        middle.AddOrUpdate(DicomTags.ConceptNameCodeSequence, inner);
        top.AddOrUpdate(DicomTags.ContentSequence, middle);

        Assert.Equal("山田", inner.GetString(DicomTags.CodeMeaning));
    }

    [Fact]
    public void CharacterSet_ItemWithOwnSpecificCharacterSet_OverridesParent()
    {
        var parent = new DicomDataset().AddOrUpdate(DicomTags.SpecificCharacterSet, "ISO_IR 192");
        var item = new DicomDataset().AddOrUpdate(DicomTags.SpecificCharacterSet, "ISO_IR 100");
        parent.AddOrUpdate(DicomTags.OtherPatientIDsSequence, item);

        Assert.Same(DicomCharacterSet.Latin1, item.CharacterSet);
    }

    [Fact]
    public void CharacterSet_ItemBuiltBeforeAttaching_UsesParentCharsetAfterwards()
    {
        var item = new DicomDataset().AddOrUpdate(DicomTags.PatientID, "ID1");
        Assert.Same(DicomCharacterSet.Default, item.CharacterSet);
        var parent = new DicomDataset().AddOrUpdate(DicomTags.SpecificCharacterSet, "ISO_IR 192");

        parent.AddOrUpdate(DicomTags.OtherPatientIDsSequence, item);
        item.AddOrUpdate(DicomTags.PatientName, "山田^太郎");

        Assert.Same(DicomCharacterSet.Utf8, item.CharacterSet);
        Assert.Equal(Encoding.UTF8.GetBytes("山田^太郎 "), item.GetBytes(DicomTags.PatientName).ToArray());
        Assert.Equal("山田^太郎", item.GetString(DicomTags.PatientName));
    }

    [Fact]
    public void CharacterSet_ParentChangesAfterItemRead_ItemFollows()
    {
        var parent = new DicomDataset().AddOrUpdate(DicomTags.SpecificCharacterSet, "ISO_IR 100");
        var item = new DicomDataset();
        item.AddOrUpdate(new DicomElement(DicomTags.PatientName, DicomVR.PN, new byte[] { 0xC3, 0xA9 }));
        parent.AddOrUpdate(DicomTags.OtherPatientIDsSequence, item);
        Assert.Equal("Ã©", item.GetString(DicomTags.PatientName));

        parent.AddOrUpdate(DicomTags.SpecificCharacterSet, "ISO_IR 192");

        Assert.Equal("é", item.GetString(DicomTags.PatientName));
    }

    // ---- Private blocks -----------------------------------------------------------------------

    [Fact]
    public void ReservePrivateTag_EmptyGroup_ReservesBlock10()
    {
        var ds = new DicomDataset();

        var tag = ds.ReservePrivateTag(0x0029, "MRSNODE", 0x20);

        Assert.Equal(new DicomTag(0x0029, 0x1020), tag);
        Assert.Equal("MRSNODE", ds.GetString(new DicomTag(0x0029, 0x0010)));
        Assert.Same(DicomVR.LO, ds.GetElement(new DicomTag(0x0029, 0x0010))!.VR);
        Assert.Equal(1, ds.Count);
    }

    [Fact]
    public void ReservePrivateTag_Block10TakenByOtherCreator_ReservesBlock11()
    {
        var ds = new DicomDataset().AddOrUpdate(new DicomTag(0x0029, 0x0010), "SIEMENS CSA HEADER");

        var tag = ds.ReservePrivateTag(0x0029, "MRSNODE", 0x01);

        Assert.Equal(new DicomTag(0x0029, 0x1101), tag);
        Assert.Equal("MRSNODE", ds.GetString(new DicomTag(0x0029, 0x0011)));
        Assert.Equal("SIEMENS CSA HEADER", ds.GetString(new DicomTag(0x0029, 0x0010)));
    }

    [Fact]
    public void ReservePrivateTag_GapInBlocks_TakesFirstFree()
    {
        var ds = new DicomDataset()
            .AddOrUpdate(new DicomTag(0x0029, 0x0010), "A")
            .AddOrUpdate(new DicomTag(0x0029, 0x0012), "C");

        Assert.Equal(new DicomTag(0x0029, 0x1105), ds.ReservePrivateTag(0x0029, "B", 0x05));
    }

    [Fact]
    public void ReservePrivateTag_CreatorAlreadyHasBlock_ReusesIt()
    {
        var ds = new DicomDataset()
            .AddOrUpdate(new DicomTag(0x0029, 0x0010), "OTHER")
            .AddOrUpdate(new DicomTag(0x0029, 0x0011), "MRSNODE");

        var tag = ds.ReservePrivateTag(0x0029, "MRSNODE", 0x30);

        Assert.Equal(new DicomTag(0x0029, 0x1130), tag);
        Assert.Equal(2, ds.Count);
    }

    [Fact]
    public void ReservePrivateTag_CalledTwice_SameBlock()
    {
        var ds = new DicomDataset();

        var first = ds.ReservePrivateTag(0x0029, "MRSNODE", 0x01);
        var second = ds.ReservePrivateTag(0x0029, "MRSNODE", 0x02);

        Assert.Equal(new DicomTag(0x0029, 0x1001), first);
        Assert.Equal(new DicomTag(0x0029, 0x1002), second);
        Assert.Equal(1, ds.Count);
    }

    [Theory]
    [InlineData(0x0028)]
    [InlineData(0x0007)]
    [InlineData(0x0001)]
    public void ReservePrivateTag_NonPrivateGroup_Throws(int group)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new DicomDataset().ReservePrivateTag((ushort)group, "X", 0x10));
    }

    [Fact]
    public void ReservePrivateTag_AllBlocksTaken_ThrowsInvalidOperation()
    {
        var ds = new DicomDataset();
        for (int block = 0x10; block <= 0xFF; block++)
        {
            ds.AddOrUpdate(new DicomTag(0x0011, (ushort)block), "C" + block.ToString(CultureInfo.InvariantCulture));
        }

        var ex = Assert.Throws<InvalidOperationException>(() => ds.ReservePrivateTag(0x0011, "NEW", 0x10));
        Assert.Equal("No free private block in group 0011.", ex.Message);
        Assert.Equal(new DicomTag(0x0011, 0xFF10), ds.ReservePrivateTag(0x0011, "C255", 0x10));
    }

    [Fact]
    public void FindPrivateTag_ReservedCreator_FindsItsBlock()
    {
        var ds = new DicomDataset().AddOrUpdate(new DicomTag(0x0029, 0x0010), "SIEMENS CSA HEADER");
        ds.ReservePrivateTag(0x0029, "MRSNODE", 0x01);

        Assert.Equal(new DicomTag(0x0029, 0x1120), ds.FindPrivateTag(0x0029, "MRSNODE", 0x20));
        Assert.Equal(new DicomTag(0x0029, 0x1010), ds.FindPrivateTag(0x0029, "SIEMENS CSA HEADER", 0x10));
        Assert.Null(ds.FindPrivateTag(0x0029, "UNKNOWN", 0x10));
        Assert.Null(ds.FindPrivateTag(0x0031, "MRSNODE", 0x10));
    }

    [Fact]
    public void FindPrivateTag_CreatorStoredWithPadding_Found()
    {
        var ds = new DicomDataset();
        ds.AddOrUpdate(Raw(new DicomTag(0x0029, 0x0012), DicomVR.LO, " SIEMENS CSA HEADER  "));

        Assert.Equal(new DicomTag(0x0029, 0x1208), ds.FindPrivateTag(0x0029, "SIEMENS CSA HEADER", 0x08));
    }

    [Fact]
    public void GetPrivateCreator_PrivateDataElement_ReturnsReservingCreator()
    {
        var ds = new DicomDataset()
            .AddOrUpdate(new DicomTag(0x0029, 0x0010), "SIEMENS CSA HEADER")
            .AddOrUpdate(new DicomTag(0x0029, 0x0011), "SIEMENS MEDCOM HEADER");

        Assert.Equal("SIEMENS CSA HEADER", ds.GetPrivateCreator(new DicomTag(0x0029, 0x1010)));
        Assert.Equal("SIEMENS MEDCOM HEADER", ds.GetPrivateCreator(new DicomTag(0x0029, 0x1120)));
        Assert.Null(ds.GetPrivateCreator(new DicomTag(0x0029, 0x1220)));
        Assert.Null(ds.GetPrivateCreator(new DicomTag(0x0029, 0x0010)));
        Assert.Null(ds.GetPrivateCreator(DicomTags.PatientName));
    }

    [Fact]
    public void GetPrivateCreator_WithDictionary_ResolvesCsaEntryInAnyBlock()
    {
        var ds = new DicomDataset()
            .AddOrUpdate(new DicomTag(0x0029, 0x0010), "OTHER VENDOR")
            .AddOrUpdate(new DicomTag(0x0029, 0x0011), "OTHER VENDOR 2")
            .AddOrUpdate(new DicomTag(0x0029, 0x0012), "SIEMENS CSA HEADER");
        var tag = ds.FindPrivateTag(0x0029, "SIEMENS CSA HEADER", 0x10)!.Value;

        var entry = DicomDictionary.Find(tag, ds.GetPrivateCreator(tag));

        Assert.Equal(new DicomTag(0x0029, 0x1210), tag);
        Assert.NotNull(entry);
        Assert.Equal("CSAImageHeaderInfo", entry.Keyword);
    }

    // ---- Collection behaviour -----------------------------------------------------------------

    [Fact]
    public void Enumerate_ItemsAddedOutOfOrder_AscendingTagOrder()
    {
        var ds = new DicomDataset()
            .AddOrUpdate<float>(DicomTags.SpectroscopyData, DicomVR.OF, 1f)
            .AddOrUpdate(DicomTags.PatientName, "Doe^John")
            .AddOrUpdate(new DicomTag(0x0029, 0x0010), "MRSNODE")
            .AddOrUpdate(DicomTags.SpecificCharacterSet, "ISO_IR 100")
            .AddOrUpdate(DicomTags.StudyDate, "20250101")
            .AddOrUpdate(DicomTags.PatientID, "X");

        var order = ds.Select(i => i.Tag.ToString()).ToArray();

        Assert.Equal(new[] { "(0008,0005)", "(0008,0020)", "(0010,0010)", "(0010,0020)", "(0029,0010)", "(5600,0020)" }, order);
        Assert.Equal(6, ds.Count);
    }

    [Fact]
    public void Constructor_FromItems_AddsAllSorted()
    {
        var ds = new DicomDataset(
        [
            Raw(DicomTags.PatientID, DicomVR.LO, "B "),
            Raw(DicomTags.Modality, DicomVR.CS, "MR"),
        ]);

        Assert.Equal(new[] { DicomTags.Modality, DicomTags.PatientID }, ds.Select(i => i.Tag).ToArray());
    }

    [Fact]
    public void Remove_PresentAndAbsent_ReturnsWhetherRemoved()
    {
        var ds = new DicomDataset().AddOrUpdate(DicomTags.PatientID, "X");

        Assert.True(ds.Remove(DicomTags.PatientID));
        Assert.False(ds.Remove(DicomTags.PatientID));
        Assert.Equal(0, ds.Count);
    }

    [Fact]
    public void Accessors_ElementAndSequence_ReturnTypedItemsOrNull()
    {
        var item = new DicomDataset().AddOrUpdate(DicomTags.PatientID, "X");
        var ds = new DicomDataset()
            .AddOrUpdate(DicomTags.PatientName, "Doe")
            .AddOrUpdate(DicomTags.OtherPatientIDsSequence, item);

        Assert.True(ds.Contains(DicomTags.PatientName));
        Assert.NotNull(ds.GetElement(DicomTags.PatientName));
        Assert.Null(ds.GetSequence(DicomTags.PatientName));
        var sq = ds.GetSequence(DicomTags.OtherPatientIDsSequence);
        Assert.NotNull(sq);
        Assert.Same(item, Assert.Single(sq.Items));
        Assert.Null(ds.GetElement(DicomTags.OtherPatientIDsSequence));
        Assert.Same(sq, ds[DicomTags.OtherPatientIDsSequence]);
        Assert.True(ds.TryGetItem(DicomTags.OtherPatientIDsSequence, out var found));
        Assert.Same(sq, found);
        Assert.False(ds.TryGetItem(DicomTags.StudyDate, out _));
        Assert.Null(ds[DicomTags.StudyDate]);
        Assert.Empty(ds.GetStrings(DicomTags.OtherPatientIDsSequence));
    }

    // ---- Decimal strings ----------------------------------------------------------------------

    [Theory]
    [InlineData(1.0 / 3.0, "0.33333333333333")]
    [InlineData(123456789.123456789, "123456789.123457")]
    [InlineData(-1e-300, "-1E-300")]
    [InlineData(0.0, "0")]
    [InlineData(1.5, "1.5")]
    [InlineData(-42.0, "-42")]
    [InlineData(1e20, "1E+20")]
    [InlineData(-123456789012345678.0, "-1.23456789E+17")]
    public void FormatDecimalString_Value_ExpectedText(double value, string expected)
    {
        Assert.Equal(expected, DicomDataset.FormatDecimalString(value));
    }

    [Theory]
    [InlineData(1.0 / 3.0)]
    [InlineData(-2.0 / 3.0)]
    [InlineData(123456789.123456789)]
    [InlineData(-1e-300)]
    [InlineData(1.2345678901234567e-300)]
    [InlineData(-1.2345678901234567e-300)]
    [InlineData(double.MaxValue)]
    [InlineData(double.Epsilon)]
    [InlineData(-0.000012345678901234567)]
    [InlineData(297.2185)]
    public void FormatDecimalString_AnyValue_AtMost16CharsValidDSAndClose(double value)
    {
        var s = DicomDataset.FormatDecimalString(value);

        Assert.True(s.Length <= 16, $"'{s}' has {s.Length} characters");
        Assert.Null(DicomValueValidator.Check(DicomVR.DS, s, DicomCharacterSet.Default));
        var back = double.Parse(s, CultureInfo.InvariantCulture);
        Assert.True(Math.Abs(back - value) <= Math.Abs(value) * 1e-8, $"'{s}' parses to {back}, not {value}");
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void FormatDecimalString_NotFinite_Throws(double value)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DicomDataset.FormatDecimalString(value));
    }

    [Fact]
    public void AddOrUpdateDecimal_OneThird_StoredIn16CharsAndReadBackClose()
    {
        var ds = new DicomDataset().AddOrUpdateDecimal(DicomTags.SliceThickness, 1.0 / 3.0);

        Assert.Equal(16, ds.GetElement(DicomTags.SliceThickness)!.Length);
        Assert.Equal(1.0 / 3.0, ds.GetValue<double>(DicomTags.SliceThickness), 1e-13);
    }
}
