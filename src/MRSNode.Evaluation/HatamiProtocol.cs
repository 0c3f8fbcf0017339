using System.Numerics;
using MRSNode.Evaluation.Training;
using MRSNode.Pipeline;
using MRSNode.Spectroscopy;
using MRSNode.Spectroscopy.Simulation;

namespace MRSNode.Evaluation;

/// <summary>
/// The test protocol of Hatami et al. 2018 on a basis set: every metabolite's amplitude uniform in [0, 1] (the MM
/// entry's scale too), per-metabolite frequency shift uniform in ±10 Hz and Lorentzian damping uniform in 0–10 Hz,
/// no phase errors, Gaussian, baseline or water; complex white noise with SD = |FID(0)| / SNR per component
/// (their SNR: first-point intensity over the noise SD); SNR ∞ is noise-free.
/// </summary>
public static class HatamiProtocol
{
    public static SimulationParameters Parameters(BasisSet basis) => SimulationProtocols.Hatami(basis, ValueRange.Fixed(double.PositiveInfinity));

    /// <summary><paramref name="count"/> spectra at first-point SNR <paramref name="snr"/> (∞: no noise); the same seed gives the same truth at every SNR.</summary>
    public static IReadOnlyList<SimulatedSpectrum> Simulate(BasisSet basis, int count, double snr, int seed)
    {
        var clean = new SpectrumSimulator(basis, Parameters(basis)).Simulate(count, seed);
        if (!double.IsFinite(snr))
        {
            return clean;
        }
        var random = new Random(seed ^ 0x5A5A5A);
        return clean.Select(s =>
        {
            var a = s.Acquisition;
            var fid = a.Fid().ToArray();
            double sd = fid[0].Magnitude / snr;
            for (int t = 0; t < fid.Length; t++)
            {
                fid[t] += new Complex(sd * StandardNormal.Draw(random), sd * StandardNormal.Draw(random));
            }
            var noisy = new MrsAcquisition(fid, fid.Length)
            {
                SpectralWidthHz = a.SpectralWidthHz,
                TransmitterFrequencyMHz = a.TransmitterFrequencyMHz,
                ReferencePpm = a.ReferencePpm,
                EchoTimeMs = a.EchoTimeMs,
                Role = AcquisitionRole.Metabolite,
                Provenance = a.Provenance,
            };
            return new SimulatedSpectrum(noisy, s.Truth with { Snr = snr, NoiseSd = sd });
        }).ToList();
    }
}
