using System.Globalization;
using System.Numerics;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Dicom.Tests;

[UnitTest]
public class DicomUidGeneratorTests
{
    [Fact]
    public void Generate_Default_Returns225UuidUid()
    {
        var uid = DicomUidGenerator.Default.Generate();

        Assert.StartsWith("2.25.", uid, StringComparison.Ordinal);
        Assert.True(DicomValueValidator.IsUid(uid), uid);
        Assert.InRange(uid.Length, 6, 44);
        var number = BigInteger.Parse(uid[5..], CultureInfo.InvariantCulture);
        Assert.True(number < BigInteger.One << 128);
    }

    [Fact]
    public void Generate_TenThousandCalls_AllValidAndUnique()
    {
        var generator = new DicomUidGenerator();
        var seen = new HashSet<string>(StringComparer.Ordinal);

        for (int i = 0; i < 10_000; i++)
        {
            var uid = generator.Generate();
            Assert.True(uid.Length <= 64, uid);
            Assert.True(DicomValueValidator.IsUid(uid), uid);
            seen.Add(uid);
        }

        Assert.Equal(10_000, seen.Count);
    }

    [Theory]
    [InlineData("1.2.3")]
    [InlineData("1.2.826.0.1.3680043.10.1234")]
    [InlineData("1.2.826.0.1.3680043.10.123456")]
    public void Generate_OrgRoot_ValidUidUnderRootWithin64(string root)
    {
        var generator = new DicomUidGenerator(root);
        var seen = new HashSet<string>(StringComparer.Ordinal);

        for (int i = 0; i < 1000; i++)
        {
            var uid = generator.Generate();
            Assert.StartsWith(root + ".", uid, StringComparison.Ordinal);
            Assert.True(uid.Length <= 64, uid);
            Assert.True(DicomValueValidator.IsUid(uid), uid);
            Assert.Equal(root.Split('.').Length + 2, uid.Split('.').Length);
            seen.Add(uid);
        }

        Assert.Equal(1000, seen.Count);
    }

    [Fact]
    public void Generate_Longest30CharRoot_StaysWithin64()
    {
        var root = "1.2.3." + new string('4', 24);
        Assert.Equal(30, root.Length);

        var uid = new DicomUidGenerator(root).Generate();

        Assert.True(uid.Length <= 64, uid);
        Assert.True(DicomValueValidator.IsUid(uid), uid);
    }

    [Theory]
    [InlineData("1.2.03")]
    [InlineData("")]
    [InlineData("1.2.")]
    [InlineData("abc")]
    [InlineData("1.2.3.4444444444444444444444444444")]
    public void Constructor_BadRoot_ThrowsArgumentException(string root)
    {
        var ex = Assert.Throws<ArgumentException>(() => new DicomUidGenerator(root));

        Assert.Equal("orgRoot", ex.ParamName);
    }

    [Fact]
    public void FromName_SameName_SameUid()
    {
        var a = DicomUidGenerator.FromName("fixture/study-1");
        var b = DicomUidGenerator.FromName("fixture/study-1");

        Assert.Equal(a, b);
        Assert.StartsWith("2.25.", a, StringComparison.Ordinal);
        Assert.True(DicomValueValidator.IsUid(a), a);
        Assert.True(a.Length <= 44, a);
    }

    [Fact]
    public void FromName_DifferentNames_DifferentUids()
    {
        Assert.NotEqual(DicomUidGenerator.FromName("a"), DicomUidGenerator.FromName("b"));
        Assert.NotEqual(DicomUidGenerator.FromName(""), DicomUidGenerator.FromName(" "));
    }

    [Fact]
    public void FromName_KnownInput_StableAcrossRuns()
    {
        // Pinned (SHA-256 of the UTF-8 name, first 16 bytes, version nibble 5) so fixture UIDs never change.
        var uid = DicomUidGenerator.FromName("MRSNode");
        Assert.Equal("2.25.237657263901077163975097315867006947035", uid);
        var value = BigInteger.Parse(uid[5..], CultureInfo.InvariantCulture);
        var bytes = value.ToByteArray(isUnsigned: true, isBigEndian: true);
        Assert.Equal(0x50, bytes[^9] & 0xF0);
    }

    [Fact]
    public void FromParts_SameParts_SameValidUid()
    {
        var a = DicomUidGenerator.FromParts(["1.2.3.4", "sr", "MRSNode 0.1.0"]);
        var b = DicomUidGenerator.FromParts(["1.2.3.4", "sr", "MRSNode 0.1.0"]);

        Assert.Equal(a, b);
        Assert.StartsWith("2.25.", a, StringComparison.Ordinal);
        Assert.True(DicomValueValidator.IsUid(a), a);
        Assert.Equal(DicomUidGenerator.FromName("7:1.2.3.4|2:sr|13:MRSNode 0.1.0|"), a);
    }

    [Fact]
    public void FromParts_PartsSplitDifferently_DifferentUids()
    {
        Assert.NotEqual(DicomUidGenerator.FromParts(["ab", "c"]), DicomUidGenerator.FromParts(["a", "bc"]));
        Assert.NotEqual(DicomUidGenerator.FromParts(["1.2.3", "sr"]), DicomUidGenerator.FromParts(["1.2.3", "pdf"]));
    }

    [Fact]
    public void ImplementationIdentifiers_Constants_AreValid()
    {
        Assert.True(DicomValueValidator.IsUid(DicomUidGenerator.ImplementationClassUid));
        Assert.True(DicomUidGenerator.ImplementationVersionName.Length <= 16);
        Assert.Null(DicomValueValidator.Check(DicomVR.SH, DicomUidGenerator.ImplementationVersionName, DicomCharacterSet.Default));
    }
}
