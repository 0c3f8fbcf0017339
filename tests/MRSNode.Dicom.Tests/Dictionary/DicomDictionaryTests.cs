using System.Reflection;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Dicom.Tests;

[UnitTest]
public class DicomDictionaryTests
{
    private const string CsaHeader = "SIEMENS CSA HEADER";
    private const string CsaNonImage = "SIEMENS CSA NON-IMAGE";

    [Fact]
    public void Find_PatientName_ReturnsPNWithVM1()
    {
        var e = DicomDictionary.Find(DicomTags.PatientName);

        Assert.NotNull(e);
        Assert.Equal("PatientName", e.Keyword);
        Assert.Same(DicomVR.PN, e.VR);
        Assert.Equal("1", e.Multiplicity);
        Assert.Equal(DicomVM.One, e.VM);
        Assert.False(e.IsRetired);
        Assert.False(e.IsRange);
        Assert.Null(e.PrivateCreator);
    }

    [Fact]
    public void Find_SpectroscopyData_ReturnsOF()
    {
        var e = DicomDictionary.Find(new DicomTag(0x5600, 0x0020));

        Assert.NotNull(e);
        Assert.Equal("SpectroscopyData", e.Keyword);
        Assert.Same(DicomVR.OF, e.VR);
        Assert.Equal("1", e.Multiplicity);
    }

    [Fact]
    public void Find_TransmitterFrequency_ReturnsFDWithVM1To2()
    {
        var e = DicomDictionary.Find(new DicomTag(0x0018, 0x9098));

        Assert.NotNull(e);
        Assert.Equal("TransmitterFrequency", e.Keyword);
        Assert.Same(DicomVR.FD, e.VR);
        Assert.Equal("1-2", e.Multiplicity);
        Assert.Equal(new DicomVM(1, 2, 1), e.VM);
        Assert.True(e.VM.Allows(2));
        Assert.False(e.VM.Allows(3));
    }

    [Theory]
    [InlineData(0x6000)]
    [InlineData(0x6002)]
    [InlineData(0x601E)]
    [InlineData(0x60FE)]
    public void Find_OverlayDataInRepeatingGroup_MatchesRangeWithOWOrOB(int group)
    {
        var e = DicomDictionary.Find(new DicomTag((ushort)group, 0x3000));

        Assert.NotNull(e);
        Assert.Equal("OverlayData", e.Keyword);
        Assert.True(e.IsRange);
        Assert.Equal(0x6000, e.GroupLow);
        Assert.Equal(0x60FF, e.GroupHigh);
        Assert.Equal("OW|OB", e.ValueRepresentations);
        Assert.Same(DicomVR.OW, e.VR);
        Assert.Equal(new[] { DicomVR.OW, DicomVR.OB }, e.AllowedVRs);
    }

    [Theory]
    [InlineData(0x6001)]
    [InlineData(0x6100)]
    [InlineData(0x5FFE)]
    public void Find_OverlayElementOutsideEvenRange_ReturnsNull(int group)
    {
        Assert.Null(DicomDictionary.Find(new DicomTag((ushort)group, 0x3000)));
    }

    [Theory]
    [InlineData(0x3100)]
    [InlineData(0x3101)]
    [InlineData(0x3155)]
    [InlineData(0x31FF)]
    public void Find_SourceImageIDsElementRange_MatchesEveryElementIn31xx(int element)
    {
        var e = DicomDictionary.Find(new DicomTag(0x0020, (ushort)element));

        Assert.NotNull(e);
        Assert.Equal("SourceImageIDs", e.Keyword);
        Assert.True(e.IsRetired);
        Assert.Same(DicomVR.CS, e.VR);
        Assert.Equal("1-n", e.Multiplicity);
    }

    [Fact]
    public void Find_ElementJustOutside31xx_ReturnsNull()
    {
        Assert.Null(DicomDictionary.Find(new DicomTag(0x0020, 0x3200)));
        Assert.Null(DicomDictionary.Find(new DicomTag(0x0020, 0x30FF)));
    }

    [Theory]
    [InlineData(0x0009, 0x0000, "PrivateGroupLength", "UL")]
    [InlineData(0x7FE1, 0x0000, "PrivateGroupLength", "UL")]
    [InlineData(0x0008, 0x0000, "GenericGroupLength", "UL")]
    [InlineData(0x0010, 0x0000, "GenericGroupLength", "UL")]
    [InlineData(0x0003, 0x0000, "IllegalGroupLength", "UL")]
    [InlineData(0x0002, 0x0000, "FileMetaInformationGroupLength", "UL")]
    [InlineData(0x0000, 0x0000, "CommandGroupLength", "UL")]
    [InlineData(0x0029, 0x0010, "PrivateCreator", "LO")]
    [InlineData(0x0029, 0x0011, "PrivateCreator", "LO")]
    [InlineData(0x7FE1, 0x00FF, "PrivateCreator", "LO")]
    [InlineData(0x0003, 0x0010, "IllegalPrivateCreator", "LO")]
    public void Find_GroupLengthAndCreatorCatchAlls_ReturnMostSpecificEntry(int group, int element, string keyword, string vr)
    {
        var e = DicomDictionary.Find(new DicomTag((ushort)group, (ushort)element));

        Assert.NotNull(e);
        Assert.Equal(keyword, e.Keyword);
        Assert.Equal(vr, e.VR.Code);
    }

