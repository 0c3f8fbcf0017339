using System.Numerics;
using MRSNode.Dicom.IO;
using MRSNode.Spectroscopy;
using MRSNode.Spectroscopy.Readers;
using MRSNode.TestSupport;

namespace MRSNode.Service.Tests.Processing;

/// <summary>An MRSI grid written by the project's DICOM MRS writer: the XA60 single voxel's FID in every voxel (a job long enough to stop mid-way).</summary>
internal static class MrsiStudy
{
    private const string Source = "dicom/siemens-xa60-svs.dcm";

    public static string Write(string folder, int side)
    {
        var voxel = new DicomMrsReader().Read(TestData.Path(Source), MrsReadOptions.Default)[0].AverageTransients();
        int voxels = side * side, points = voxel.Points;
        var data = new Complex[voxels * points];
        for (int v = 0; v < voxels; v++)
        {
            voxel.Fid().CopyTo(data.AsSpan(v * points, points));
        }
        var grid = new MrsAcquisition(data, points, 1, 1, voxels)
        {
            SpectralWidthHz = voxel.SpectralWidthHz,
            TransmitterFrequencyMHz = voxel.TransmitterFrequencyMHz,
            EchoTimeMs = voxel.EchoTimeMs,
            RepetitionTimeMs = voxel.RepetitionTimeMs,
            Role = voxel.Role,
            Localization = voxel.Localization with { Grid = new MrsiGrid(side, side, 1) },
            Provenance = voxel.Provenance,
        };
        var path = Path.Combine(folder, "mrsi.dcm");
        MrsDicomWriter.Write(grid, path, details: MrsAcquisitionDetails.FromDicom(DicomFile.Open(TestData.Path(Source)).Dataset));
        return path;
    }
}
