using System.Globalization;
using System.Numerics;
using System.Text;

namespace MRSNode.Spectroscopy.Readers;

/// <summary>Turns every failure inside a reader into an <see cref="MrsReadException"/> naming the file.</summary>
internal static class ReaderGuard
{
    /// <param name="what">What was being read, prefixed to the reason (e.g. "unusable MR Spectroscopy header").</param>
    public static T Run<T>(string path, Func<T> read, string? what = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            return read();
        }
        catch (MrsReadException)
        {
            throw;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new MrsReadException(path, what is null ? Describe(ex) : $"{what}: {Describe(ex)}");
        }
    }

    private static string Describe(Exception ex) => ex switch
    {
        Dicom.DicomFormatException or FormatException or OverflowException or KeyNotFoundException or InvalidOperationException => ex.Message,
        FileNotFoundException or DirectoryNotFoundException => "file not found",
        UnauthorizedAccessException => "permission denied",
        EndOfStreamException => "the file ends early (truncated)",
        InvalidDataException => $"corrupt compressed data ({ex.Message})",
        System.Text.Json.JsonException => $"the JSON header is not valid JSON ({ex.Message})",
        OutOfMemoryException => "the data are too large to read",
        IOException => $"read error ({ex.Message})",
        _ => $"unreadable ({ex.GetType().Name}: {ex.Message})",
    };
}

/// <summary>Limits and shared parameter checks for every reader.</summary>
internal static class ReaderLimits
{
    /// <summary>Fewer points than this is not a spectrum.</summary>
    public const int MinPoints = 16;
    /// <summary>More points per FID than this is not a plausible MRS acquisition.</summary>
    public const int MaxPoints = 1 << 20;
    /// <summary>Most complex samples one file may hold (2 GiB of complex64).</summary>
    public const long MaxSamples = 1L << 28;
    /// <summary>Largest text file a text reader loads.</summary>
    public const long MaxTextBytes = 256L * 1024 * 1024;
    /// <summary>Largest binary payload (also the cap on a decompressed gzip stream).</summary>
    public const long MaxBinaryBytes = 2L * 1024 * 1024 * 1024 - 64;

    public static int CheckPoints(string path, long points, string what)
    {
        if (points < MinPoints || points > MaxPoints)
        {
            throw new MrsReadException(path, $"{what} = {points} points is not a plausible spectrum ({MinPoints}–{MaxPoints}).");
        }
        return (int)points;
    }

    public static double CheckSpectralWidth(string path, double hz, string source)
    {
        if (!double.IsFinite(hz) || hz < 100 || hz > 1_000_000)
        {
            throw new MrsReadException(path, $"spectral width {hz.ToString("G6", CultureInfo.InvariantCulture)} Hz (from {source}) is not plausible (100 Hz – 1 MHz).");
        }
        return hz;
    }

    public static double CheckFrequency(string path, double mhz, string source)
    {
        if (!double.IsFinite(mhz) || mhz < 1 || mhz > 2000)
        {
            throw new MrsReadException(path, $"transmitter frequency {mhz.ToString("G9", CultureInfo.InvariantCulture)} MHz (from {source}) is not plausible (1–2000 MHz).");
        }
        return mhz;
    }

    /// <summary>An optional time in ms: null stays null, a negative value means "not given" (LCModel writes -1).</summary>
    public static double? CheckTimeMs(string path, double? ms, string what)
    {
        if (ms is null || ms < 0)
        {
            return null;
        }
        if (!double.IsFinite(ms.Value) || ms > 100_000)
        {
            throw new MrsReadException(path, $"{what} {ms} ms is not plausible.");
        }
        return ms;
    }

    /// <summary>
    /// The nucleus as "1H", "31P", ...: from the file, else the options, else 1H. Anything but 1H is refused
    /// unless <see cref="MrsReadOptions.AllowNonProton"/> is set.
    /// </summary>
    public static string CheckNucleus(string path, string? fromFile, MrsReadOptions options)
    {
        var raw = string.IsNullOrWhiteSpace(fromFile) ? options.Nucleus : fromFile;
        if (string.IsNullOrWhiteSpace(raw))
        {
            return "1H";
        }
        var nucleus = Nuclei.Normalize(raw);
        if (nucleus == "1H")
        {
            return nucleus;
        }
        if (!options.AllowNonProton)
        {
            throw new MrsReadException(path, $"the nucleus is '{raw.Trim()}', not 1H: MRSNode quantifies proton (1H) spectra only.");
        }
        if (!Nuclei.IsKnown(nucleus))
        {
            throw new MrsReadException(path, $"unknown nucleus '{raw.Trim()}' (expected 1H, 31P, 13C, ...).");
        }
        return nucleus;
    }

