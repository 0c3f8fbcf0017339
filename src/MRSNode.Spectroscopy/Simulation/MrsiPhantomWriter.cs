using System.Globalization;
using MRSNode.Dicom;
using MRSNode.Spectroscopy.Readers;

namespace MRSNode.Spectroscopy.Simulation;

/// <summary>The files <see cref="MrsiPhantomWriter"/> wrote.</summary>
public sealed record MrsiPhantomFiles(string Spectroscopy, IReadOnlyList<string> Images, string Truth);

/// <summary>
/// Writes a phantom scan as a study: the MRSI as one multi-frame MR Spectroscopy object (mrsi.dcm), one synthetic MR
/// image per MRSI slice (t1-NN.dcm, 256×256 over the same field of view) in a second series of the same study and
/// Frame of Reference, and truth.json.
/// </summary>
public static class MrsiPhantomWriter
{
    public static MrsiPhantomFiles Write(MrsiPhantomScan scan, MrsiPhantomAnatomy anatomy, string folder, MrsDicomIdentity? identity = null, int imageSize = 256)
    {
        ArgumentNullException.ThrowIfNull(scan);
        ArgumentNullException.ThrowIfNull(anatomy);
        ArgumentNullException.ThrowIfNull(folder);
        Directory.CreateDirectory(folder);
        var uids = DicomUidGenerator.Default;
        identity ??= new MrsDicomIdentity { PatientName = "MRSI^PHANTOM", PatientId = "MRSI-PHANTOM" };
        identity = identity with
        {
            StudyInstanceUid = identity.StudyInstanceUid ?? uids.Generate(),
            FrameOfReferenceUid = identity.FrameOfReferenceUid ?? uids.Generate(),
            StudyDateTime = identity.StudyDateTime ?? DateTime.Now,
        };

        var spectroscopy = Path.Combine(folder, "mrsi.dcm");
        MrsDicomWriter.Write(scan.Acquisition, spectroscopy, identity with { SeriesNumber = 2, SeriesInstanceUid = identity.SeriesInstanceUid ?? uids.Generate() },
            Details(scan.Acquisition, identity.StudyDateTime!.Value));

        var images = new List<string>();
        var imageSeries = uids.Generate();
        for (int slice = 0; slice < anatomy.Geometry.Grid.Slices; slice++)
        {
            var (pixels, plane) = MrsiPhantomImage.Render(anatomy, slice, imageSize);
            var path = Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"t1-{slice + 1:00}.dcm"));
            MrImageWriter.Write(pixels, plane, path, identity with { SeriesNumber = 1, SeriesInstanceUid = imageSeries, SopInstanceUid = null, InstanceNumber = slice + 1 }, "T1 phantom");
            images.Add(path);
        }

        var truth = Path.Combine(folder, "truth.json");
        File.WriteAllText(truth, (scan.Truth with { Geometry = scan.Truth.Geometry with { FrameOfReferenceUid = identity.FrameOfReferenceUid } }).ToJson());
        return new MrsiPhantomFiles(spectroscopy, images, truth);
    }

    /// <summary>
    /// The acquisition facts ORIGINAL frames must carry, stated for the simulated scan (one TR per phase-encoding
    /// step, a 90° excitation, normal operating mode, a volume head coil); Content Qualification RESEARCH, since
    /// nothing here was acquired.
    /// </summary>
    private static MrsAcquisitionDetails Details(MrsAcquisition acquisition, DateTime start)
    {
        var grid = acquisition.Localization.Grid;
        return new MrsAcquisitionDetails
        {
            AcquisitionDateTime = start,
            AcquisitionDurationSeconds = (acquisition.RepetitionTimeMs ?? 1500) / 1000 * grid.Columns * grid.Rows * grid.Slices,
            FlipAngleDegrees = 90,
            SpecificAbsorptionRates = [("IEC_HEAD", 0.1)],
            OperatingModes = [("STATIC FIELD", "IEC_NORMAL"), ("RF", "IEC_NORMAL"), ("GRADIENT", "IEC_NORMAL")],
            SafetyStandardAgency = "IEC",
            ReceiveCoilName = "HEAD",
            ReceiveCoilType = "VOLUME",
            TransmitCoilName = "BODY",
            TransmitCoilType = "BODY",
            PatientPosition = "HFS",
            ContentQualification = "RESEARCH",
        };
    }
}
