using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Dicom.Tests.IO;

/// <summary>Files that dcmtk's dcmconv writes from the vendor files, one per transfer syntax, made once per test run.</summary>
internal static class DicomPeerFiles
{
    /// <summary>dcmconv option per transfer syntax UID.</summary>
    public static readonly IReadOnlyDictionary<string, string> DcmconvOption = new Dictionary<string, string>
    {
        [DicomUids.ImplicitVRLittleEndian] = "+ti",
        [DicomUids.ExplicitVRLittleEndian] = "+te",
        [DicomUids.ExplicitVRBigEndian] = "+tb",
        [DicomUids.DeflatedExplicitVRLittleEndian] = "+td",
    };

    private static readonly string _folder = TestData.NewTempFolder();
    private static readonly object _lock = new();

    /// <summary>The vendor file converted by dcmconv into <paramref name="transferSyntaxUid"/>.</summary>
    public static string Converted(string vendorFile, string transferSyntaxUid, params string[] extraOptions)
    {
        var name = Path.GetFileNameWithoutExtension(vendorFile) + "-" + transferSyntaxUid.Replace('.', '_') + string.Concat(extraOptions) + ".dcm";
        var target = Path.Combine(_folder, name);
        lock (_lock)
        {
            if (!File.Exists(target))
            {
                var r = Peers.Run("dcmconv", [DcmconvOption[transferSyntaxUid], .. extraOptions, TestData.Path(vendorFile), target]);
                Assert.True(r.ExitCode == 0, $"dcmconv failed: {r.StdErr}");
            }
        }
        return target;
    }

    public static TheoryData<string, string> VendorFilesBySyntax()
    {
        var data = new TheoryData<string, string>();
        foreach (var f in TestData.VendorDicomFiles)
        {
            foreach (var ts in DcmconvOption.Keys)
            {
                data.Add(f, ts);
            }
        }
        return data;
    }
}