    /// <summary>ppm at the transmitter: the given proton reference for 1H, 0 for other nuclei.</summary>
    public static double ReferencePpm(string nucleus, double protonReference) => nucleus == "1H" ? protonReference : 0.0;
}

/// <summary>Number parsing shared by the text formats.</summary>
internal static class TextValues
{
    /// <summary>A finite invariant-culture number; Fortran "1.0D-03" and exponent-without-E ("0.1234-105") accepted.</summary>
    public static bool TryParseDouble(ReadOnlySpan<char> text, out double value)
    {
        var s = text.Trim();
        value = 0;
        if (s.IsEmpty || s.Length > 64)
        {
            return false;
        }
        if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out value))
        {
            return double.IsFinite(value);
        }
        // Fortran forms: D exponent, or a signed exponent with no letter.
        Span<char> buffer = stackalloc char[s.Length + 1];
        int n = 0;
        for (int i = 0; i < s.Length; i++)
        {
            char c = s[i];
            if (c is 'D' or 'd' or 'Q' or 'q')
            {
                buffer[n++] = 'E';
            }
            else if ((c is '+' or '-') && i > 0 && char.IsAsciiDigit(s[i - 1]) && s[..i].IndexOfAny('E', 'e') < 0 && s[..i].IndexOfAny('D', 'd') < 0)
            {
                buffer[n++] = 'E';
                buffer[n++] = c;
            }
            else
            {
                buffer[n++] = c;
            }
        }
        return double.TryParse(buffer[..n], NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
    }

    public static double? ParseOptional(string path, IReadOnlyDictionary<string, string> fields, string key, string what)
    {
        if (!fields.TryGetValue(key, out var raw) || string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }
        if (!TryParseDouble(raw, out var v))
        {
            throw new MrsReadException(path, $"{what} '{Shorten(raw)}' is not a number.");
        }
        return v;
    }

    public static double ParseRequired(string path, IReadOnlyDictionary<string, string> fields, string key, string what) =>
        ParseOptional(path, fields, key, what) ?? throw new MrsReadException(path, $"the header has no {what} ('{key}').");

    public static long ParseInteger(string path, string raw, string what)
    {
        if (!TryParseDouble(raw, out var v) || v != Math.Floor(v) || Math.Abs(v) > long.MaxValue / 2)
        {
            throw new MrsReadException(path, $"{what} '{Shorten(raw)}' is not a whole number.");
        }
        return (long)v;
    }

    /// <summary>At most 40 characters of a value for an error message, printable only.</summary>
    public static string Shorten(string raw)
    {
        var s = new string(raw.Trim().Select(c => char.IsControl(c) ? '?' : c).Take(40).ToArray());
        return raw.Trim().Length > 40 ? s + "…" : s;
    }

    /// <summary>The whole file as Latin-1 text, refusing files larger than <paramref name="cap"/>.</summary>
    public static string ReadAllText(string path, long cap = ReaderLimits.MaxTextBytes)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new MrsReadException(path, "file not found");
        }
        if (info.Length > cap)
        {
            throw new MrsReadException(path, $"{info.Length} bytes is too large for a text MRS file.");
        }
        return Encoding.Latin1.GetString(File.ReadAllBytes(path));
    }

    /// <summary>Splits text into lines on \r\n, \n or \r.</summary>
    public static string[] Lines(string text) => text.Split(["\r\n", "\n", "\r"], StringSplitOptions.None);
}

/// <summary>
/// What the spectrum itself says: water reference or metabolite, and (for formats without a defined
/// convention) whether the FID needs conjugating. Both look at magnitude spectra only.
/// </summary>
internal static class SpectrumContent
{
    /// <summary>Phase-aligned sum of every FID in a flat block (weights conj(fid[0])), for inspection only.</summary>
    public static Complex[] Combine(ReadOnlySpan<Complex> data, int points)
    {
        var sum = new Complex[points];
        for (int start = 0; start + points <= data.Length; start += points)
        {
            var fid = data.Slice(start, points);
            var w = Complex.Conjugate(fid[0]);
            if (w == Complex.Zero)
            {
                w = Complex.One;
            }
            for (int t = 0; t < points; t++)
            {
                sum[t] += fid[t] * w;
            }
        }
        return sum;
    }

    /// <summary>
    /// The role of a proton acquisition by content; metabolite data from an inversion-recovery (metabolite-nulling)
    /// scan are <see cref="AcquisitionRole.MetaboliteNulled"/>. Non-proton data: unknown.
    /// </summary>
    public static AcquisitionRole RoleOf(string nucleus, ReadOnlySpan<Complex> data, int points, SpectralAxis axis, bool inverted)
    {
        if (nucleus != "1H")
        {
            return AcquisitionRole.Unknown;
        }
        var role = Classify(Combine(data, points), axis);
        return role == AcquisitionRole.Metabolite && inverted ? AcquisitionRole.MetaboliteNulled : role;
    }

