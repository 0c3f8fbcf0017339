using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.Json;
using MRSNode.Dicom;
using MRSNode.Dicom.IO;
using MRSNode.Spectroscopy.Readers;

namespace MRSNode.Spectroscopy.Simulation;

/// <summary>Output format of a simulated set.</summary>
public enum SimulationFormat
{
    /// <summary>MR Spectroscopy Storage, one .dcm per spectrum.</summary>
    Dicom,
    /// <summary>LCModel .RAW ($SEQPAR, $NMID, pairs) with a .json sidecar holding the spectral width.</summary>
    LcModel,
    /// <summary>NIfTI-MRS: NIfTI-2, complex128, with the JSON header extension (ecode 44).</summary>
    Nifti,
}

/// <summary>
/// Writes a simulated set to a folder: each spectrum as sim_NNNN.{dcm,RAW,nii} and the truths as truth.json
/// (an array, in order). Deterministic: the same spectra give identical bytes (DICOM UIDs and dates are
/// derived from each spectrum's seed and index, not generated).
/// </summary>
public static class SimulationWriter
{
    private static readonly JsonSerializerOptions _json = new() { WriteIndented = true };

    /// <summary>The file name of spectrum <paramref name="index"/>.</summary>
    public static string FileName(int index, SimulationFormat format) =>
        string.Create(CultureInfo.InvariantCulture, $"sim_{index:D4}") + format switch
        {
            SimulationFormat.Dicom => ".dcm",
            SimulationFormat.LcModel => ".RAW",
            _ => ".nii",
        };

    /// <summary>Writes every spectrum and truth.json; returns the spectrum paths.</summary>
    public static IReadOnlyList<string> Write(IReadOnlyList<SimulatedSpectrum> spectra, string folder, SimulationFormat format)
    {
        ArgumentNullException.ThrowIfNull(spectra);
        ArgumentNullException.ThrowIfNull(folder);
        Directory.CreateDirectory(folder);
        var paths = new List<string>(spectra.Count);
        foreach (var s in spectra)
        {
            var path = Path.Combine(folder, FileName(s.Truth.Index, format));
            switch (format)
            {
                case SimulationFormat.Dicom:
                    WriteDicom(s, path);
                    break;
                case SimulationFormat.LcModel:
                    WriteLcModel(s.Acquisition, path, s.Truth.Index);
                    break;
                default:
                    WriteNifti(s.Acquisition, path);
                    break;
            }
            paths.Add(path);
        }
        File.WriteAllText(Path.Combine(folder, "truth.json"), TruthJson(spectra.Select(s => s.Truth)), new UTF8Encoding(false));
        return paths;
    }

    /// <summary>The truths as a JSON array.</summary>
    public static string TruthJson(IEnumerable<SimulationTruth> truths) => JsonSerializer.Serialize(truths.ToList(), _json) + "\n";

