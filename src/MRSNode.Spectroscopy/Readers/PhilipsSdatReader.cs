using System.Buffers.Binary;
using System.Numerics;
using System.Text;
using System.Text.RegularExpressions;

namespace MRSNode.Spectroscopy.Readers;

/// <summary>
/// Philips SDAT/SPAR pair. The SPAR is "key : value" text with '!' comment lines; the SDAT holds
/// samples × rows complex VAX F-floats (4 bytes each, (re, im)). Either file of the pair may be given;
/// the partner is the file beside it with the same name and the other extension, in any case.
/// <para>Convention: Philips FIDs are conjugated relative to MRSNode's (as spec2nii does: "move to right
/// handed frame"); verified on the test data (NAA 2.01–2.04 ppm after conjugation, its mirror empty).
/// The reference is 4.68 ppm, Philips' own chemical shift reference (DICOM (0018,9053) on Philips MRS).</para>
/// <para>Roles: water reference when the spectrum is water-dominated (<see cref="SpectrumContent"/>); otherwise
/// metabolite-nulled when the SPAR names an inversion (scan_id / examination_name containing "TI" followed by
/// a number, e.g. "PRESS_TI_600", or "inver…"), or spectrum_inversion_time &gt; 0; otherwise metabolite.
/// (On the test data the SPAR of the TI-600 scan has spectrum_inversion_time 0: only its scan_id says so.)
/// rows &gt; 1 are held as separate averages.</para>
/// </summary>
public sealed partial class PhilipsSdatReader : IMrsReader
{
    public const double PhilipsReferencePpm = 4.68;
    private const long MaxSparBytes = 1024 * 1024;

    public string FormatName => "Philips SDAT/SPAR";

    public bool CanRead(MrsFileProbe probe)
    {
        ArgumentNullException.ThrowIfNull(probe);
        if (probe.LooksLikeText)
        {
            return IsSpar(probe.HeadText);
        }
        if (probe.Length == 0 || probe.Length % 8 != 0)
        {
            return false;
        }
        try
        {
            var spar = FindPartner(probe.Path, wantSpar: true);
            if (spar is null)
            {
                return false;
            }
            using var stream = File.OpenRead(spar);
            var head = new byte[Math.Min(4096, stream.Length)];
            stream.ReadExactly(head);
            return IsSpar(Encoding.Latin1.GetString(head));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return false;
        }
    }

    public IReadOnlyList<MrsAcquisition> Read(string path, MrsReadOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return ReaderGuard.Run(path, () => ReadCore(path, options));
    }

    /// <summary>SPAR text: starts with a "!-----" rule, or has "examination_name :" / "samples :" keys.</summary>
    internal static bool IsSpar(string head)
    {
        var trimmed = head.TrimStart();
        if (trimmed.StartsWith("!-----", StringComparison.Ordinal))
        {
            return true;
        }
        return SparKey().IsMatch(head);
    }

