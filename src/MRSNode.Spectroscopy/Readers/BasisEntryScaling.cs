using System.Numerics;

namespace MRSNode.Spectroscopy.Readers;

/// <summary>
/// What LCModel does to one $BASIS entry's spectrum before fitting (LCModel.f, reading NAMELIST BASIS): multiply by
/// SCALE = TRAMP/(VOLUME·CONC), so amplitudes come out in concentration units, and shift it cyclically by ISHIFT grid
/// points (entry j takes the value of point j + ISHIFT; positive ISHIFT moves the spectrum toward larger ppm).
/// A Fortran namelist read keeps the previous value of a key the record leaves out, so each entry starts from the last.
/// </summary>
internal readonly record struct BasisEntryScaling(double Conc, double Tramp, double Volume, int Shift)
{
    /// <summary>LCModel's values before the first entry: CONC = TRAMP = VOLUME = 1, ISHIFT = 0.</summary>
    public static BasisEntryScaling LcModelStart => new(1, 1, 1, 0);

    public double Scale => Tramp / (Volume * Conc);

    /// <summary>This entry's values: the keys it states, the previous entry's for the rest.</summary>
    public BasisEntryScaling Update(string path, string metabolite, Namelist entry, int points)
    {
        var next = new BasisEntryScaling(
            entry.GetNumber(path, "CONC") ?? Conc,
            entry.GetNumber(path, "TRAMP") ?? Tramp,
            entry.GetNumber(path, "VOLUME") ?? Volume,
            Shift);
        if (!(next.Conc > 0 && next.Tramp > 0 && next.Volume > 0) || !double.IsFinite(next.Scale) || next.Scale == 0)
        {
            throw new MrsReadException(path, $"'{metabolite}': CONC {next.Conc}, TRAMP {next.Tramp} and VOLUME {next.Volume} must be positive (LCModel refuses them too).");
        }
        if (entry.GetNumber(path, "ISHIFT") is { } shift)
        {
            if (shift != Math.Floor(shift) || Math.Abs(shift) >= points)
            {
                throw new MrsReadException(path, $"'{metabolite}': ISHIFT = {shift} is not a whole number of points below NDATAB = {points}.");
            }
            next = next with { Shift = (int)shift };
        }
        return next;
    }

    /// <summary>The spectrum as LCModel fits it: scaled, then point j taken from j + ISHIFT (cyclic).</summary>
    public Complex[] Apply(Complex[] spectrum)
    {
        int n = spectrum.Length;
        var result = new Complex[n];
        for (int j = 0; j < n; j++)
        {
            result[j] = spectrum[((j + Shift) % n + n) % n] * Scale;
        }
        return result;
    }
}
