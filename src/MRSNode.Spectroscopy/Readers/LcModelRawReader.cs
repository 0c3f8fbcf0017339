using System.Globalization;
using System.Numerics;

namespace MRSNode.Spectroscopy.Readers;

/// <summary>
/// LCModel .RAW / .H2O: optional $SEQPAR (ECHOT, HZPPPM, SEQ), then $NMID (FMTDAT, VOLUME, TRAMP), then
/// complex (re, im) pairs, several per line. The format carries no dwell time: the spectral width comes from
/// <see cref="MrsReadOptions.SpectralWidthHz"/>, else a JSON sidecar (Dwelltime / SpectralWidth), else the read
/// fails asking for --spectral-width. The frequency is HZPPPM, else the options, else the sidecar.
/// <para>Convention: stored as MRSNode's, no conjugation. Measured: spec2nii's metab.RAW puts NAA at 2.00 ppm
/// (reference 4.65) with its mirror empty, and equals the pre-standard metab.nii FID after that file's
/// conjugation. (FID-A's io_writelcm writes the conjugate of FID-A's own, mirrored, convention: the same.)
/// The reference is LCModel's 4.65 ppm.</para>
/// <para>Role: from the content (water-dominated = water reference), never from the .H2O extension.</para>
/// </summary>
public sealed class LcModelRawReader : IMrsReader
{
    /// <summary>LCModel puts the transmitter (water at 37 °C) at 4.65 ppm.</summary>
    public const double LcModelReferencePpm = 4.65;

    public string FormatName => "LCModel RAW";

    public bool CanRead(MrsFileProbe probe)
    {
        ArgumentNullException.ThrowIfNull(probe);
        if (!probe.LooksLikeText || LcModelBasisReader.IsBasisFile(probe))
        {
            return false;
        }
        var head = probe.HeadText;
        if (!LcModelText.AtNamelist(head, 0))
        {
            return false;
        }
        return head.Contains("$NMID", StringComparison.OrdinalIgnoreCase) || head.Contains("&NMID", StringComparison.OrdinalIgnoreCase)
            || head.Contains("$SEQPAR", StringComparison.OrdinalIgnoreCase) || head.Contains("&SEQPAR", StringComparison.OrdinalIgnoreCase);
    }

    public IReadOnlyList<MrsAcquisition> Read(string path, MrsReadOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return ReaderGuard.Run(path, () => ReadCore(path, options));
    }

    private static IReadOnlyList<MrsAcquisition> ReadCore(string path, MrsReadOptions options)
    {
        var text = TextValues.ReadAllText(path);
        var lists = new Dictionary<string, Namelist>(StringComparer.Ordinal);
        int pos = 0;
        while (LcModelText.AtNamelist(text, pos))
        {
            var list = LcModelText.ParseNamelist(path, text, pos);
            if (list.Name.StartsWith("BASIS", StringComparison.Ordinal))
            {
                throw new MrsReadException(path, "this is an LCModel basis set, not a .RAW acquisition.");
            }
            lists.TryAdd(list.Name, list);
            pos = list.End;
            if (list.Name == "NMID")
            {
                break;
            }
        }
        if (!lists.TryGetValue("NMID", out var nmid))
        {
            throw new MrsReadException(path, "no $NMID namelist: not an LCModel .RAW file (or the header is truncated).");
        }
        var seqpar = lists.GetValueOrDefault("SEQPAR");

        // Data start on the line after $END.
        int lineEnd = text.IndexOf('\n', pos);
        int dataStart = lineEnd < 0 ? text.Length : lineEnd + 1;
        var lines = TextValues.Lines(text[dataStart..]);
        int FirstLine() => LcModelText.LineOf(text, dataStart);
        var values = new List<double>();
        long limit = 2L * ReaderLimits.MaxPoints;
        if (!LcModelText.TryReadFree(lines, FirstLine, values, limit, out var freeError))
        {
            var widths = LcModelText.FieldWidths(nmid.GetString("FMTDAT"));
            values.Clear();
            if (widths is null || !LcModelText.TryReadFixed(lines, FirstLine, widths, values, limit, out var fixedError))
            {
                throw new MrsReadException(path, $"the data are not numbers ({freeError}).");
            }
        }
        var declared = seqpar?.GetNumber(path, "NumberOfPoints") ?? nmid.GetNumber(path, "NUNFIL");
        if (declared is not null && declared * 2 != values.Count)
        {
            throw new MrsReadException(path, $"the header declares {declared} points but the file holds {values.Count / 2.0} (truncated?).");
        }
        if (values.Count % 2 != 0)
        {
            throw new MrsReadException(path, $"{values.Count} numbers do not make complex (re, im) pairs (truncated?).");
        }
        int points = ReaderLimits.CheckPoints(path, values.Count / 2, "the data");

        var sidecar = SidecarJson.Find(path);
        double sw = SpectralWidth(path, options, sidecar, seqpar, nmid);
        double mhz = ReaderLimits.CheckFrequency(path,
            (seqpar?.GetNumber(path, "HZPPPM") ?? nmid.GetNumber(path, "HZPPPM"))
            ?? options.FrequencyMHz
            ?? sidecar?.FrequencyMHz
            ?? throw new MrsReadException(path, "no HZPPPM in the header: --frequency is needed (MHz)."),
            "HZPPPM");
        var nucleus = ReaderLimits.CheckNucleus(path, sidecar?.Nucleus, options);
        double? te = ReaderLimits.CheckTimeMs(path, seqpar?.GetNumber(path, "ECHOT") ?? options.EchoTimeMs ?? sidecar?.EchoTimeMs, "ECHOT");

        var data = new Complex[points];
        for (int i = 0; i < points; i++)
        {
            data[i] = new Complex(values[2 * i], values[2 * i + 1]);
        }
        double reference = ReaderLimits.ReferencePpm(nucleus, LcModelReferencePpm);
        var role = nucleus == "1H" ? SpectrumContent.Classify(data, new SpectralAxis(points, sw, mhz, reference)) : AcquisitionRole.Unknown;
        var sequence = seqpar?.GetString("SEQ");
        return
        [
            new MrsAcquisition(data, points)
            {
                SpectralWidthHz = sw,
                TransmitterFrequencyMHz = mhz,
                Nucleus = nucleus,
                ReferencePpm = reference,
                EchoTimeMs = te,
                RepetitionTimeMs = sidecar?.RepetitionTimeMs,
                Role = role,
                Localization = new Localization { Technique = SequenceNames.Technique(sequence) },
                Provenance = new Provenance
                {
                    SourceFormat = "LCModel RAW",
                    SourcePath = path,
                    Manufacturer = sidecar?.Manufacturer,
                    Model = sidecar?.Model,
                    SoftwareVersion = sidecar?.SoftwareVersion,
                    ProtocolName = sidecar?.ProtocolName,
                    SequenceName = string.IsNullOrWhiteSpace(sequence) ? sidecar?.SequenceName : sequence.Trim(),
                },
            },
        ];
    }