    [GeneratedRegex(@"^\s*(examination_name|samples|synthesizer_frequency)\s*:", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex SparKey();

    [GeneratedRegex(@"(^|[^A-Za-z])TI[\s_-]*\d+|inver(t|sion)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex InversionName();

    private static IReadOnlyList<MrsAcquisition> ReadCore(string path, MrsReadOptions options)
    {
        if (!File.Exists(path))
        {
            throw new MrsReadException(path, "file not found");
        }
        string sparPath, sdatPath;
        if (LooksLikeSparFile(path))
        {
            sparPath = path;
            sdatPath = FindPartner(path, wantSpar: false)
                ?? throw new MrsReadException(path, $"no SDAT beside this SPAR (looked for {Path.GetFileNameWithoutExtension(path)}.sdat in any case).");
        }
        else
        {
            sdatPath = path;
            sparPath = FindPartner(path, wantSpar: true)
                ?? throw new MrsReadException(path, $"no SPAR beside this SDAT (looked for {Path.GetFileNameWithoutExtension(path)}.spar in any case).");
        }

        var fields = ParseSpar(TextValues.ReadAllText(sparPath, MaxSparBytes));
        if (fields.Count == 0)
        {
            throw new MrsReadException(sparPath, "the SPAR holds no 'key : value' lines.");
        }
        long samples = TextValues.ParseInteger(sparPath, Require(sparPath, fields, "samples"), "samples");
        int points = ReaderLimits.CheckPoints(sparPath, samples, "samples");
        long rows = fields.TryGetValue("rows", out var r) ? TextValues.ParseInteger(sparPath, r, "rows") : 1;
        if (rows < 1 || rows > 65536)
        {
            throw new MrsReadException(sparPath, $"rows = {rows} is not plausible.");
        }
        double sw = ReaderLimits.CheckSpectralWidth(sparPath, TextValues.ParseRequired(sparPath, fields, "sample_frequency", "sample_frequency"), "sample_frequency");
        double mhz = ReaderLimits.CheckFrequency(sparPath, TextValues.ParseRequired(sparPath, fields, "synthesizer_frequency", "synthesizer_frequency") / 1e6, "synthesizer_frequency");
        var nucleus = ReaderLimits.CheckNucleus(sparPath, fields.GetValueOrDefault("nucleus"), options);
        double? te = ReaderLimits.CheckTimeMs(sparPath, TextValues.ParseOptional(sparPath, fields, "echo_time", "echo_time"), "echo_time");
        double? tr = ReaderLimits.CheckTimeMs(sparPath, TextValues.ParseOptional(sparPath, fields, "repetition_time", "repetition_time"), "repetition_time");
        double? averages = TextValues.ParseOptional(sparPath, fields, "averages", "averages");
        double? inversion = TextValues.ParseOptional(sparPath, fields, "spectrum_inversion_time", "spectrum_inversion_time");

        if (samples * rows > ReaderLimits.MaxSamples)
        {
            throw new MrsReadException(sparPath, $"samples {samples} × rows {rows} is too large.");
        }
        long expected = 8 * samples * rows;
        long actual = new FileInfo(sdatPath).Length;
        if (actual != expected)
        {
            throw new MrsReadException(sdatPath, $"the SDAT holds {actual} bytes but samples {samples} × rows {rows} × 8 = {expected} are needed (truncated, or a SPAR from another scan).");
        }
        var bytes = File.ReadAllBytes(sdatPath);
        if (bytes.Length != expected)
        {
            throw new MrsReadException(sdatPath, "the SDAT changed while it was read.");
        }
        var data = new Complex[samples * rows];
        for (int i = 0; i < data.Length; i++)
        {
            double re = VaxFloat.ToDouble(BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(8 * i, 4)))
                ?? throw new MrsReadException(sdatPath, $"sample {i} is a VAX reserved operand (corrupt data).");
            double im = VaxFloat.ToDouble(BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(8 * i + 4, 4)))
                ?? throw new MrsReadException(sdatPath, $"sample {i} is a VAX reserved operand (corrupt data).");
            // Philips → MRSNode: conjugate.
            data[i] = new Complex(re, -im);
        }

        double reference = ReaderLimits.ReferencePpm(nucleus, PhilipsReferencePpm);
        var axis = new SpectralAxis(points, sw, mhz, reference);
        var scanName = fields.GetValueOrDefault("scan_id");
        var examination = fields.GetValueOrDefault("examination_name");
        var role = SpectrumContent.RoleOf(nucleus, data, points, axis,
            inverted: inversion > 0 || InversionName().IsMatch(scanName ?? "") || InversionName().IsMatch(examination ?? ""));

        var acquisition = new MrsAcquisition(data, points, averages: (int)rows)
        {
            SpectralWidthHz = sw,
            TransmitterFrequencyMHz = mhz,
            Nucleus = nucleus,
            ReferencePpm = reference,
            EchoTimeMs = te,
            RepetitionTimeMs = tr,
            AcquiredAverages = averages is > 0 and < int.MaxValue ? (int)Math.Round(averages.Value) : null,
            Role = role,
            Localization = Localize(sparPath, fields, scanName),
            Provenance = new Provenance
            {
                SourceFormat = "Philips SDAT/SPAR",
                SourcePath = sdatPath,
                Manufacturer = "Philips",
                SoftwareVersion = Blank(fields.GetValueOrDefault("equipment_sw_verions") ?? fields.GetValueOrDefault("equipment_sw_versions")),
                SeriesDescription = Blank(scanName),
                ProtocolName = Blank(scanName),
            },
        };
        return [acquisition];
    }

    /// <summary>"key : value" lines; '!' starts a comment line; keys are lower-cased; quotes stripped.</summary>
    internal static Dictionary<string, string> ParseSpar(string text)
    {
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var raw in TextValues.Lines(text))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '!')
            {
                continue;
            }
            int colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                continue;
            }
            var key = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim().Trim('"').Trim();
            fields.TryAdd(key, value);
        }
        return fields;
    }

    private static bool LooksLikeSparFile(string path)
    {
        using var stream = File.OpenRead(path);
        var head = new byte[Math.Min(4096, stream.Length)];
        stream.ReadExactly(head);
        var probe = MrsFileProbe.FromBytes(path, head, stream.Length);
        return probe.LooksLikeText && IsSpar(probe.HeadText);
    }

    /// <summary>The file beside <paramref name="path"/> with the same stem and extension .spar/.sdat in any case.</summary>
    internal static string? FindPartner(string path, bool wantSpar)
    {
        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full);
        if (dir is null || !Directory.Exists(dir))
        {
            return null;
        }
        var stem = Path.GetFileNameWithoutExtension(full);
        var extension = wantSpar ? ".spar" : ".sdat";
        foreach (var candidate in Directory.EnumerateFiles(dir))
        {
            var name = Path.GetFileName(candidate);
            if (name.Length == stem.Length + extension.Length
                && name.StartsWith(stem, StringComparison.Ordinal)
                && name.EndsWith(extension, StringComparison.OrdinalIgnoreCase)
                && !string.Equals(Path.GetFullPath(candidate), full, StringComparison.Ordinal))
            {
                return candidate;
            }
        }
        return null;
    }

    private static string Require(string path, Dictionary<string, string> fields, string key) =>
        fields.TryGetValue(key, out var v) && !string.IsNullOrWhiteSpace(v) ? v : throw new MrsReadException(path, $"the SPAR has no '{key}'.");

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static Localization Localize(string path, Dictionary<string, string> fields, string? scanName)
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

        bool volume = !fields.TryGetValue("volume_selection_enable", out var enabled) || !string.Equals(enabled, "no", StringComparison.OrdinalIgnoreCase);
        return new Localization
        {
            Technique = SequenceNames.Technique(scanName),
            // Philips patient axes are L, P, H (= LPS): right-left, anterior-posterior, feet-head.
            PositionMm = volume ? Vector("lr_off_center", "ap_off_center", "cc_off_center") : null,
            VoxelSizeMm = volume ? Vector("lr_size", "ap_size", "cc_size") : null,
        };
    }
}

