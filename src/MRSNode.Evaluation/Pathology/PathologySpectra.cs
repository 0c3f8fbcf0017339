using System.Numerics;
using MRSNode.Spectroscopy;
using MRSNode.Spectroscopy.Processing;
using MRSNode.Spectroscopy.Simulation;

namespace MRSNode.Evaluation.Pathology;

/// <summary>
/// Builds a case's spectra: noise-free from the basis (<see cref="SpectrumSimulator"/>, the case's amplitudes and
/// lipids, a lineshape shared by all metabolites up to ±0.5 Hz and 3–4 Hz, Gaussian 3–5 Hz, any zero-order phase,
/// ±3°/ppm, measured MM 0.8–1.2, smooth baseline), then noise. "SNR x" is the noise of a healthy spectrum at SNR x
/// from the same voxel (its NAA peak height over the noise SD), so a case with low NAA is not given less noise.
/// </summary>
public sealed class PathologySpectra(BasisSet basis)
{
    /// <summary>The simulation of <paramref name="pathology"/>'s noise-free spectrum.</summary>
    internal static SimulationParameters Parameters(PathologyCase pathology) => new()
    {
        Amplitudes = pathology.Amplitudes.ToDictionary(p => p.Key, p => ValueRange.Fixed(p.Value), StringComparer.OrdinalIgnoreCase),
        LipidLines = pathology.Lipids,
        WaterAmplitude = pathology.ResidualWater,
        FrequencyShiftHz = new(-0.5, 0.5),
        DampingHz = new(3, 4),
        GaussianHz = new(3, 5),
        FirstOrderPhaseDegPerPpm = new(-3, 3),
        MmScale = new(0.8, 1.2),
        MmExtraDampingHz = new(0, 2),
        Snr = ValueRange.Fixed(0), // noise-free: the noise is added here
    };

    /// <summary>One noisy realisation of <paramref name="pathology"/> at <paramref name="snr"/>; the same seed gives the same spectrum.</summary>
    public MrsAcquisition Build(PathologyCase pathology, double snr, int seed)
    {
        ArgumentNullException.ThrowIfNull(pathology);
        var clean = new SpectrumSimulator(basis, Parameters(pathology)).SimulateOne(0, seed).Acquisition;
        // The healthy spectrum with the same seed draws the same lineshapes: its NAA height sets the noise.
        var healthy = new SpectrumSimulator(basis, Parameters(PathologyCases.Standard[0])).SimulateOne(0, seed).Truth;
        double noiseSd = healthy.NaaPeakHeight / (snr * Math.Sqrt(clean.Points));
        var random = new Random(unchecked(seed * 31 + 17));
        if (pathology.Transients is not { } transients)
        {
            var fid = clean.Data.ToArray();
            AddNoise(fid, noiseSd, random);
            return clean.With(fid, clean.Points, 1, 1, 1);
        }
        return Transients(clean, transients, noiseSd, random);
    }

    /// <summary>
    /// Transients whose average has the requested noise: each gets noise × √N, small drift, and the corrupted ones
    /// (spread evenly) a motion-like shift, phase and loss of signal.
    /// </summary>
    private static MrsAcquisition Transients(MrsAcquisition clean, TransientCorruption corruption, double noiseSd, Random random)
    {
        int n = corruption.Transients, points = clean.Points;
        var data = new Complex[n * points];
        double dwell = 1 / clean.SpectralWidthHz;
        var corrupted = Enumerable.Range(0, corruption.Corrupted).Select(k => (2 * k + 1) * n / (2 * corruption.Corrupted)).ToHashSet();
        for (int k = 0; k < n; k++)
        {
            var transient = data.AsSpan(k * points, points);
            clean.Data.AsSpan(0, points).CopyTo(transient);
            double shift = corruption.DriftHz * (2 * random.NextDouble() - 1);
            double phase = corruption.DriftPhaseDegrees * (2 * random.NextDouble() - 1);
            double scale = 1;
            if (corrupted.Contains(k))
            {
                shift += corruption.CorruptionShiftHz;
                phase += corruption.CorruptionPhaseDegrees;
                scale = corruption.CorruptionScale;
            }
            FidMath.ShiftAndPhase(transient, dwell, shift, phase * Math.PI / 180);
            for (int t = 0; t < points; t++)
            {
                transient[t] *= scale;
            }
            AddNoise(transient, noiseSd * Math.Sqrt(n), random);
        }
        return clean.Copy(data, points, n, 1, 1, clean.Role, n, clean.Provenance);
    }

    private static void AddNoise(Span<Complex> fid, double sd, Random random)
    {
        for (int t = 0; t < fid.Length; t++)
        {
            fid[t] += new Complex(sd * StandardNormal.Draw(random), sd * StandardNormal.Draw(random));
        }
    }
}
