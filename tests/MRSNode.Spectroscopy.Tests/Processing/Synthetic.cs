using System.Numerics;

namespace MRSNode.Spectroscopy.Tests.Processing;

/// <summary>Synthetic FIDs with known peaks (ppm, amplitude, Lorentzian FWHM Hz) at 3 T.</summary>
internal static class Synthetic
{
    public const double Mhz = 123.2;
    public const double Sw = 4000;
    public const double Reference = 4.7;
    public const int Points = 2048;

    public static readonly (double Ppm, double Amplitude, double WidthHz)[] Brain =
        [(2.01, 1.0, 4), (3.03, 0.8, 4), (3.21, 0.6, 4), (3.56, 0.3, 6)];

    public static Complex[] Fid((double Ppm, double Amplitude, double WidthHz)[] peaks, double shiftHz = 0, double phase = 0, int points = Points, double noise = 0, Random? random = null)
    {
        var fid = new Complex[points];
        foreach (var (ppm, amplitude, width) in peaks)
        {
            double f = (Reference - ppm) * Mhz + shiftHz;
            for (int n = 0; n < points; n++)
            {
                double t = n / Sw;
                fid[n] += Complex.FromPolarCoordinates(amplitude * Math.Exp(-Math.PI * width * t), phase + 2 * Math.PI * f * t);
            }
        }
        if (noise > 0)
        {
            random ??= new Random(1);
            for (int n = 0; n < points; n++)
            {
                fid[n] += new Complex(noise * Gauss(random), noise * Gauss(random));
            }
        }
        return fid;
    }

    public static double Gauss(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    public static MrsAcquisition Acquisition(Complex[] data, int points = Points, int averages = 1, int coils = 1, AcquisitionRole role = AcquisitionRole.Metabolite) =>
        new(data, points, averages, coils)
        {
            SpectralWidthHz = Sw,
            TransmitterFrequencyMHz = Mhz,
            ReferencePpm = Reference,
            Role = role,
            Provenance = new Provenance { SourceFormat = "synthetic" },
        };
}