    [Fact]
    public void Find_PrivateDataElementWithoutCreator_ReturnsNull()
    {
        Assert.Null(DicomDictionary.Find(new DicomTag(0x0029, 0x1010)));
        Assert.Null(DicomDictionary.Find(new DicomTag(0x0029, 0x1010), null));
    }

    [Fact]
    public void Find_UnknownPublicTag_ReturnsNull()
    {
        Assert.Null(DicomDictionary.Find(new DicomTag(0x0010, 0x0011)));
    }

    [Fact]
    public void Find_CsaImageHeaderInfoInBlock11_ReturnsOBEntry()
    {
        var e = DicomDictionary.Find(new DicomTag(0x0029, 0x1110), CsaHeader);

        Assert.NotNull(e);
        Assert.Equal("CSAImageHeaderInfo", e.Keyword);
        Assert.Same(DicomVR.OB, e.VR);
        Assert.Equal(CsaHeader, e.PrivateCreator);
        Assert.Equal(0x0010, e.ElementLow);
    }

    [Fact]
    public void Find_SameCreatorInOtherBlocks_ReturnsSameEntry()
    {
        var inBlock10 = DicomDictionary.Find(new DicomTag(0x0029, 0x1010), CsaHeader);
        var inBlock11 = DicomDictionary.Find(new DicomTag(0x0029, 0x1110), CsaHeader);
        var inBlock12 = DicomDictionary.Find(new DicomTag(0x0029, 0x1210), CsaHeader);
        var inBlockFF = DicomDictionary.Find(new DicomTag(0x0029, 0xFF10), CsaHeader);

        Assert.NotNull(inBlock12);
        Assert.Equal("CSAImageHeaderInfo", inBlock12.Keyword);
        Assert.Same(inBlock11, inBlock10);
        Assert.Same(inBlock11, inBlock12);
        Assert.Same(inBlock11, inBlockFF);
    }

    [Theory]
    [InlineData(0x1008, "CSAImageHeaderType", "CS")]
    [InlineData(0x1009, "CSAImageHeaderVersion", "LO")]
    [InlineData(0x1018, "CSASeriesHeaderType", "CS")]
    [InlineData(0x1020, "CSASeriesHeaderInfo", "OB")]
    public void Find_OtherCsaHeaderOffsets_ReturnTheirEntries(int element, string keyword, string vr)
    {
        var e = DicomDictionary.Find(new DicomTag(0x0029, (ushort)element), CsaHeader);

        Assert.NotNull(e);
        Assert.Equal(keyword, e.Keyword);
        Assert.Equal(vr, e.VR.Code);
    }

    [Fact]
    public void Find_SameOffsetDifferentCreator_ReturnsThatCreatorsEntry()
    {
        var e = DicomDictionary.Find(new DicomTag(0x0029, 0x1110), CsaNonImage);

        Assert.NotNull(e);
        Assert.Equal("CSADataInfo", e.Keyword);
        Assert.Equal(CsaNonImage, e.PrivateCreator);
    }

    [Fact]
    public void Find_CsaNonImageData_ReturnsCSADataOB()
    {
        var e = DicomDictionary.Find(new DicomTag(0x7FE1, 0x1010), CsaNonImage);

        Assert.NotNull(e);
        Assert.Equal("CSAData", e.Keyword);
        Assert.Same(DicomVR.OB, e.VR);
    }

    [Theory]
    [InlineData("UNKNOWN CREATOR")]
    [InlineData("siemens csa header")]
    [InlineData("")]
    public void Find_UnknownCreator_ReturnsNull(string creator)
    {
        Assert.Null(DicomDictionary.Find(new DicomTag(0x0029, 0x1010), creator));
    }

    [Fact]
    public void Find_CreatorKnownButWrongGroup_ReturnsNull()
    {
        Assert.Null(DicomDictionary.Find(new DicomTag(0x0031, 0x1010), CsaHeader));
    }

    [Fact]
    public void Find_PrivateEntryWithGroupRange_MatchesEveryOddGroup()
    {
        var inFirst = DicomDictionary.Find(new DicomTag(0x7001, 0x1004), "DLX_ANNOT_01");
        var inLater = DicomDictionary.Find(new DicomTag(0x7003, 0x1104), "DLX_ANNOT_01");

        Assert.NotNull(inFirst);
        Assert.Equal("TextAnnotation", inFirst.Keyword);
        Assert.Same(DicomVR.ST, inFirst.VR);
        Assert.Same(inFirst, inLater);
    }

