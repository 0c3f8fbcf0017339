using System.Numerics;
using MathNet.Numerics.IntegralTransforms;

namespace MRSNode.Spectroscopy.Readers;

/// <summary>
/// LCModel .BASIS: $SEQPAR (HZPPPM, ECHOT, SEQ), $BASIS1 (BADELT, NDATAB, FMTBAS), then per metabolite an optional
/// $NMUSED, a $BASIS (METABO = 'NAA', ...) and NDATAB complex numbers in the FMTBAS fixed-width format
/// (fields may run together, so they are read by width).
/// <para>The numbers are the frequency-domain spectrum in FFT order (bin 0 = transmitter, then positive
/// frequencies), not a FID: checked on the ISMRM 2016 basis, where reading them as a FID gives a flat
/// spectrum, while reading them as a spectrum puts NAA at 2.01, Cr at 3.03, PCho at 3.21 and each entry's
/// 0 ppm reference singlet at 0.00 ppm on LCModel's 4.65 ppm centre. The FID returned is the inverse FFT,
/// so <see cref="SpectralAxis.Spectrum"/> of it gives the stored spectrum back; no conjugation.</para>
/// <para>Each entry is scaled and shifted as LCModel does it (<see cref="BasisEntryScaling"/>: TRAMP/(VOLUME·CONC),
/// ISHIFT points), so a basis made with CONC ≠ 1 or a referencing shift (Osprey's 7 T SPECIAL: ISHIFT 7, CONC 40) gives
/// the spectra LCModel fits. The $BASIS1 keys may come in any order and case; a namelist ends with $END, &amp;END or '/';
/// numbers may carry Fortran D exponents.</para>
/// </summary>
public static class LcModelBasisReader
{
    private const int MaxEntries = 1000;

    /// <summary>True when the text holds an LCModel basis header ($BASIS1 namelist).</summary>
    public static bool IsBasisFile(MrsFileProbe probe)
    {
        ArgumentNullException.ThrowIfNull(probe);
        if (!probe.LooksLikeText)
        {
            return false;
        }
        var head = probe.HeadText;
        return LcModelText.AtNamelist(head, 0)
            && (head.Contains("$BASIS1", StringComparison.OrdinalIgnoreCase) || head.Contains("&BASIS1", StringComparison.OrdinalIgnoreCase));
    }

    public static BasisSet Read(string path) => ReaderGuard.Run(path, () => ReadCore(path));

    private static BasisSet ReadCore(string path)
    {
        var text = TextValues.ReadAllText(path);
        Namelist? seqpar = null, basis1 = null;
        int pos = 0;
        while (basis1 is null && LcModelText.AtNamelist(text, pos))
        {
            var list = LcModelText.ParseNamelist(path, text, pos);
            pos = list.End;
            if (list.Name == "SEQPAR")
            {
                seqpar ??= list;
            }
            else if (list.Name == "BASIS1")
            {
                basis1 = list;
            }
        }
        if (basis1 is null)
        {
            throw new MrsReadException(path, "no $BASIS1 namelist: not an LCModel basis file.");
        }
        double mhz = ReaderLimits.CheckFrequency(path,
            (seqpar?.GetNumber(path, "HZPPPM") ?? basis1.GetNumber(path, "HZPPPM")) ?? throw new MrsReadException(path, "no HZPPPM in $SEQPAR."), "HZPPPM");
        double dwell = basis1.GetNumber(path, "BADELT") ?? throw new MrsReadException(path, "no BADELT (dwell time) in $BASIS1.");
        if (!(dwell > 0))
        {
            throw new MrsReadException(path, $"BADELT {dwell} s is not positive.");
        }
        ReaderLimits.CheckSpectralWidth(path, 1 / dwell, "BADELT");
        double ndatab = basis1.GetNumber(path, "NDATAB") ?? throw new MrsReadException(path, "no NDATAB (points) in $BASIS1.");
        if (ndatab != Math.Floor(ndatab))
        {
            throw new MrsReadException(path, $"NDATAB {ndatab} is not a whole number.");
        }
        int points = ReaderLimits.CheckPoints(path, (long)Math.Clamp(ndatab, -1, long.MaxValue / 4), "NDATAB");
        var widths = LcModelText.FieldWidths(basis1.GetString("FMTBAS"));
        double? te = ReaderLimits.CheckTimeMs(path, seqpar?.GetNumber(path, "ECHOT"), "ECHOT");

        var metabolites = new List<BasisMetabolite>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var scaling = BasisEntryScaling.LcModelStart;
        while (LcModelText.AtNamelist(text, pos))
        {
            var list = LcModelText.ParseNamelist(path, text, pos);
            pos = list.End;
            if (list.Name != "BASIS")
            {
                continue; // $NMUSED and anything else describe how the entry was made
            }
            var name = list.GetString("METABO")?.Trim();
            if (string.IsNullOrEmpty(name))
            {
                throw new MrsReadException(path, $"a $BASIS entry (line {LcModelText.LineOf(text, pos)}) has no METABO name.");
            }
            if (!names.Add(name))
            {
                throw new MrsReadException(path, $"METABO '{name}' appears twice.");
            }
            if (metabolites.Count >= MaxEntries)
            {
                throw new MrsReadException(path, $"more than {MaxEntries} basis entries.");
            }
            scaling = scaling.Update(path, name, list, points);
            pos = ReadEntry(path, text, pos, name, points, widths, out var spectrum);
            metabolites.Add(new BasisMetabolite(name, ToFid(scaling.Apply(spectrum))));
        }
        if (LcModelText.SkipBlank(text, pos) < text.Length)
        {
            throw new MrsReadException(path, $"unexpected text at line {LcModelText.LineOf(text, LcModelText.SkipBlank(text, pos))} after the last basis entry.");
        }
        if (metabolites.Count == 0)
        {
            throw new MrsReadException(path, "the basis file holds no $BASIS entries.");
        }
        return new BasisSet(metabolites, mhz, dwell, points, te, path)
        {
            ReferencePpm = LcModelRawReader.LcModelReferencePpm,
            Sequence = Sequence(seqpar?.GetString("SEQ")),
        };
    }

