using MRSNode.Dicom;
using MRSNode.Quantification;
using MRSNode.Quantification.Mrsi;
using MRSNode.Reporting.Dicom;
using MRSNode.Spectroscopy;
using MRSNode.Spectroscopy.Mrsi;

namespace MRSNode.Reporting.Tests;

/// <summary>
/// A quantified 16 × 16 axial MRSI grid (10 mm voxels centred on the origin, frame of reference <see cref="FrameOfReference"/>):
/// an 8 × 8 excited volume, a lesion (Cho/NAA 1.2) at columns 4–5, rows 7–8 (patient right), normal brain elsewhere
/// (Cho/NAA 0.18), one rejected voxel; and an MR image of the same frame of reference for the overlays.
/// </summary>
internal static class MrsiSamples
{
    public const string FrameOfReference = "1.2.826.0.1.3680043.8.498.77";
    public const string MrImageUid = "1.2.826.0.1.3680043.8.498.78";

    public static MrsiGeometry Geometry { get; } =
        new(new MrsiGrid(16, 16, 1), [-75, -75, 0], [1, 0, 0], [0, 1, 0], [10, 10, 10])
        {
            Volume = new VolumeOfInterest([0, 0, 0], [80, 80, 10], [1, 0, 0], [0, 1, 0]),
            FrameOfReferenceUid = FrameOfReference,
        };

    public static bool InLesion(int column, int row) => column is 4 or 5 && row is 7 or 8;

    public static MrsiQuantification Result()
    {
        var fits = new LcmResult?[Geometry.Grid.VoxelCount];
        for (int i = 0; i < fits.Length; i++)
        {
            var (c, r, _) = Geometry.Position(i);
            if (!Geometry.InsideVolume(i))
            {
                continue;
            }
            fits[i] = InLesion(c, r) ? Fit(naa: 0.5, cho: 0.6, lac: 0.3) : (c, r) == (10, 10) ? Fit(snr: 2) : Fit();
        }
        return new MrsiMapBuilder().Build(new MrsiVoxelFits(Geometry, fits));
    }

    public static LcmResult Fit(double naa = 1.4, double cho = 0.25, double cr = 1, double lac = 0, double snr = 30)
    {
        var amplitudes = new Dictionary<string, double> { ["tNAA"] = naa, ["tCr"] = cr, ["tCho"] = cho, ["tIns"] = 0.6, ["Glx"] = 1.1, ["Lac"] = lac };
        var estimates = amplitudes.Select(a => new LcmEstimate(a.Key, a.Value, a.Value * 0.05, a.Value > 0 ? 5 : 999, a.Value / cr, null)).ToList();
        var ppm = Enumerable.Range(0, 64).Select(k => 4.2 - k * 0.06).ToArray();
        double[] Peaks(double scale) => [.. ppm.Select(p => scale * (naa * Line(p, 2.01) + cr * Line(p, 3.03) + cho * Line(p, 3.21) - lac * Line(p, 1.33)))];
        var fit = new FitResult
        {
            Names = [.. amplitudes.Keys], Amplitudes = [.. amplitudes.Values], BaselineCoefficients = [], Parameters = default,
            Ppm = ppm, Data = Peaks(1.05), Fit = Peaks(1), Baseline = new double[ppm.Length], Residual = new double[ppm.Length],
            ComponentSpectra = [], Iterations = 10, ModelEvaluations = 20, Status = FitStatus.Converged,
        };
        return new LcmResult(estimates.Where(e => e.Name == "Lac").ToList(), estimates.Where(e => e.Name != "Lac").ToList(),
            new QualityReport(snr, 1.05 * Math.Max(naa, cho) / snr, 6, 0.05, null, null, 0.05, 0, 0, 0, 0),
            new FitSpectra(ppm, fit.Data, fit.Fit, fit.Baseline, fit.Residual), default, 10, null, fit);
    }

    private static double Line(double ppm, double centre) => 1 / (1 + (ppm - centre) * (ppm - centre) / 0.0016);

    public static readonly SourceIdentity Source = new()
    {
        PatientName = "Test^Mrsi",
        PatientId = "MRSI-0001",
        PatientBirthDate = "19700101",
        PatientSex = "F",
        StudyInstanceUid = "1.2.826.0.1.3680043.8.498.70",
        StudyId = "S1",
        AccessionNumber = "A1",
        StudyDate = "20261205",
        StudyTime = "101500",
        ReferringPhysicianName = "",
        SourceSeriesInstanceUid = "1.2.826.0.1.3680043.8.498.71",
        SourceInstances = [(DicomUids.MRSpectroscopyStorage, "1.2.826.0.1.3680043.8.498.72")],
    };

    /// <summary>A 128 × 128 axial MR image, 1.5 mm pixels centred on the origin, 16-bit: a bright disc of radius 80 mm on 0.</summary>
    public static DicomDataset MrImage(string frameOfReference = FrameOfReference)
    {
        const int n = 128;
        const double spacing = 1.5;
        var pixels = new ushort[n * n];
        for (int r = 0; r < n; r++)
        {
            for (int c = 0; c < n; c++)
            {
                double x = -(n - 1) * spacing / 2 + c * spacing, y = -(n - 1) * spacing / 2 + r * spacing;
                pixels[r * n + c] = (ushort)(x * x + y * y < 80 * 80 ? 1000 + (c + r) % 7 : 0);
            }
        }
        var ds = new DicomDataset();
        ds.AddOrUpdate(DicomTags.SOPClassUID, DicomUids.MRImageStorage);
        ds.AddOrUpdate(DicomTags.SOPInstanceUID, MrImageUid);
        ds.AddOrUpdate(DicomTags.FrameOfReferenceUID, frameOfReference);
        ds.AddOrUpdateDecimal(DicomTags.ImagePositionPatient, -(n - 1) * spacing / 2, -(n - 1) * spacing / 2, 0);
        ds.AddOrUpdateDecimal(DicomTags.ImageOrientationPatient, 1, 0, 0, 0, 1, 0);
        ds.AddOrUpdateDecimal(DicomTags.PixelSpacing, spacing, spacing);
        ds.AddOrUpdate<ushort>(DicomTags.Rows, DicomVR.US, n);
        ds.AddOrUpdate<ushort>(DicomTags.Columns, DicomVR.US, n);
        ds.AddOrUpdate<ushort>(DicomTags.SamplesPerPixel, DicomVR.US, 1);
        ds.AddOrUpdate<ushort>(DicomTags.BitsAllocated, DicomVR.US, 16);
        ds.AddOrUpdate<ushort>(DicomTags.BitsStored, DicomVR.US, 12);
        ds.AddOrUpdate<ushort>(DicomTags.PixelRepresentation, DicomVR.US, 0);
        ds.AddOrUpdate(DicomTags.PixelData, DicomVR.OW, pixels);
        return ds;
    }
}
