using System.Buffers.Binary;
using System.Numerics;
using System.Text;

namespace MRSNode.Spectroscopy.Readers;

/// <summary>
/// Siemens .rda export: a Latin-1 "key: value" header between ">>> Begin of header &lt;&lt;&lt;" and
/// ">>> End of header &lt;&lt;&lt;", then complex float64 little-endian (re, im) pairs, VectorSize points per
/// voxel, voxels column-fastest over CSIMatrixSize[0..2].
/// Convention: stored as MRSNode's (the RDA is bit-identical to the CSA .IMA FID, which needs no conjugation);
/// NAA of the test file measures 2.02 ppm with the Siemens reference 4.7 ppm.
/// DwellTime is in µs and rounded to whole µs by the scanner (833 for 833.4), so SW carries that rounding.
/// Role: water reference when the spectrum is water-dominated; otherwise metabolite-nulled when TI &gt; 0
/// (an inversion-recovery macromolecule scan), metabolite otherwise.
/// </summary>
public sealed class SiemensRdaReader : IMrsReader
{
    public const string BeginMarker = ">>> Begin of header <<<";
    public const string EndMarker = ">>> End of header <<<";
    /// <summary>Siemens' chemical shift at the transmitter (DICOM (0018,9053) on Siemens MRS objects).</summary>
    public const double SiemensReferencePpm = 4.7;
    private const int MaxHeaderBytes = 1024 * 1024;

    public string FormatName => "Siemens RDA";

    public bool CanRead(MrsFileProbe probe)
    {
        ArgumentNullException.ThrowIfNull(probe);
        var head = Encoding.Latin1.GetString(probe.Head, 0, Math.Min(probe.Head.Length, 256)).TrimStart('\uFEFF', 'ï', '»', '¿', ' ', '\r', '\n', '\t');
        return head.StartsWith(BeginMarker, StringComparison.Ordinal);
    }

    public IReadOnlyList<MrsAcquisition> Read(string path, MrsReadOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return ReaderGuard.Run(path, () => ReadCore(path, options));
    }

    private static IReadOnlyList<MrsAcquisition> ReadCore(string path, MrsReadOptions options)
    {
        long length = new FileInfo(path).Length;
        if (length > ReaderLimits.MaxBinaryBytes)
        {
            throw new MrsReadException(path, $"{length} bytes is too large for an RDA file.");
        }
        var bytes = File.ReadAllBytes(path);
        var text = Encoding.Latin1.GetString(bytes, 0, Math.Min(bytes.Length, MaxHeaderBytes));
        int begin = text.IndexOf(BeginMarker, StringComparison.Ordinal);
        int end = text.IndexOf(EndMarker, StringComparison.Ordinal);
        if (begin < 0)
        {
            throw new MrsReadException(path, $"no '{BeginMarker}' line: not a Siemens RDA file.");
        }
        if (end < begin)
        {
            throw new MrsReadException(path, $"no '{EndMarker}' line within the first {MaxHeaderBytes / 1024} KiB (truncated header?).");
        }
        var fields = ParseHeader(text[(begin + BeginMarker.Length)..end]);
        int headerEnd = end + EndMarker.Length;

        long vectorSize = TextValues.ParseInteger(path, Require(path, fields, "VectorSize"), "VectorSize");
        int points = ReaderLimits.CheckPoints(path, vectorSize, "VectorSize");
        var grid = new long[3];
        for (int i = 0; i < 3; i++)
        {
            grid[i] = fields.TryGetValue($"CSIMatrixSize[{i}]", out var g) ? TextValues.ParseInteger(path, g, $"CSIMatrixSize[{i}]") : 1;
            if (grid[i] < 1 || grid[i] > 4096)
            {
                throw new MrsReadException(path, $"CSIMatrixSize[{i}] = {grid[i]} is not plausible.");
            }
        }
        long voxels = grid[0] * grid[1] * grid[2];
        long expected = 16 * vectorSize * voxels;
        if (voxels * vectorSize > ReaderLimits.MaxSamples)
        {
            throw new MrsReadException(path, $"{voxels} voxels × {vectorSize} points is too large.");
        }
        long available = bytes.Length - headerEnd;
        // The data follow the end marker and its line break.
        long dataStart = bytes.Length - expected;
        if (dataStart < headerEnd || !OnlyLineBreaks(bytes, headerEnd, (int)dataStart))
        {
            throw new MrsReadException(path,
                $"the data hold {Math.Max(0, available)} bytes after the header but 16 × VectorSize {vectorSize} × {voxels} voxel(s) = {expected} are needed (truncated or header lying about the size).");
        }

        double dwellUs = TextValues.ParseRequired(path, fields, "DwellTime", "DwellTime");
        if (!(dwellUs > 0))
        {
            throw new MrsReadException(path, $"DwellTime {dwellUs} µs is not positive.");
        }
        double sw = ReaderLimits.CheckSpectralWidth(path, 1e6 / dwellUs, "DwellTime");
        double mhz = ReaderLimits.CheckFrequency(path, TextValues.ParseRequired(path, fields, "MRFrequency", "MRFrequency"), "MRFrequency");
        var nucleus = ReaderLimits.CheckNucleus(path, fields.GetValueOrDefault("Nucleus"), options);
        double? te = ReaderLimits.CheckTimeMs(path, TextValues.ParseOptional(path, fields, "TE", "TE"), "TE");
        double? tr = ReaderLimits.CheckTimeMs(path, TextValues.ParseOptional(path, fields, "TR", "TR"), "TR");
        double? averages = TextValues.ParseOptional(path, fields, "NumberOfAverages", "NumberOfAverages");
        double? inversion = TextValues.ParseOptional(path, fields, "TI", "TI");

        var data = new Complex[voxels * vectorSize];
        var span = bytes.AsSpan((int)dataStart);
        for (int i = 0; i < data.Length; i++)
        {
            double re = BinaryPrimitives.ReadDoubleLittleEndian(span.Slice(16 * i, 8));
            double im = BinaryPrimitives.ReadDoubleLittleEndian(span.Slice(16 * i + 8, 8));
            if (!double.IsFinite(re) || !double.IsFinite(im))
            {
                throw new MrsReadException(path, $"sample {i} is not a finite number (corrupt data).");
            }
            data[i] = new Complex(re, im);
        }

        double reference = ReaderLimits.ReferencePpm(nucleus, SiemensReferencePpm);
        var axis = new SpectralAxis(points, sw, mhz, reference);
        var role = SpectrumContent.RoleOf(nucleus, data, points, axis, inverted: inversion > 0);

        var acquisition = new MrsAcquisition(data, points, voxels: (int)voxels)
        {
            SpectralWidthHz = sw,
            TransmitterFrequencyMHz = mhz,
            Nucleus = nucleus,
            ReferencePpm = reference,
            EchoTimeMs = te,
            RepetitionTimeMs = tr,
            AcquiredAverages = averages is > 0 and < int.MaxValue ? (int)Math.Round(averages.Value) : null,
            Role = role,
            Localization = Localize(path, fields, grid),
            Provenance = new Provenance
            {
                SourceFormat = "Siemens RDA",
                SourcePath = path,
                Manufacturer = "SIEMENS",
                Model = Blank(fields.GetValueOrDefault("ModelName")),
                SoftwareVersion = Blank(fields.GetValueOrDefault("SoftwareVersion[0]")),
                PatientId = Blank(fields.GetValueOrDefault("PatientID")),
                StudyInstanceUid = Blank(fields.GetValueOrDefault("StudyInstanceUID")),
                SeriesInstanceUid = Blank(fields.GetValueOrDefault("SeriesInstanceUID")),
                SeriesDescription = Blank(fields.GetValueOrDefault("SeriesDescription")),
                ProtocolName = Blank(fields.GetValueOrDefault("ProtocolName")),
                SequenceName = Blank(fields.GetValueOrDefault("SequenceName")),
            },
        };
        return [acquisition];
    }

