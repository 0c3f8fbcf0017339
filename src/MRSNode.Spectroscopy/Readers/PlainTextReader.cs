using System.Numerics;

namespace MRSNode.Spectroscopy.Readers;

/// <summary>
/// Plain two-column text: one "re im" pair per line (blanks, tabs, commas or semicolons between), '#' starts a
/// comment. Four columns are read as two FIDs (the ISMRM 2016 challenge layout: metabolite re, im, water re,
/// im) and give two acquisitions. Nothing about the acquisition is in the file: --spectral-width and
/// --frequency are required, TE and the nucleus come from the options.
/// <para>Convention: none is defined, so it is decided from the content: when the metabolite peaks sit at
/// their mirror positions about the reference the FIDs are conjugated. When the spectrum does not tell
/// (water only, noise) the FIDs are conjugated, as text exports from MATLAB tools (FID-A, jMRUI, the
/// spec2nii test file) use the mirrored convention. Reference 4.65 ppm.</para>
/// </summary>
public sealed class PlainTextReader : IMrsReader
{
    private static readonly char[] _separators = [' ', '\t', ',', ';'];

    public string FormatName => "two-column text";

    public bool CanRead(MrsFileProbe probe)
    {
        ArgumentNullException.ThrowIfNull(probe);
        if (!probe.LooksLikeText)
        {
            return false;
        }
        var lines = TextValues.Lines(probe.HeadText);
        int checkedLines = 0, columns = 0;
        // The last line of the head may be cut short.
        for (int i = 0; i < lines.Length - (probe.Head.Length < probe.Length ? 1 : 0) && checkedLines < 20; i++)
        {
            var content = StripComment(lines[i]);
            if (content.Length == 0)
            {
                continue;
            }
            var n = CountNumbers(content);
            if (n is not (2 or 4) || (columns != 0 && n != columns))
            {
                return false;
            }
            columns = n;
            checkedLines++;
        }
        return checkedLines > 0;
    }

    public IReadOnlyList<MrsAcquisition> Read(string path, MrsReadOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return ReaderGuard.Run(path, () => ReadCore(path, options));
    }

    private static List<MrsAcquisition> ReadCore(string path, MrsReadOptions options)
    {
        if (options.SpectralWidthHz is null && options.FrequencyMHz is null)
        {
            throw new MrsReadException(path, "plain text carries no parameters: --spectral-width (Hz) and --frequency (MHz) are needed.");
        }
        double sw = ReaderLimits.CheckSpectralWidth(path,
            options.SpectralWidthHz ?? throw new MrsReadException(path, "plain text carries no dwell time: --spectral-width (Hz) is needed."), "--spectral-width");
        double mhz = ReaderLimits.CheckFrequency(path,
            options.FrequencyMHz ?? throw new MrsReadException(path, "plain text carries no frequency: --frequency (MHz) is needed."), "--frequency");
        var nucleus = ReaderLimits.CheckNucleus(path, null, options);
        double? te = ReaderLimits.CheckTimeMs(path, options.EchoTimeMs, "--echo-time");

        var lines = TextValues.Lines(TextValues.ReadAllText(path));
        var columns = new List<double>[4];
        int width = 0, rows = 0;
        for (int i = 0; i < lines.Length; i++)
        {
            var content = StripComment(lines[i]);
            if (content.Length == 0)
            {
                continue;
            }
            var parts = content.Split(_separators, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length is not (2 or 4))
            {
                throw new MrsReadException(path, $"line {i + 1}: '{TextValues.Shorten(content)}' is not 2 (re im) or 4 numbers.");
            }
            if (width == 0)
            {
                width = parts.Length;
                for (int c = 0; c < width; c++)
                {
                    columns[c] = [];
                }
            }
            else if (parts.Length != width)
            {
                throw new MrsReadException(path, $"line {i + 1} has {parts.Length} columns, the lines before {width}.");
            }
            if (++rows > ReaderLimits.MaxPoints)
            {
                throw new MrsReadException(path, $"more than {ReaderLimits.MaxPoints} lines.");
            }
            for (int c = 0; c < width; c++)
            {
                if (!TextValues.TryParseDouble(parts[c], out var v))
                {
                    throw new MrsReadException(path, $"line {i + 1}: '{TextValues.Shorten(parts[c])}' is not a number.");
                }
                columns[c].Add(v);
            }
        }
        if (width == 0)
        {
            throw new MrsReadException(path, "the file holds no data lines.");
        }
        int points = ReaderLimits.CheckPoints(path, rows, "the data");
        double reference = ReaderLimits.ReferencePpm(nucleus, LcModelRawReader.LcModelReferencePpm);
        var axis = new SpectralAxis(points, sw, mhz, reference);

        var result = new List<MrsAcquisition>();
        for (int pair = 0; pair < width / 2; pair++)
        {
            var data = new Complex[points];
            for (int t = 0; t < points; t++)
            {
                data[t] = new Complex(columns[2 * pair][t], columns[2 * pair + 1][t]);
            }
            if (nucleus != "1H" || SpectrumContent.IsMirrored(data, axis) != false)
            {
                SpectrumContent.ConjugateInPlace(data);
            }
            var role = nucleus == "1H" ? SpectrumContent.Classify(data, axis) : AcquisitionRole.Unknown;
            result.Add(new MrsAcquisition(data, points)
            {
                SpectralWidthHz = sw,
                TransmitterFrequencyMHz = mhz,
                Nucleus = nucleus,
                ReferencePpm = reference,
                EchoTimeMs = te,
                Role = role,
                Provenance = new Provenance { SourceFormat = "two-column text", SourcePath = path },
            });
        }
        return result;
    }

    private static string StripComment(string line)
    {
        int hash = line.IndexOf('#', StringComparison.Ordinal);
        return (hash >= 0 ? line[..hash] : line).Trim();
    }

    private static int CountNumbers(string content)
    {
        var parts = content.Split(_separators, StringSplitOptions.RemoveEmptyEntries);
        foreach (var p in parts)
        {
            if (!TextValues.TryParseDouble(p, out _))
            {
                return -1;
            }
        }
        return parts.Length;
    }
}