    private static double SpectralWidth(string path, MrsReadOptions options, SidecarJson? sidecar, Namelist? seqpar, Namelist nmid)
    {
        if (options.SpectralWidthHz is { } fromOptions)
        {
            return ReaderLimits.CheckSpectralWidth(path, fromOptions, "--spectral-width");
        }
        if (sidecar?.SpectralWidthHz is { } sidecarSw)
        {
            return ReaderLimits.CheckSpectralWidth(path, sidecarSw, System.IO.Path.GetFileName(sidecar.Path));
        }
        if (sidecar?.DwellTimeSeconds is { } dwell)
        {
            if (!(dwell > 0))
            {
                throw new MrsReadException(sidecar.Path, $"Dwelltime {dwell} s is not positive.");
            }
            return ReaderLimits.CheckSpectralWidth(path, 1 / dwell, System.IO.Path.GetFileName(sidecar.Path));
        }
        // Non-standard dwell keys (FID-A / spec2nii write "dwellTime", some tools DELTAT) are used only when
        // printed with enough digits: FID-A's "%5.6f" turns 83.33 µs into 0.000083 (0.4 % off).
        foreach (var key in new[] { "DELTAT", "dwellTime", "BADELT" })
        {
            var raw = (seqpar is not null && seqpar.Values.TryGetValue(key, out var a) ? a : null) ?? (nmid.Values.TryGetValue(key, out var b) ? b : null);
            if (raw is null)
            {
                continue;
            }
            var token = raw.Trim().TrimEnd(',');
            if (!TextValues.TryParseDouble(token, out var d) || !(d > 0))
            {
                throw new MrsReadException(path, $"{key} '{TextValues.Shorten(raw)}' is not a positive number.");
            }
            if (RelativePrecision(token, d) > 1e-4)
            {
                throw new MrsReadException(path,
                    $"--spectral-width is needed: LCModel .RAW files carry no dwell time, and the non-standard {key} = {token} has too few digits to trust (give --spectral-width in Hz, or put a .json sidecar with Dwelltime beside the file).");
            }
            return ReaderLimits.CheckSpectralWidth(path, 1 / d, key);
        }
        throw new MrsReadException(path,
            "--spectral-width is needed: LCModel .RAW files carry no dwell time (give --spectral-width in Hz, or put a .json sidecar with Dwelltime beside the file).");
    }

    /// <summary>Half a unit in the last printed digit of <paramref name="token"/>, relative to its value.</summary>
    private static double RelativePrecision(string token, double value)
    {
        var mantissa = token.ToUpperInvariant();
        int e = mantissa.IndexOfAny(['E', 'D']);
        int exponent = 0;
        if (e >= 0)
        {
            _ = int.TryParse(mantissa.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out exponent);
            mantissa = mantissa[..e];
        }
        int dot = mantissa.IndexOf('.', StringComparison.Ordinal);
        int decimals = dot < 0 ? 0 : mantissa.Length - dot - 1;
        return 0.5 * Math.Pow(10, exponent - decimals) / Math.Abs(value);
    }
}