    internal static Dictionary<string, string> ParseHeader(string header)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in TextValues.Lines(header))
        {
            int colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                continue;
            }
            var key = line[..colon].Trim();
            if (key.Length > 0)
            {
                fields.TryAdd(key, line[(colon + 1)..].Trim());
            }
        }
        return fields;
    }

    private static string Require(string path, Dictionary<string, string> fields, string key) =>
        fields.TryGetValue(key, out var v) && !string.IsNullOrWhiteSpace(v) ? v : throw new MrsReadException(path, $"the header has no {key}.");

    private static bool OnlyLineBreaks(byte[] bytes, int from, int to)
    {
        for (int i = from; i < to; i++)
        {
            if (bytes[i] is not ((byte)'\r' or (byte)'\n'))
            {
                return false;
            }
        }
        return to - from <= 4;
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static Localization Localize(string path, Dictionary<string, string> fields, long[] grid)
    {
        double[]? Vector(params string[] keys)
        {
            var v = new double[keys.Length];
            for (int i = 0; i < keys.Length; i++)
            {
                var x = TextValues.ParseOptional(path, fields, keys[i], keys[i]);
                if (x is null)
                {
                    return null;
                }
                v[i] = x.Value;
            }
            return v;
        }

        var row = Vector("RowVector[0]", "RowVector[1]", "RowVector[2]");
        var column = Vector("ColumnVector[0]", "ColumnVector[1]", "ColumnVector[2]");
        return new Localization
        {
            Technique = SequenceNames.Technique(fields.GetValueOrDefault("SequenceName"), fields.GetValueOrDefault("SequenceDescription"), fields.GetValueOrDefault("ProtocolName")),
            // Siemens Sag/Cor/Tra are the patient (LPS) x/y/z.
            PositionMm = Vector("VOIPositionSag", "VOIPositionCor", "VOIPositionTra"),
            VoxelSizeMm = Vector("VOIReadoutFOV", "VOIPhaseFOV", "VOIThickness"),
            Orientation = row is not null && column is not null ? [.. row, .. column] : null,
            Grid = new MrsiGrid((int)grid[0], (int)grid[1], (int)grid[2]),
        };
    }
}
