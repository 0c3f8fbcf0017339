using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;

namespace MRSNode.Spectroscopy.Readers;

/// <summary>
/// jMRUI text ("jMRUI Data Textfile"): "Key: value" header (PointsInDataset, SamplingInterval in ms,
/// TransmitterFrequency in Hz, DatasetsInFile, MagneticField in T), then one block per dataset headed
/// "Signal N out of M in file" with 2 columns (re, im) or 4 (re, im, fft re, fft im; the FFT is ignored).
/// <para>Several datasets are read as separate averages of one acquisition (jMRUI exports of single
/// transients); an MRSI export would need the voxel layout, which the text does not carry.</para>
/// <para>Convention: jMRUI stores the conjugate of MRSNode's (as FID-A, whose io_writejmrui writes its own
/// mirrored convention unchanged): conjugated on reading. Measured: the spec2nii metab_jmrui.txt gives NAA at
/// 2.00 ppm and equals metab.nii; the ISMRM Cr_10mM WS file gives Cr at 3.02 ppm. Reference 4.65 ppm
/// (the MRS-software convention, water at 37 °C; these files carry none). Nucleus: 1H unless the options
/// say otherwise, and TransmitterFrequency / MagneticField must then be 1H's 42.58 MHz/T (±10 %).</para>
/// <para>Role: from the content (water-dominated = water reference).</para>
/// </summary>
public sealed partial class JmruiTextReader : IMrsReader
{
    public const string Signature = "jMRUI Data Textfile";

    public string FormatName => "jMRUI text";

    public bool CanRead(MrsFileProbe probe)
    {
        ArgumentNullException.ThrowIfNull(probe);
        return probe.LooksLikeText && probe.HeadText.TrimStart('\uFEFF', 'ï', '»', '¿', ' ', '\t', '\r', '\n').StartsWith(Signature, StringComparison.OrdinalIgnoreCase);
    }

    public IReadOnlyList<MrsAcquisition> Read(string path, MrsReadOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return ReaderGuard.Run(path, () => ReadCore(path, options));
    }