    /// <summary>Metabolite or water by content: the one rule of <see cref="RoleClassifier"/>, shared by every reader.</summary>
    public static AcquisitionRole Classify(ReadOnlySpan<Complex> fid, SpectralAxis axis, AcquisitionRole headerHint = AcquisitionRole.Unknown) =>
        RoleClassifier.Classify(RoleClassifier.WaterDominance(fid, axis), headerHint);

    /// <summary>
    /// True when the metabolite peaks sit mirrored about the reference (the FID needs conjugating), false when
    /// they sit at 1.9–3.4 ppm, null when the spectrum does not tell (water only, noise).
    /// </summary>
    public static bool? IsMirrored(ReadOnlySpan<Complex> fid, SpectralAxis axis)
    {
        var magnitude = Magnitude(fid);
        double r = axis.ReferencePpm;
        double direct = MaxProminence(magnitude, axis, 1.9, 3.4);
        double mirrored = MaxProminence(magnitude, axis, 2 * r - 3.4, 2 * r - 1.9);
        double water = MaxIn(magnitude, axis, r - 0.5, r + 0.5);
        double strongest = Math.Max(direct, mirrored);
        if (strongest <= 0 || water / strongest >= 100)
        {
            return null;
        }
        if (direct >= 2 * mirrored)
        {
            return false;
        }
        if (mirrored >= 2 * direct)
        {
            return true;
        }
        return null;
    }

    private static double[] Magnitude(ReadOnlySpan<Complex> fid)
    {
        var spectrum = SpectralAxis.Spectrum(fid);
        var m = new double[spectrum.Length];
        for (int i = 0; i < m.Length; i++)
        {
            m[i] = spectrum[i].Magnitude;
        }
        return m;
    }

    private static (int A, int B) Range(SpectralAxis axis, double lowPpm, double highPpm)
    {
        int a = (int)Math.Clamp(Math.Ceiling(axis.IndexOf(highPpm)), 0, axis.Points - 1);
        int b = (int)Math.Clamp(Math.Floor(axis.IndexOf(lowPpm)), 0, axis.Points - 1);
        return (a, b);
    }

    private static double MaxIn(double[] magnitude, SpectralAxis axis, double lowPpm, double highPpm)
    {
        var (a, b) = Range(axis, lowPpm, highPpm);
        double max = 0;
        for (int i = a; i <= b; i++)
        {
            max = Math.Max(max, magnitude[i]);
        }
        return max;
    }

    /// <summary>Largest height of a point above the lowest point within ±0.15 ppm of it.</summary>
    private static double MaxProminence(double[] magnitude, SpectralAxis axis, double lowPpm, double highPpm)
    {
        var (a, b) = Range(axis, lowPpm, highPpm);
        int half = Math.Max(1, (int)Math.Round(0.15 * axis.FrequencyMHz / axis.HzPerPoint));
        double best = 0;
        for (int i = a; i <= b; i++)
        {
            double low = double.MaxValue;
            for (int j = Math.Max(0, i - half); j <= Math.Min(magnitude.Length - 1, i + half); j++)
            {
                low = Math.Min(low, magnitude[j]);
            }
            best = Math.Max(best, magnitude[i] - low);
        }
        return best;
    }

    public static void ConjugateInPlace(Span<Complex> data)
    {
        for (int i = 0; i < data.Length; i++)
        {
            data[i] = Complex.Conjugate(data[i]);
        }
    }
}

/// <summary>Localisation technique from a sequence or scan name.</summary>
internal static class SequenceNames
{
    public static string? Technique(params string?[] names)
    {
        foreach (var raw in names)
        {
            if (string.IsNullOrWhiteSpace(raw))
            {
                continue;
            }
            var s = raw.ToUpperInvariant();
            if (s.Contains("SLASER", StringComparison.Ordinal) || s.Contains("SEMI-LASER", StringComparison.Ordinal) || s.Contains("SEMILASER", StringComparison.Ordinal))
            {
                return "sLASER";
            }
            if (s.Contains("STEAM", StringComparison.Ordinal) || s.Contains("SVS_ST", StringComparison.Ordinal))
            {
                return "STEAM";
            }
            if (s.Contains("SPECIAL", StringComparison.Ordinal))
            {
                return "SPECIAL";
            }
            if (s.Contains("LASER", StringComparison.Ordinal))
            {
                return "LASER";
            }
            if (s.Contains("PRESS", StringComparison.Ordinal) || s.Contains("SVS_SE", StringComparison.Ordinal) || s.Contains("PRIME", StringComparison.Ordinal))
            {
                return "PRESS";
            }
        }
        return null;
    }
}