    [Fact]
    public void Find_PublicTagWithCreator_IgnoresCreator()
    {
        var e = DicomDictionary.Find(DicomTags.PatientName, CsaHeader);

        Assert.NotNull(e);
        Assert.Equal("PatientName", e.Keyword);
    }

    [Fact]
    public void FindByKeyword_SpectroscopyData_ReturnsTag5600_0020()
    {
        var e = DicomDictionary.FindByKeyword("SpectroscopyData");

        Assert.NotNull(e);
        Assert.Equal(0x5600, e.GroupLow);
        Assert.Equal(0x0020, e.ElementLow);
        Assert.Same(DicomVR.OF, e.VR);
    }

    [Theory]
    [InlineData("NoSuchKeyword")]
    [InlineData("spectroscopydata")]
    [InlineData("")]
    public void FindByKeyword_Unknown_ReturnsNull(string keyword)
    {
        Assert.Null(DicomDictionary.FindByKeyword(keyword));
    }

    [Fact]
    public void FindByKeyword_RetiredKeyword_PrefixStrippedAndFlagged()
    {
        var e = DicomDictionary.FindByKeyword("CommandLengthToEnd");

        Assert.NotNull(e);
        Assert.True(e.IsRetired);
        Assert.Equal(0x0000, e.GroupLow);
        Assert.Equal(0x0001, e.ElementLow);
        Assert.Null(DicomDictionary.FindByKeyword("RETIRED_CommandLengthToEnd"));
        Assert.Same(e, DicomDictionary.Find(new DicomTag(0x0000, 0x0001)));
    }

    [Fact]
    public void FindByKeyword_RetiredRange_ReturnsRangeEntry()
    {
        var e = DicomDictionary.FindByKeyword("SourceImageIDs");

        Assert.NotNull(e);
        Assert.True(e.IsRetired);
        Assert.True(e.IsRange);
        Assert.Equal(0x3100, e.ElementLow);
        Assert.Equal(0x31FF, e.ElementHigh);
    }

    [Fact]
    public void GeneratedData_NoKeyword_KeepsRetiredPrefix()
    {
        Assert.DoesNotContain(DicomDictionaryData.Public, e => e.Keyword.StartsWith("RETIRED_", StringComparison.Ordinal));
        Assert.DoesNotContain(DicomDictionaryData.Private, e => e.Keyword.StartsWith("RETIRED_", StringComparison.Ordinal));
        Assert.Equal(480, DicomDictionaryData.Public.Count(e => e.IsRetired));
    }

    [Fact]
    public void EntryCounts_GeneratedFromDcmtk_MatchDictionaryFiles()
    {
        Assert.Equal(4996, DicomDictionary.PublicEntryCount);
        Assert.Equal(2836, DicomDictionary.PrivateEntryCount);
    }

    [Fact]
    public void AllEntries_VRsAndVMs_ParseAndRoundTrip()
    {
        var all = DicomDictionaryData.Public.Concat(DicomDictionaryData.Private).ToList();
        int checkedCount = 0;
        foreach (var e in all)
        {
            Assert.NotEmpty(e.AllowedVRs);
            Assert.Same(e.AllowedVRs[0], e.VR);
            Assert.Equal(e.Multiplicity, e.VM.ToString());
            Assert.True(e.VM.Minimum >= 1, $"{e.Keyword}: VM {e.Multiplicity}");
            checkedCount++;
        }
        Assert.Equal(4996 + 2836, checkedCount);
    }

    [Fact]
    public void Find_ItemWithoutVR_UsesUN()
    {
        var item = DicomDictionary.Find(DicomTag.Item);

        Assert.NotNull(item);
        Assert.Equal("Item", item.Keyword);
        Assert.Equal("", item.ValueRepresentations);
        Assert.Same(DicomVR.UN, item.VR);
    }

    [Fact]
    public void DicomTags_EveryField_ResolvesToEntryWithSameKeyword()
    {
        var fields = typeof(DicomTags).GetFields(BindingFlags.Public | BindingFlags.Static);
        Assert.True(fields.Length > 4000, $"only {fields.Length} tags");
        var mismatches = new List<string>();
        foreach (var f in fields)
        {
            var tag = (DicomTag)f.GetValue(null)!;
            var e = DicomDictionary.Find(tag);
            if (e is null || e.Keyword != f.Name)
            {
                mismatches.Add($"{f.Name} {tag} -> {e?.Keyword ?? "null"}");
            }
        }
        Assert.Empty(mismatches);
    }
}