    /// <summary>MR Spectroscopy Storage with UIDs under 2.25 derived from the seed, and a fixed date.</summary>
    public static void WriteDicom(SimulatedSpectrum spectrum, string path)
    {
        ArgumentNullException.ThrowIfNull(spectrum);
        var t = spectrum.Truth;
        string Uid(int kind) => string.Create(CultureInfo.InvariantCulture, $"2.25.{(uint)t.Seed}{kind}{t.Index:D6}");
        var identity = new MrsDicomIdentity
        {
            PatientName = "SIMULATION",
            PatientId = "SIM",
            StudyInstanceUid = Uid(1),
            SeriesInstanceUid = Uid(2),
            SopInstanceUid = Uid(3),
            FrameOfReferenceUid = Uid(4),
            DimensionOrganizationUid = Uid(5),
            StudyDateTime = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Unspecified),
            InstanceNumber = t.Index + 1,
        };
        var dataset = MrsDicomWriter.CreateDataset(spectrum.Acquisition, identity, null, new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Unspecified));
        new DicomFile(dataset, DicomTransferSyntax.ExplicitVRLittleEndian).Save(path);
    }

    /// <summary>
    /// LCModel .RAW: $SEQPAR (ECHOT, HZPPPM, SEQ), $NMID (ID, FMTDAT, VOLUME, TRAMP), then one (re, im) pair per
    /// line in E16.8; the spectral width goes to a .json sidecar (the format has no dwell time).
    /// </summary>
    public static void WriteLcModel(MrsAcquisition acquisition, string path, int index = 0)
    {
        ArgumentNullException.ThrowIfNull(acquisition);
        ArgumentNullException.ThrowIfNull(path);
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.Append(" $SEQPAR\n");
        if (acquisition.EchoTimeMs is { } te)
        {
            sb.Append(inv, $" ECHOT = {te:0.0###}\n");
        }
        sb.Append(inv, $" HZPPPM = {acquisition.TransmitterFrequencyMHz:0.0#########}\n");
        sb.Append(" SEQ = 'PRESS'\n");
        sb.Append(" $END\n");
        sb.Append(" $NMID\n");
        sb.Append(inv, $" ID = 'sim_{index:D4}'\n");
        sb.Append(" FMTDAT = '(2E16.8)'\n");
        sb.Append(" VOLUME = 1.0\n");
        sb.Append(" TRAMP = 1.0\n");
        sb.Append(" $END\n");
        foreach (var v in acquisition.Fid())
        {
            sb.Append(E(v.Real)).Append(E(v.Imaginary)).Append('\n');
        }
        File.WriteAllText(path, sb.ToString(), new UTF8Encoding(false));
        var sidecar = new Dictionary<string, object>
        {
            ["SpectralWidth"] = acquisition.SpectralWidthHz,
            ["Dwelltime"] = acquisition.DwellTimeSeconds,
            ["SpectrometerFrequency"] = acquisition.TransmitterFrequencyMHz,
            ["ResonantNucleus"] = acquisition.Nucleus,
        };
        if (acquisition.EchoTimeMs is { } echo)
        {
            sidecar["EchoTime"] = echo / 1000;
        }
        File.WriteAllText(Path.ChangeExtension(path, ".json"), JsonSerializer.Serialize(sidecar, _json) + "\n", new UTF8Encoding(false));
    }

    private static string E(double value) => value.ToString("0.00000000E+00", CultureInfo.InvariantCulture).PadLeft(16);

    /// <summary>NIfTI-MRS (NIfTI-2, one voxel, complex128) with the JSON header extension.</summary>
    public static void WriteNifti(MrsAcquisition acquisition, string path)
    {
        ArgumentNullException.ThrowIfNull(acquisition);
        ArgumentNullException.ThrowIfNull(path);
        var meta = new Dictionary<string, object>
        {
            ["SpectrometerFrequency"] = new[] { acquisition.TransmitterFrequencyMHz },
            ["ResonantNucleus"] = new[] { acquisition.Nucleus },
            ["Manufacturer"] = acquisition.Provenance.Manufacturer ?? "MRSNode",
            ["ProtocolName"] = acquisition.Provenance.ProtocolName ?? "simulation",
        };
        if (acquisition.EchoTimeMs is { } te)
        {
            meta["EchoTime"] = te / 1000;
        }
        var json = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(meta));
        int esize = (8 + json.Length + 15) / 16 * 16;
        int voxOffset = 540 + 4 + esize;
        int points = acquisition.Points;
        var bytes = new byte[voxOffset + points * 16];
        var b = bytes.AsSpan();
        BinaryPrimitives.WriteInt32LittleEndian(b, 540);
        "n+2\0\r\n\u001a\n"u8.CopyTo(b[4..]);
        BinaryPrimitives.WriteInt16LittleEndian(b[12..], 1792); // complex128
        BinaryPrimitives.WriteInt16LittleEndian(b[14..], 128);  // bitpix
        long[] dim = [4, 1, 1, 1, points, 1, 1, 1];
        double[] pixdim = [1, 20, 20, 20, acquisition.DwellTimeSeconds, 1, 1, 1];
        for (int i = 0; i < 8; i++)
        {
            BinaryPrimitives.WriteInt64LittleEndian(b[(16 + 8 * i)..], dim[i]);
            BinaryPrimitives.WriteDoubleLittleEndian(b[(104 + 8 * i)..], pixdim[i]);
        }
        BinaryPrimitives.WriteInt64LittleEndian(b[168..], voxOffset);
        BinaryPrimitives.WriteDoubleLittleEndian(b[176..], 1); // scl_slope
        BinaryPrimitives.WriteInt32LittleEndian(b[344..], 1);  // qform_code: scanner
        BinaryPrimitives.WriteInt32LittleEndian(b[348..], 0);  // sform_code
        BinaryPrimitives.WriteInt32LittleEndian(b[500..], 2 | 8); // mm, s
        "mrs_v0_9"u8.CopyTo(b[508..]);
        b[540] = 1; // extension flag
        BinaryPrimitives.WriteInt32LittleEndian(b[544..], esize);
        BinaryPrimitives.WriteInt32LittleEndian(b[548..], 44);
        json.CopyTo(b[552..]);
        var data = b[voxOffset..];
        var fid = acquisition.Fid();
        for (int t = 0; t < points; t++)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(data[(16 * t)..], fid[t].Real);
            BinaryPrimitives.WriteDoubleLittleEndian(data[(16 * t + 8)..], fid[t].Imaginary);
        }
        File.WriteAllBytes(path, bytes);
    }

}
