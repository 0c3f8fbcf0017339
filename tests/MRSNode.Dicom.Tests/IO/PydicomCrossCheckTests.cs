using MRSNode.Dicom.IO;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Dicom.Tests.IO;

/// <summary>pydicom, an independent implementation, reads what we write with the values it reads from the original.</summary>
[UnitTest]
public class PydicomCrossCheckTests
{
    // Walks both data sets and prints every difference in tag, VR or value; prints "SAME n" when there is none.
    private const string CompareScript = """
        import sys, pydicom
        # pydicom keeps O* values as raw bytes in the file's byte order; compare them in one order.
        UNIT = {"OW": 2, "OF": 4, "OL": 4, "OD": 8, "OV": 8}
        def swap(v, n):
            return b"".join(v[i:i + n][::-1] for i in range(0, len(v), n))
        def walk(a, b, path, out):
            ta = [e.tag for e in a]; tb = [e.tag for e in b]
            if ta != tb:
                out.append(f"{path}: tags {sorted(set(ta) ^ set(tb))}")
                return 0
            n = 0
            for ea in a:
                eb = b[ea.tag]; n += 1
                if ea.VR != eb.VR:
                    out.append(f"{path}{ea.tag}: VR {ea.VR} vs {eb.VR}")
                elif ea.VR == "SQ":
                    if len(ea.value) != len(eb.value):
                        out.append(f"{path}{ea.tag}: {len(ea.value)} vs {len(eb.value)} items")
                    for i, (x, y) in enumerate(zip(ea.value, eb.value)):
                        n += walk(x, y, f"{path}{ea.tag}[{i}].", out)
                elif ea.VR in UNIT and a_le != b_le and (ea.value or b"") == swap(eb.value or b"", UNIT[ea.VR]):
                    pass
                elif ea.value != eb.value:
                    out.append(f"{path}{ea.tag}: {str(ea.value)[:60]} vs {str(eb.value)[:60]}")
            return n
        a = pydicom.dcmread(sys.argv[1]); b = pydicom.dcmread(sys.argv[2])
        a_le, b_le = a.is_little_endian, b.is_little_endian
        out = []
        n = walk(a, b, "", out)
        if a.file_meta.TransferSyntaxUID != b.file_meta.TransferSyntaxUID and len(sys.argv) < 4:
            out.append("transfer syntax differs")
        print("\n".join(out) if out else f"SAME {n}")
        """;

    [PeerTheory("pydicom")]
    [MemberData(nameof(TestData.VendorDicom), MemberType = typeof(TestData))]
    public void Save_VendorFile_PydicomReadsIdenticalValues(string file)
    {
        var written = Path.Combine(TestData.NewTempFolder(), "ours.dcm");
        DicomFile.Open(TestData.Path(file)).Save(written);

        var result = RunCompare(TestData.Path(file), written);

        Assert.StartsWith("SAME ", result);
        Assert.True(int.Parse(result[5..]) > 50, result);
    }

    [PeerTheory("pydicom")]
    [MemberData(nameof(TestData.VendorDicom), MemberType = typeof(TestData))]
    public void Save_ConvertedToBigEndian_PydicomReadsIdenticalValues(string file)
    {
        var written = Path.Combine(TestData.NewTempFolder(), "ours-be.dcm");
        DicomFile.Open(TestData.Path(file)).Save(written, DicomTransferSyntax.ExplicitVRBigEndian);

        Assert.StartsWith("SAME ", RunCompare(TestData.Path(file), written, allowSyntaxChange: true));
    }

    [PeerFact("pydicom")]
    public void Save_Utf8AndLatin1Names_PydicomDecodesSameText()
    {
        foreach (var (charset, name) in new[] { ("ISO_IR 192", "Ďuriš^Ľudmila=山田^太郎"), ("ISO_IR 100", "Müller^Jürgen") })
        {
            var description = charset == "ISO_IR 192" ? "Spektroskopie — Hirn" : "Spektroskopie - Hirn";
            var ds = new DicomDataset()
                .AddOrUpdate(DicomTags.SpecificCharacterSet, charset)
                .AddOrUpdate(DicomTags.SOPClassUID, DicomUids.MRSpectroscopyStorage)
                .AddOrUpdate(DicomTags.SOPInstanceUID, DicomUidGenerator.Default.Generate())
                .AddOrUpdate(DicomTags.PatientName, name)
                .AddOrUpdate(DicomTags.StudyDescription, description);
            var path = Path.Combine(TestData.NewTempFolder(), "charset.dcm");
            new DicomFile(ds).Save(path);

            var r = Peers.Run(Peers.Python, ["-c",
                "import sys,pydicom; d=pydicom.dcmread(sys.argv[1]); sys.stdout.buffer.write((str(d.PatientName)+'|'+d.StudyDescription).encode('utf-8'))", path]);

            Assert.Equal(0, r.ExitCode);
            Assert.Equal(name + "|" + description, r.StdOut);
            Assert.Equal(name, DicomFile.Open(path).Dataset.GetString(DicomTags.PatientName));
        }
    }

    [Fact]
    public void AddOrUpdate_CharacterOutsideLatin1_ThrowsInsteadOfSubstituting()
    {
        var ds = new DicomDataset().AddOrUpdate(DicomTags.SpecificCharacterSet, "ISO_IR 100");

        var ex = Assert.Throws<DicomValueException>(() => ds.AddOrUpdate(DicomTags.StudyDescription, "Spektroskopie — Hirn"));

        Assert.Contains("ISO_IR 100 cannot encode", ex.Message);
        Assert.False(ds.Contains(DicomTags.StudyDescription));
    }

    private static string RunCompare(string expected, string actual, bool allowSyntaxChange = false)
    {
        var folder = TestData.NewTempFolder();
        var script = Path.Combine(folder, "compare.py");
        File.WriteAllText(script, CompareScript);
        string[] args = allowSyntaxChange ? [script, expected, actual, "any-syntax"] : [script, expected, actual];
        var r = Peers.Run(Peers.Python, args);
        Assert.True(r.ExitCode == 0, r.StdErr);
        return r.StdOut.Trim();
    }
}
