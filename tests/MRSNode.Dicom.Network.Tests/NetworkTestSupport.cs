using System.Net;
using MRSNode.Dicom.IO;
using MRSNode.Dicom.Network.Scp;
using MRSNode.TestSupport;

namespace MRSNode.Dicom.Network.Tests;

/// <summary>Helpers shared by the network tests: free ports, an in-process SCP, data set comparison.</summary>
internal static class NetworkTestSupport
{
    public static int FreePort() => Ports.Free();

    public static (DicomServer Server, string Folder, FileStoreHandler Handler) StartScp(DicomServerOptions? options = null)
    {
        var folder = TestData.NewTempFolder();
        var handler = new FileStoreHandler(folder);
        var server = new DicomServer(options ?? new DicomServerOptions { AeTitle = "MRSNODE" }, handler, 0, IPAddress.Loopback).Start();
        return (server, folder, handler);
    }

    /// <summary>The encoded data set part of a Part 10 file (everything after the meta group).</summary>
    public static byte[] DatasetBytes(string path)
    {
        var bytes = File.ReadAllBytes(path);
        int i = 132;
        while (bytes[i] == 0x02 && bytes[i + 1] == 0x00)
        {
            var vr = System.Text.Encoding.ASCII.GetString(bytes, i + 4, 2);
            bool longForm = vr is "OB" or "OW" or "UN" or "SQ" or "UT" or "UC" or "UR";
            int length = longForm ? (int)BitConverter.ToUInt32(bytes, i + 8) : BitConverter.ToUInt16(bytes, i + 6);
            i += (longForm ? 12 : 8) + length;
        }
        return bytes[i..];
    }

    /// <summary>The data set as dcmdump-style text: equal text means equal tags, VRs and values.</summary>
    public static string DatasetText(string path) =>
        new DicomDumper { MaxValueLength = int.MaxValue }.Dump(DicomFile.Open(path).Dataset);

    public static string StorescuConfig() => Peers.StorescuMrsConfig();

    public static async Task<bool> WaitUntil(Func<bool> condition, TimeSpan timeout)
    {
        var end = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < end)
        {
            if (condition())
            {
                return true;
            }
            await Task.Delay(20);
        }
        return condition();
    }
}
