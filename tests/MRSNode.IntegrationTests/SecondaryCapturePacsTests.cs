using System.Buffers.Binary;
using MRSNode.Dicom;
using MRSNode.Dicom.IO;
using MRSNode.Dicom.Network.Pdus;
using MRSNode.Dicom.Network.Scu;
using MRSNode.Reporting.Dicom;
using MRSNode.Reporting.Rendering;
using MRSNode.Reporting.Rendering.Raster;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.IntegrationTests;

/// <summary>The Secondary Capture is stored by a real PACS in the source study, and Orthanc renders it to a preview of the same size.</summary>
[InteropTest]
public class SecondaryCapturePacsTests
{
    private static string Rgb(ReportColor c) => $"({c.R}, {c.G}, {c.B})";

    [PeerFact("Orthanc", "PIL")]
    public Task Create_StoredInOrthancAsRle_InTheSourceStudyWithAPreviewOfTheSameSize() =>
        StoreAndPreview(DicomUids.RleLossless, DicomUids.RleLossless);

    /// <summary>A PACS that refuses RLE gets the capture decoded to native pixels (the SCU falls back).</summary>
    [PeerFact("Orthanc", "PIL")]
    public Task Create_PeerOffersOnlyExplicitLittleEndian_StoredDecodedWithTheSamePreview() =>
        StoreAndPreview(DicomUids.ExplicitVRLittleEndian, DicomUids.ExplicitVRLittleEndian);

    private static async Task StoreAndPreview(string proposed, string stored)
    {
        var canvas = new RasterCanvas(640, 480);
        canvas.FillRectangle(0, 0, 640, 40, new ReportColor(30, 60, 110));
        canvas.DrawText("MRSNode summary — NAA/tCr 1.32", 12, 28, 20, ReportColor.White, bold: true);
        canvas.DrawPolyline([20, 200, 320, 440, 620], [400, 380, 120, 390, 410], ReportColor.Black, 1.5);
        var source = DicomFile.Open(TestData.Path("dicom/siemens-xa60-svs.dcm"), DicomReadOptions.HeaderOnly).Dataset;
        var path = Path.Combine(TestData.NewTempFolder(), "capture.dcm");
        new DicomFile(SecondaryCaptureWriter.Create(canvas, SourceIdentity.FromDataset(source), "MRSNode 0.1.0"), SecondaryCaptureWriter.TransferSyntax).Save(path);

        using var orthanc = await OrthancServer.StartAsync();
        await using (var client = await DicomClient.ConnectAsync("127.0.0.1", orthanc.DicomPort, new DicomClientOptions { CalledAeTitle = OrthancServer.AeTitle },
            [new PresentationContextRequest(1, DicomUids.SecondaryCaptureImageStorage, [proposed])]))
        {
            var status = await client.StoreAsync(DicomFile.Open(path));
            Assert.True(status.IsSuccess, status.ToString());
            await client.ReleaseAsync();
        }

        var id = Assert.Single(await orthanc.InstancesAsync());
        var tags = await orthanc.TagsAsync(id);
        Assert.Equal(DicomUids.SecondaryCaptureImageStorage, tags["SOPClassUID"].GetString());
        Assert.Equal("OT", tags["Modality"].GetString());
        Assert.Equal(source.GetString(DicomTags.StudyInstanceUID), tags["StudyInstanceUID"].GetString());
        Assert.Equal(stored, (await orthanc.Http.GetStringAsync($"instances/{id}/metadata/TransferSyntax")).Trim());
        using var preview = await orthanc.Http.GetAsync($"instances/{id}/preview");
        Assert.True(preview.IsSuccessStatusCode, preview.StatusCode.ToString());
        Assert.Equal("image/png", preview.Content.Headers.ContentType?.MediaType);
        var png = await preview.Content.ReadAsByteArrayAsync();
        Assert.Equal(0x89504E47u, BinaryPrimitives.ReadUInt32BigEndian(png));
        Assert.Equal((640u, 480u), (BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(16)), BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(20))));
        // Orthanc's decoding of our RGB matches our pixels (no channel swap, no planar mix-up).
        var previewPath = Path.Combine(orthanc.Folder, "preview.png");
        await File.WriteAllBytesAsync(previewPath, png);
        var r = Peers.Run(Peers.Python, ["-c", $"from PIL import Image; im = Image.open('{previewPath}').convert('RGB'); print(im.getpixel((5, 5)), im.getpixel((600, 300)))"]);
        Assert.Equal($"{Rgb(canvas.GetPixel(5, 5))} {Rgb(canvas.GetPixel(600, 300))}", r.StdOut.Trim());
        Assert.Equal("(30, 60, 110) (255, 255, 255)", r.StdOut.Trim());
    }
}