    [GeneratedRegex(@"^\s*Signal\s+(\d+)\s+out\s+of\s+(\d+)\s+in\s+file\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SignalHeader();

    private static IReadOnlyList<MrsAcquisition> ReadCore(string path, MrsReadOptions options)
    {
        var lines = TextValues.Lines(TextValues.ReadAllText(path));
        if (lines.Length == 0 || !lines[0].TrimStart('\uFEFF', 'ï', '»', '¿', ' ', '\t').StartsWith(Signature, StringComparison.OrdinalIgnoreCase))
        {
            throw new MrsReadException(path, $"the first line is not '{Signature}'.");
        }
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        int i = 1;
        for (; i < lines.Length && !SignalHeader().IsMatch(lines[i]); i++)
        {
            int colon = lines[i].IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                fields.TryAdd(lines[i][..colon].Trim(), lines[i][(colon + 1)..].Trim());
            }
        }
        if (i >= lines.Length)
        {
            throw new MrsReadException(path, "no 'Signal 1 out of N in file' line: the file holds no data (truncated?).");
        }

        long pointsDeclared = TextValues.ParseInteger(path, Require(path, fields, "PointsInDataset"), "PointsInDataset");
        int points = ReaderLimits.CheckPoints(path, pointsDeclared, "PointsInDataset");
        long datasets = fields.TryGetValue("DatasetsInFile", out var d) && !string.IsNullOrWhiteSpace(d) ? TextValues.ParseInteger(path, d, "DatasetsInFile") : -1;
        double intervalMs = TextValues.ParseRequired(path, fields, "SamplingInterval", "SamplingInterval (ms)");
        if (!(intervalMs > 0))
        {
            throw new MrsReadException(path, $"SamplingInterval {intervalMs} ms is not positive.");
        }
        double sw = ReaderLimits.CheckSpectralWidth(path, 1000.0 / intervalMs, "SamplingInterval");
        double? transmitter = TextValues.ParseOptional(path, fields, "TransmitterFrequency", "TransmitterFrequency");
        double mhz = ReaderLimits.CheckFrequency(path,
            transmitter is { } hz ? (hz > 100_000 ? hz / 1e6 : hz) : options.FrequencyMHz ?? throw new MrsReadException(path, "no TransmitterFrequency in the header: --frequency is needed (MHz)."),
            "TransmitterFrequency");
        var nucleus = ReaderLimits.CheckNucleus(path, null, options);
        double? field = TextValues.ParseOptional(path, fields, "MagneticField", "MagneticField");
        if (field is > 0.1 && double.IsFinite(field.Value))
        {
            double ratio = mhz / field.Value;
            double expected = Nuclei.GyromagneticRatioMHzPerTesla(nucleus);
            if (Math.Abs(ratio - expected) > 0.1 * expected)
            {
                throw new MrsReadException(path, string.Create(CultureInfo.InvariantCulture,
                    $"TransmitterFrequency / MagneticField = {ratio:F2} MHz/T is not {nucleus} ({expected:F2} MHz/T): the data are another nucleus; MRSNode quantifies 1H only."));
            }
        }

        var blocks = new List<Complex[]>();
        while (i < lines.Length)
        {
            var m = SignalHeader().Match(lines[i]);
            if (!m.Success)
            {
                throw new MrsReadException(path, $"line {i + 1}: expected 'Signal N out of M in file'.");
            }
            long number = TextValues.ParseInteger(path, m.Groups[1].Value, "signal number");
            long total = TextValues.ParseInteger(path, m.Groups[2].Value, "signal count");
            if (number != blocks.Count + 1 || (datasets > 0 && total != datasets))
            {
                throw new MrsReadException(path, $"line {i + 1}: '{lines[i].Trim()}' is out of sequence (expected signal {blocks.Count + 1} of {(datasets > 0 ? datasets : total)}).");
            }
            if ((long)(blocks.Count + 1) * points > ReaderLimits.MaxSamples)
            {
                throw new MrsReadException(path, "too many samples.");
            }
            i++;
            var fid = new List<Complex>();
            for (; i < lines.Length && !SignalHeader().IsMatch(lines[i]); i++)
            {
                var line = lines[i].Trim();
                if (line.Length == 0)
                {
                    continue;
                }
                var parts = line.Split([' ', '\t', ','], StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length is not (2 or 4) || !TextValues.TryParseDouble(parts[0], out var re) || !TextValues.TryParseDouble(parts[1], out var im)
                    || (parts.Length == 4 && (!TextValues.TryParseDouble(parts[2], out _) || !TextValues.TryParseDouble(parts[3], out _))))
                {
                    throw new MrsReadException(path, $"line {i + 1}: '{TextValues.Shorten(line)}' is not 2 or 4 numbers.");
                }
                if (fid.Count >= points)
                {
                    throw new MrsReadException(path, $"signal {number} holds more than PointsInDataset = {points} points.");
                }
                // jMRUI → MRSNode: conjugate.
                fid.Add(new Complex(re, -im));
            }
            if (fid.Count != points)
            {
                throw new MrsReadException(path, $"signal {number} holds {fid.Count} points, PointsInDataset says {points} (truncated?).");
            }
            blocks.Add([.. fid]);
        }
        if (datasets > 0 && blocks.Count != datasets)
        {
            throw new MrsReadException(path, $"the file holds {blocks.Count} signal(s), DatasetsInFile says {datasets} (truncated?).");
        }

        var data = new Complex[blocks.Count * points];
        for (int b = 0; b < blocks.Count; b++)
        {
            blocks[b].CopyTo(data, b * points);
        }
        double reference = ReaderLimits.ReferencePpm(nucleus, LcModelRawReader.LcModelReferencePpm);
        var role = nucleus == "1H" ? SpectrumContent.Classify(SpectrumContent.Combine(data, points), new SpectralAxis(points, sw, mhz, reference)) : AcquisitionRole.Unknown;
        return
        [
            new MrsAcquisition(data, points, averages: blocks.Count)
            {
                SpectralWidthHz = sw,
                TransmitterFrequencyMHz = mhz,
                Nucleus = nucleus,
                ReferencePpm = reference,
                EchoTimeMs = ReaderLimits.CheckTimeMs(path, options.EchoTimeMs, "--echo-time"),
                Role = role,
                Provenance = new Provenance
                {
                    SourceFormat = "jMRUI text",
                    SourcePath = path,
                },
            },
        ];
    }

    private static string Require(string path, Dictionary<string, string> fields, string key) =>
        fields.TryGetValue(key, out var v) && !string.IsNullOrWhiteSpace(v) ? v : throw new MrsReadException(path, $"the header has no {key}.");
}