/// <summary>VAX F_floating (Philips SDAT) → IEEE.</summary>
internal static class VaxFloat
{
    /// <summary>
    /// The value of a VAX F-float read as a little-endian uint32 (the two 16-bit words are swapped relative to
    /// IEEE single: sign and exponent sit in bits 15..7). Value = (−1)^s × 0.1f₂ × 2^(e−128) = (1.f) × 2^(e−129).
    /// Exponent 0: zero for sign 0 (whatever the fraction), the reserved operand for sign 1 (returns null).
    /// </summary>
    public static double? ToDouble(uint raw)
    {
        uint high = raw & 0xFFFF;
        uint low = raw >> 16;
        uint sign = (high >> 15) & 1;
        int exponent = (int)((high >> 7) & 0xFF);
        uint fraction = ((high & 0x7F) << 16) | low;
        if (exponent == 0)
        {
            return sign == 0 ? 0.0 : null;
        }
        double value = Math.ScaleB(1.0 + fraction / 8388608.0, exponent - 129);
        return sign == 1 ? -value : value;
    }

    /// <summary>The VAX F bits of a value (for tests); values outside the VAX range are clamped.</summary>
    public static uint FromDouble(double value)
    {
        if (value == 0 || !double.IsFinite(value))
        {
            return 0;
        }
        uint sign = value < 0 ? 1u : 0u;
        double a = Math.Abs(value);
        int e = Math.ILogB(a) + 129;
        if (e < 1)
        {
            return 0;
        }
        e = Math.Min(e, 255);
        double mantissa = a / Math.ScaleB(1.0, e - 129) - 1.0;
        uint fraction = (uint)Math.Clamp(Math.Round(mantissa * 8388608.0), 0, 8388607);
        uint high = (sign << 15) | ((uint)e << 7) | (fraction >> 16);
        uint low = fraction & 0xFFFF;
        return (low << 16) | high;
    }
}
