using System.Text;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Dicom.Tests;

[UnitTest]
public class DicomValueFormatterTests
{
    private static readonly DicomTag _tag = new(0x0029, 0x1010);

    private static string Format(DicomVR vr, byte[] value, int maxChars = int.MaxValue, DicomCharacterSet? charset = null)
    {
        var sb = new StringBuilder();
        DicomValueFormatter.AppendValue(sb, new DicomElement(_tag, vr, value), charset ?? DicomCharacterSet.Default, maxChars);
        return sb.ToString();
    }

    [Fact]
    public void AppendValue_OB_TwoDigitHexBytes()
    {
        Assert.Equal("00\\01", Format(DicomVR.OB, [0x00, 0x01]));
        Assert.Equal("ab\\ff\\7f", Format(DicomVR.OB, [0xAB, 0xFF, 0x7F]));
    }

    [Fact]
    public void AppendValue_UN_FormattedLikeOB()
    {
        Assert.Equal("4d\\52", Format(DicomVR.UN, [0x4D, 0x52]));
    }

    [Fact]
    public void AppendValue_OW_FourDigitHexWords()
    {
        Assert.Equal("0001\\beef", Format(DicomVR.OW, [0x01, 0x00, 0xEF, 0xBE]));
    }

    [Fact]
    public void AppendValue_IntegerVRs_Decimal()
    {
        Assert.Equal("1\\65535", Format(DicomVR.US, [0x01, 0x00, 0xFF, 0xFF]));
        Assert.Equal("-1\\2", Format(DicomVR.SS, [0xFF, 0xFF, 0x02, 0x00]));
        Assert.Equal("4000000000", Format(DicomVR.UL, BitConverter.GetBytes(4000000000u)));
        Assert.Equal("-5", Format(DicomVR.SL, BitConverter.GetBytes(-5)));
        Assert.Equal("7", Format(DicomVR.OL, BitConverter.GetBytes(7u)));
        Assert.Equal("-9000000000", Format(DicomVR.SV, BitConverter.GetBytes(-9000000000L)));
        Assert.Equal("18446744073709551615", Format(DicomVR.UV, BitConverter.GetBytes(ulong.MaxValue)));
        Assert.Equal("42", Format(DicomVR.OV, BitConverter.GetBytes(42UL)));
    }

    [Fact]
    public void AppendValue_FL_ShortestRoundTrip()
    {
        var bytes = DicomValueCodec.EncodeBinary<float>([0.1f, 1f / 3f, -2.5f, 1e-7f]);

        var text = Format(DicomVR.FL, bytes);

        Assert.Equal("0.1\\0.33333334\\-2.5\\1E-07", text);
        Assert.Equal(0.1f, float.Parse(text.Split('\\')[0], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void AppendValue_OF_FormattedLikeFL()
    {
        Assert.Equal("1.5\\-0", Format(DicomVR.OF, DicomValueCodec.EncodeBinary<float>([1.5f, -0f])));
    }

    [Fact]
    public void AppendValue_FD_ShortestRoundTrip()
    {
        var bytes = DicomValueCodec.EncodeBinary<double>([0.1, 1.0 / 3.0, 123.2]);

        Assert.Equal("0.1\\0.3333333333333333\\123.2", Format(DicomVR.FD, bytes));
        Assert.Equal("297.2", Format(DicomVR.OD, BitConverter.GetBytes(297.2)));
    }

    [Fact]
    public void AppendValue_AT_ParenthesisedTags()
    {
        var bytes = DicomValueCodec.EncodeTags([new DicomTag(0x0010, 0x0010), new DicomTag(0x7FE1, 0x1010)]);

        Assert.Equal("(0010,0010)\\(7fe1,1010)", Format(DicomVR.AT, bytes));
        Assert.Equal("(0010,0010)", Format(DicomVR.AT, bytes[..4]));
    }

    [Fact]
    public void AppendValue_Text_DecodedWithoutPadding()
    {
        Assert.Equal("Doe^John", Format(DicomVR.PN, Encoding.ASCII.GetBytes("Doe^John  ")));
        Assert.Equal("ORIGINAL\\PRIMARY", Format(DicomVR.CS, Encoding.ASCII.GetBytes("ORIGINAL\\PRIMARY")));
    }

    [Fact]
    public void AppendValue_TextWithCharset_DecodedWithIt()
    {
        Assert.Equal("山田^太郎", Format(DicomVR.PN, Encoding.UTF8.GetBytes("山田^太郎 "), charset: DicomCharacterSet.Utf8));
    }

    [Fact]
    public void AppendValue_TextOverMax_TruncatedWithEllipsis()
    {
        Assert.Equal("ABCD...", Format(DicomVR.LO, Encoding.ASCII.GetBytes("ABCDEFGHIJ"), maxChars: 4));
        Assert.Equal("ABCDEFGHIJ", Format(DicomVR.LO, Encoding.ASCII.GetBytes("ABCDEFGHIJ"), maxChars: 10));
    }

    [Fact]
    public void AppendValue_BinaryOverMax_StopsAndAppendsEllipsis()
    {
        var values = Enumerable.Range(1, 20).Select(i => (ushort)i).ToArray();

        var text = Format(DicomVR.US, DicomValueCodec.EncodeBinary<ushort>(values), maxChars: 10);

        Assert.Equal("1\\2\\3\\4\\5\\6...", text);
    }

    [Fact]
    public void AppendValue_OBOverMax_StopsAndAppendsEllipsis()
    {
        var text = Format(DicomVR.OB, new byte[1000], maxChars: 8);

        Assert.Equal("00\\00\\00\\00...", text);
    }

    [Fact]
    public void AppendValue_BinaryJustFits_NoEllipsis()
    {
        Assert.Equal("1\\2\\3", Format(DicomVR.US, DicomValueCodec.EncodeBinary<ushort>([1, 2, 3]), maxChars: 5));
    }

    [Fact]
    public void AppendValue_ExistingBuilderContent_LimitCountsOnlyNewText()
    {
        var sb = new StringBuilder("prefix: ");
        var e = new DicomElement(_tag, DicomVR.US, DicomValueCodec.EncodeBinary<ushort>(Enumerable.Range(1, 20).Select(i => (ushort)i).ToArray()));

        DicomValueFormatter.AppendValue(sb, e, DicomCharacterSet.Default, 10);

        Assert.Equal("prefix: 1\\2\\3\\4\\5\\6...", sb.ToString());
    }

    [Fact]
    public void AppendValue_Empty_AppendsNothing()
    {
        Assert.Equal("", Format(DicomVR.US, []));
        Assert.Equal("", Format(DicomVR.LO, []));
    }

    [Fact]
    public void AppendValue_OddOWLength_LastByteIgnored()
    {
        Assert.Equal("0201", Format(DicomVR.OW, [0x01, 0x02, 0x03]));
    }
}
