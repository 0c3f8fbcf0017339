using MRSNode.Dicom;

namespace MRSNode.Cli.Commands;

/// <summary>Synthetic but realistically shaped MR Spectroscopy objects for benchmarks.</summary>
internal static class BenchmarkFiles
{
    /// <summary>
    /// An MR Spectroscopy Storage object with <paramref name="frames"/> frames of complex float data and
    /// a per-frame functional group item for each frame (as an MRSI export has), for parse benchmarks.
    /// </summary>
    public static Dicom.IO.DicomFile MultiFrameSpectroscopy(int frames, int points)
    {
        var ds = new DicomDataset();
        ds.AddOrUpdate(DicomTags.SpecificCharacterSet, "ISO_IR 100");
        ds.AddOrUpdate(DicomTags.ImageType, "ORIGINAL", "PRIMARY", "SPECTROSCOPY", "NONE");
        ds.AddOrUpdate(DicomTags.SOPClassUID, DicomUids.MRSpectroscopyStorage);
        ds.AddOrUpdate(DicomTags.SOPInstanceUID, DicomUidGenerator.Default.Generate());
        ds.AddOrUpdate(DicomTags.StudyInstanceUID, DicomUidGenerator.Default.Generate());
        ds.AddOrUpdate(DicomTags.SeriesInstanceUID, DicomUidGenerator.Default.Generate());
        ds.AddOrUpdate(DicomTags.Modality, "MR");
        ds.AddOrUpdate(DicomTags.PatientName, "Bench^Phantom");
        ds.AddOrUpdate(DicomTags.PatientID, "BENCH001");
        ds.AddOrUpdate(DicomTags.Manufacturer, "MRSNode");
        ds.AddOrUpdate<double>(DicomTags.TransmitterFrequency, DicomVR.FD, 123.255089);
        ds.AddOrUpdate<double>(DicomTags.SpectralWidth, DicomVR.FD, 1199.904);
        ds.AddOrUpdate(DicomTags.ResonantNucleus, "1H");
        ds.AddOrUpdateInteger(DicomTags.NumberOfFrames, frames);
        ds.AddOrUpdate<ushort>(DicomTags.Rows, DicomVR.US, 1);
        ds.AddOrUpdate<ushort>(DicomTags.Columns, DicomVR.US, 1);
        ds.AddOrUpdate<uint>(DicomTags.DataPointRows, DicomVR.UL, 1);
        ds.AddOrUpdate<uint>(DicomTags.DataPointColumns, DicomVR.UL, (uint)points);
        ds.AddOrUpdate(DicomTags.DataRepresentation, "COMPLEX");
        var perFrame = new DicomDataset[frames];
        for (int f = 0; f < frames; f++)
        {
            var content = new DicomDataset();
            content.AddOrUpdate<uint>(DicomTags.DimensionIndexValues, DicomVR.UL, (uint)(f / 64 + 1), (uint)(f % 64 + 1));
            var position = new DicomDataset();
            position.AddOrUpdateDecimal(DicomTags.ImagePositionPatient, -100 + f % 64 * 3.125, -100 + f / 64 * 3.125, 12.5);
            perFrame[f] = new DicomDataset()
                .AddOrUpdate(DicomTags.FrameContentSequence, content)
                .AddOrUpdate(DicomTags.PlanePositionSequence, position);
        }
        ds.AddOrUpdate(DicomTags.PerFrameFunctionalGroupsSequence, perFrame);
        var data = new float[frames * points * 2];
        var rng = new Random(1);
        for (int i = 0; i < data.Length; i++)
        {
            data[i] = (float)(rng.NextDouble() - 0.5);
        }
        ds.AddOrUpdate<float>(DicomTags.SpectroscopyData, DicomVR.OF, data);
        return new Dicom.IO.DicomFile(ds);
    }
}
