using MRSNode.Dicom.IO;
using MRSNode.Dicom.Network.Scu;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Dicom.Network.Tests.Interop;

/// <summary>
/// Defect 2 of issue 23: compressed objects to a PACS that prefers (or only takes) uncompressed syntaxes. Orthanc picks
/// an uncompressed syntax when a context also offers one, so a compressed object gets a context of its own; RLE is
/// decoded for a peer that refuses it, and an object no accepted syntax can carry is reported, not sent garbled.
/// </summary>
[Collection("network")]
[InteropTest]
public class CompressedObjectsToOrthancTests
{
    private const string JpegLosslessSv1 = "1.2.840.10008.1.2.4.70";

    /// <summary>A 64×64 16-bit MR image, then the same compressed by dcmtk (dcmcjpeg: JPEG lossless SV1; dcmcrle: RLE).</summary>
    private static (string Plain, string Jpeg, string Rle, ushort[] Pixels) MakeImages()
    {
        var folder = TestData.NewTempFolder();
        var pixels = Enumerable.Range(0, 64 * 64).Select(i => (ushort)(i % 64 * 37 + i / 64 * 11)).ToArray();
        var ds = new DicomDataset();
        ds.AddOrUpdate(DicomTags.SOPClassUID, DicomUids.MRImageStorage);
        ds.AddOrUpdate(DicomTags.StudyInstanceUID, DicomUidGenerator.Default.Generate());
        ds.AddOrUpdate(DicomTags.SeriesInstanceUID, DicomUidGenerator.Default.Generate());
        ds.AddOrUpdate(DicomTags.Modality, "MR");
        ds.AddOrUpdate(DicomTags.PatientID, "TS-TEST");
        ds.AddOrUpdate<ushort>(DicomTags.SamplesPerPixel, DicomVR.US, 1);
        ds.AddOrUpdate(DicomTags.PhotometricInterpretation, "MONOCHROME2");
        ds.AddOrUpdate<ushort>(DicomTags.Rows, DicomVR.US, 64);
        ds.AddOrUpdate<ushort>(DicomTags.Columns, DicomVR.US, 64);
        ds.AddOrUpdate<ushort>(DicomTags.BitsAllocated, DicomVR.US, 16);
        ds.AddOrUpdate<ushort>(DicomTags.BitsStored, DicomVR.US, 12);
        ds.AddOrUpdate<ushort>(DicomTags.HighBit, DicomVR.US, 11);
        ds.AddOrUpdate<ushort>(DicomTags.PixelRepresentation, DicomVR.US, 0);
        ds.AddOrUpdate<ushort>(DicomTags.PixelData, DicomVR.OW, pixels);
        // One source file per compressed copy: the copies keep its SOP Instance UID, and a PACS keeps one object per UID.
        string Plain(string name)
        {
            ds.AddOrUpdate(DicomTags.SOPInstanceUID, DicomUidGenerator.Default.Generate());
            var path = Path.Combine(folder, name + "-plain.dcm");
            new DicomFile(ds, DicomTransferSyntax.ExplicitVRLittleEndian).Save(path);
            return path;
        }
        var plain = Plain("a");
        var jpeg = Path.Combine(folder, "jpeg.dcm");
        var rle = Path.Combine(folder, "rle.dcm");
        Assert.Equal(0, Peers.Run("dcmcjpeg", [plain, jpeg]).ExitCode);
        Assert.Equal(0, Peers.Run("dcmcrle", [Plain("b"), rle]).ExitCode);
        return (plain, jpeg, rle, pixels);
    }

    private static async Task<(string Syntax, DimseStatusOrError Outcome)[]> SendAsync(OrthancServer orthanc, params string[] files)
    {
        var opened = files.Select(f => DicomFile.Open(f)).ToList();
        var proposal = DicomClient.ProposeStorage(opened.Select(f => (f.Dataset.GetString(DicomTags.SOPClassUID)!, f.TransferSyntax.Uid)));
        await using var client = await DicomClient.ConnectAsync("127.0.0.1", orthanc.DicomPort, new DicomClientOptions { CalledAeTitle = OrthancServer.AeTitle }, proposal);
        var outcomes = new List<(string, DimseStatusOrError)>();
        foreach (var f in opened)
        {
            try
            {
                outcomes.Add((f.TransferSyntax.Uid, new DimseStatusOrError((await client.StoreAsync(f)).IsSuccess, null)));
            }
            catch (DicomAssociationException e)
            {
                outcomes.Add((f.TransferSyntax.Uid, new DimseStatusOrError(false, e.Message)));
            }
        }
        await client.ReleaseAsync();
        return [.. outcomes];
    }

    private sealed record DimseStatusOrError(bool Success, string? Error);

    private static async Task<Dictionary<string, string>> StoredSyntaxesAsync(OrthancServer orthanc)
    {
        var result = new Dictionary<string, string>();
        foreach (var id in await orthanc.InstancesAsync())
        {
            string sop = (await orthanc.TagsAsync(id))["SOPInstanceUID"].GetString()!;
            result[sop] = (await orthanc.Http.GetStringAsync($"instances/{id}/metadata/TransferSyntax")).Trim();
        }
        return result;
    }

    [PeerFact("Orthanc", "dcmcjpeg", "dcmcrle")]
    public async Task StoreAsync_CompressedToOrthancTakingEverySyntax_StoredAsSent()
    {
        var (_, jpeg, rle, _) = MakeImages();
        using var orthanc = await OrthancServer.StartAsync();

        var outcomes = await SendAsync(orthanc, jpeg, rle);

        Assert.All(outcomes, o => Assert.True(o.Outcome.Success, o.Outcome.Error));
        var stored = await StoredSyntaxesAsync(orthanc);
        Assert.Equal(JpegLosslessSv1, stored[DicomFile.Open(jpeg).Dataset.GetString(DicomTags.SOPInstanceUID)!]);
        Assert.Equal(DicomUids.RleLossless, stored[DicomFile.Open(rle).Dataset.GetString(DicomTags.SOPInstanceUID)!]);
    }

    [PeerFact("Orthanc", "dcmcjpeg", "dcmcrle")]
    public async Task StoreAsync_CompressedToOrthancTakingUncompressedOnly_RleDecodedJpegReportedUnsendable()
    {
        var (_, jpeg, rle, pixels) = MakeImages();
        using var orthanc = await OrthancServer.StartAsync(new Dictionary<string, object>
        {
            ["AcceptedTransferSyntaxes"] = new[] { DicomUids.ImplicitVRLittleEndian, DicomUids.ExplicitVRLittleEndian },
        });

        var outcomes = await SendAsync(orthanc, jpeg, rle);

        Assert.False(outcomes[0].Outcome.Success);
        Assert.Contains("JPEG Lossless", outcomes[0].Outcome.Error);
        Assert.True(outcomes[1].Outcome.Success, outcomes[1].Outcome.Error);
        var ids = await orthanc.InstancesAsync();
        var id = Assert.Single(ids);
        var stored = DicomFile.Open(await orthanc.DownloadAsync(id));
        Assert.False(stored.TransferSyntax.IsEncapsulated);
        Assert.Equal(pixels, stored.Dataset.GetValues<ushort>(DicomTags.PixelData));
    }
}
