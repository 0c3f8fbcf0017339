using System.Numerics;
using MRSNode.Dicom.IO;
using MRSNode.Spectroscopy;
using MRSNode.Spectroscopy.Readers;
using MRSNode.TestSupport;

namespace MRSNode.Service.Tests.Processing;

/// <summary>
/// A single voxel whose fit is long enough to stop mid-way: the XA60 single voxel's FID zero-filled to many points,
/// written by the project's DICOM MRS writer. (An MRSI grid was used before; the node now refuses MRSI before fitting.)
/// </summary>
internal static class LongFitStudy
{
    private const string Source = "dicom/siemens-xa60-svs.dcm";

    public static string Write(string folder, int points)
    {
        var voxel = new DicomMrsReader().Read(TestData.Path(Source), MrsReadOptions.Default)[0].AverageTransients();
        var data = new Complex[points];
        voxel.Fid().CopyTo(data.AsSpan(0, voxel.Points));
        var padded = voxel.With(data, points, 1, 1, 1);
        var path = Path.Combine(folder, "long.dcm");
        MrsDicomWriter.Write(padded, path, details: MrsAcquisitionDetails.FromDicom(DicomFile.Open(TestData.Path(Source)).Dataset));
        return path;
    }
}
