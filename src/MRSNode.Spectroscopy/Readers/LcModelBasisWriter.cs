using System.Globalization;
using System.Numerics;
using System.Text;
using MathNet.Numerics.IntegralTransforms;

namespace MRSNode.Spectroscopy.Readers;

/// <summary>The header values of a written .BASIS that a <see cref="BasisSet"/> does not carry.</summary>
public sealed record LcModelBasisHeader
{
    /// <summary>IDBASI: the basis set's name.</summary>
    public string Id { get; init; } = "MRSNode";

    /// <summary>FWHMBA: the linewidth (ppm) of the basis lines; LCModel's default for simulated basis sets is 0.013.</summary>
    public double LinewidthPpm { get; init; } = 0.013;
}

/// <summary>
/// Writes a <see cref="BasisSet"/> as an LCModel .BASIS file, the exact inverse of <see cref="LcModelBasisReader"/>:
/// $SEQPAR (FWHMBA, HZPPPM, ECHOT, SEQ), $BASIS1 (IDBASI, FMTBAS, BADELT, NDATAB), then per metabolite $NMUSED (the
/// source), $BASIS (METABO, CONC = TRAMP = VOLUME = 1, ISHIFT = 0) and its spectrum: the forward FFT of the FID with no
/// scaling, in FFT order (bin 0 = transmitter), no conjugation. LCModel puts its default PPMCEN, 4.65 ppm, at the
/// transmitter, so a basis whose <see cref="BasisSet.ReferencePpm"/> differs is shifted in frequency to keep every line
/// at its ppm. The numbers are written as (6E17.9): nine significant digits, beyond single precision, so a file read
/// back gives the FIDs to float precision (LCModel itself writes 5 digits).
/// </summary>
public static class LcModelBasisWriter
{
    /// <summary>The ppm LCModel assumes at the centre of a basis spectrum (PPMCEN's default).</summary>
    public const double LcModelCentrePpm = 4.65;

    private const string Format = "(6E17.9)";
    private const int PerLine = 6, Width = 17, Digits = 9;

    /// <summary>Writes the file (its text in full, so a failure leaves no file half-written by this call).</summary>
    public static void Write(BasisSet basis, string path, LcModelBasisHeader? header = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        File.WriteAllText(path, ToText(basis, header), Encoding.ASCII);
    }

    public static void Write(BasisSet basis, TextWriter writer, LcModelBasisHeader? header = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(ToText(basis, header));
    }

    public static string ToText(BasisSet basis, LcModelBasisHeader? header = null)
    {
        ArgumentNullException.ThrowIfNull(basis);
        header ??= new LcModelBasisHeader();
        var sb = new StringBuilder();
        sb.Append(" $SEQPAR\n");
        sb.Append(Invariant($" FWHMBA = {Number(header.LinewidthPpm)},\n"));
        sb.Append(Invariant($" HZPPPM = {Number(basis.FrequencyMHz)},\n"));
        sb.Append(Invariant($" ECHOT = {Number(basis.EchoTimeMs ?? -1)},\n"));
        sb.Append(Invariant($" SEQ = {Quoted(basis.Sequence ?? " ")}\n"));
        sb.Append(" $END\n $BASIS1\n");
        sb.Append(Invariant($" IDBASI = {Quoted(header.Id)},\n"));
        sb.Append(Invariant($" FMTBAS = '{Format}',\n"));
        sb.Append(Invariant($" BADELT = {Number(basis.DwellTimeSeconds)},\n"));
        sb.Append(Invariant($" NDATAB = {basis.Points}\n"));
        sb.Append(" $END\n");
        double shiftHz = (LcModelCentrePpm - basis.ReferencePpm) * basis.FrequencyMHz;
        foreach (var metabolite in basis.Metabolites)
        {
            if (metabolite.Fid.Length != basis.Points)
            {
                throw new ArgumentException($"'{metabolite.Name}' has {metabolite.Fid.Length} points, the basis set {basis.Points}.", nameof(basis));
            }
            sb.Append(Invariant($" $NMUSED\n FILRAW = {Quoted(basis.Source)}\n $END\n"));
            sb.Append(Invariant($" $BASIS\n ID = {Quoted(metabolite.Name)},\n METABO = {Quoted(metabolite.Name)},\n CONC = 1.,\n TRAMP = 1.,\n VOLUME = 1.,\n ISHIFT = 0\n $END\n"));
            AppendNumbers(sb, ToSpectrum(metabolite.Fid, shiftHz * basis.DwellTimeSeconds));
        }
        return sb.ToString();
    }

    /// <summary>The stored spectrum: FFT (no scaling) of the FID, after a shift of <paramref name="cyclesPerPoint"/>.</summary>
    internal static Complex[] ToSpectrum(Complex[] fid, double cyclesPerPoint)
    {
        var work = new Complex[fid.Length];
        for (int t = 0; t < work.Length; t++)
        {
            work[t] = cyclesPerPoint == 0 ? fid[t] : fid[t] * Complex.FromPolarCoordinates(1, 2 * Math.PI * cyclesPerPoint * t);
        }
        Fourier.Forward(work, FourierOptions.NoScaling);
        return work;
    }

    private static void AppendNumbers(StringBuilder sb, Complex[] spectrum)
    {
        int n = 0;
        foreach (var z in spectrum)
        {
            sb.Append(FortranE(z.Real));
            sb.Append(FortranE(z.Imaginary));
            n += 2;
            if (n % PerLine == 0)
            {
                sb.Append('\n');
            }
        }
        if (n % PerLine != 0)
        {
            sb.Append('\n');
        }
    }

    /// <summary>Fortran Ew.d, "-0.123456789E+01" right-aligned; magnitudes below 1e-99 (no two-digit exponent) as 0.</summary>
    internal static string FortranE(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentException($"a basis value is not finite ({value}).", nameof(value));
        }
        double a = Math.Abs(value);
        if (a < 1e-99)
        {
            return ("0." + new string('0', Digits) + "E+00").PadLeft(Width);
        }
        // "E" format gives d.ddd…E±xx; Fortran's 0.ddd… mantissa is the same digits with the exponent one higher.
        var s = a.ToString("E" + (Digits - 1).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        int e = s.IndexOf('E', StringComparison.Ordinal);
        string digits = s[..e].Replace(".", "", StringComparison.Ordinal);
        int exponent = int.Parse(s.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture) + 1;
        if (exponent > 99)
        {
            throw new ArgumentException($"a basis value is too large for the format ({value}).", nameof(value));
        }
        if (exponent < -99)
        {
            return ("0." + new string('0', Digits) + "E+00").PadLeft(Width);
        }
        var text = (value < 0 ? "-" : "") + "0." + digits + "E" + (exponent < 0 ? "-" : "+") + Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture);
        return text.PadLeft(Width);
    }

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Quoted(string text) => "'" + new string(text.Select(c => char.IsControl(c) ? ' ' : c).ToArray()).Replace("'", "''", StringComparison.Ordinal) + "'";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
