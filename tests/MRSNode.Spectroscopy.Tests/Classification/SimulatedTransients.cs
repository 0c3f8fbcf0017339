using System.Numerics;
using MRSNode.Spectroscopy.Readers;
using MRSNode.Spectroscopy.Simulation;
using MRSNode.TestSupport;

namespace MRSNode.Spectroscopy.Tests.Classification;

/// <summary>
/// Single-voxel transients from the simulator: unedited, or interleaved MEGA-style (edit OFF, ON, OFF, ON, …) where the
/// ON transients lose a fraction of the NAA singlet, as MEGA's 1.9 ppm editing pulse saturates NAA at 2.01 ppm.
/// </summary>
internal static class SimulatedTransients
{
    private static readonly Lazy<BasisSet> _basis = new(() => LcModelBasisReader.Read(TestData.Path("mrs/ismrm2016/press3T_30ms.BASIS")));

    /// <param name="naaLossOn">Fraction of NAA lost in the ON transients (0: unedited).</param>
    /// <param name="snr">SNR of the mean of all transients, as the simulator defines it.</param>
    public static MrsAcquisition Create(int transients, double naaLossOn, double snr, int seed)
    {
        var simulator = new SpectrumSimulator(_basis.Value, new SimulationParameters
        {
            Snr = ValueRange.Fixed(1e12),
            ResidualWater = false,
            Baseline = false,
        });
        var clean = simulator.SimulateOne(0, seed);
        var off = clean.Acquisition.Fid().ToArray();
        var naa = simulator.Components(clean.Truth)["NAA"];
        double naaAmplitude = clean.Truth.Amplitudes["NAA"];
        int points = off.Length;
        // The simulator's noise SD for this SNR in one spectrum, times √N per transient so that the mean has that SNR.
        double sd = clean.Truth.NoiseSd * 1e12 / snr * Math.Sqrt(transients);
        var random = new Random(seed + 1);
        var data = new Complex[transients * points];
        for (int a = 0; a < transients; a++)
        {
            bool on = a % 2 == 1;
            for (int t = 0; t < points; t++)
            {
                var signal = on ? off[t] - naaLossOn * naaAmplitude * naa[t] : off[t];
                data[a * points + t] = signal + new Complex(sd * StandardNormal.Draw(random), sd * StandardNormal.Draw(random));
            }
        }
        return clean.Acquisition.With(data, points, transients, 1, 1);
    }
}