    /// <summary>The sequence SEQ names; LCModel keeps 5 characters of it, so SPECIAL may arrive as 'Speci'.</summary>
    private static string? Sequence(string? seq) =>
        string.Equals(seq?.Trim(), "SPECI", StringComparison.OrdinalIgnoreCase) ? "SPECIAL" : SequenceNames.Technique(seq);

    /// <summary>Reads one entry's numbers (from the line after its $END up to the next namelist); returns the position after them.</summary>
    private static int ReadEntry(string path, string text, int afterEnd, string name, int points, int[]? widths, out Complex[] spectrum)
    {
        int lineBreak = text.IndexOf('\n', afterEnd);
        int start = lineBreak < 0 ? text.Length : lineBreak + 1;
        int stop = start;
        var lines = new List<string>();
        while (stop < text.Length && !LineStartsNamelist(text, stop))
        {
            int next = text.IndexOf('\n', stop);
            int lineStop = next < 0 ? text.Length : next;
            lines.Add(text[stop..lineStop].TrimEnd('\r'));
            stop = next < 0 ? text.Length : next + 1;
            if (lines.Count > 2 * points + 1)
            {
                throw new MrsReadException(path, $"'{name}': more data lines than NDATAB = {points} complex points allow.");
            }
        }
        int FirstLine() => LcModelText.LineOf(text, start);
        var values = new List<double>(2 * points);
        long limit = 2L * points;
        string? error = null;
        bool ok = widths is not null && LcModelText.TryReadFixed(lines, FirstLine, widths, values, limit, out error);
        if (!ok)
        {
            values.Clear();
            if (!LcModelText.TryReadFree(lines, FirstLine, values, limit, out var freeError))
            {
                throw new MrsReadException(path, $"'{name}': the data are not numbers ({error ?? freeError}).");
            }
        }
        if (values.Count != 2 * points)
        {
            throw new MrsReadException(path, $"'{name}' holds {values.Count / 2.0} complex points, NDATAB says {points} (truncated?).");
        }
        spectrum = new Complex[points];
        for (int i = 0; i < points; i++)
        {
            spectrum[i] = new Complex(values[2 * i], values[2 * i + 1]);
        }
        return stop;
    }

    private static bool LineStartsNamelist(string text, int lineStart)
    {
        int i = lineStart;
        while (i < text.Length && text[i] is ' ' or '\t')
        {
            i++;
        }
        return i + 1 < text.Length && text[i] is '$' or '&' && char.IsAsciiLetter(text[i + 1]);
    }

    /// <summary>Inverse FFT, via the forward transform <see cref="SpectralAxis"/> uses: ifft(S) = conj(fft(conj S))/N.</summary>
    internal static Complex[] ToFid(Complex[] spectrum)
    {
        var work = new Complex[spectrum.Length];
        for (int i = 0; i < work.Length; i++)
        {
            work[i] = Complex.Conjugate(spectrum[i]);
        }
        Fourier.Forward(work, FourierOptions.NoScaling);
        for (int i = 0; i < work.Length; i++)
        {
            work[i] = Complex.Conjugate(work[i]) / work.Length;
        }
        return work;
    }
}
