using System.Numerics;

namespace MRSNode.SpinSimulation.Engine;

/// <summary>
/// Turns spectral lines into a FID: fid[n] = Σ a·exp(i2πf·n·dt)·exp(−π·LW·n·dt), with an optional Lorentzian line
/// width LW (FWHM, Hz; 0 = none). Lines at the same frequency are merged first (equivalent transitions are many).
/// </summary>
internal static class FidSynthesis
{
    /// <summary>Lines closer than this (Hz) are one line; far below any resolvable difference.</summary>
    private const double MergeToleranceHz = 1e-6;

    /// <summary>Lines weaker than this fraction of the sum of all amplitudes are numerical residue of cancelled terms.</summary>
    private const double NegligibleFraction = 1e-12;

    public static Complex[] Fid(IReadOnlyList<SpectralLine> lines, int points, double spectralWidthHz, double linewidthHz, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var merged = Merge(lines);
        double dt = 1 / spectralWidthHz;
        var fid = new Complex[points];
        double decay = Math.Exp(-Math.PI * linewidthHz * dt);
        foreach (var line in merged)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // Recurrence z ← z·w: error grows as n·ε (1e-12 at 4096 points); restarted every 512 points all the same.
            var step = Complex.FromPolarCoordinates(decay, 2 * Math.PI * line.FrequencyHz * dt);
            for (int start = 0; start < points; start += 512)
            {
                var z = line.Amplitude * Complex.FromPolarCoordinates(Math.Pow(decay, start), 2 * Math.PI * line.FrequencyHz * dt * start);
                int stop = Math.Min(points, start + 512);
                for (int n = start; n < stop; n++)
                {
                    fid[n] += z;
                    z *= step;
                }
            }
        }
        return fid;
    }

    private static List<SpectralLine> Merge(IReadOnlyList<SpectralLine> lines)
    {
        var merged = new List<SpectralLine>();
        foreach (var line in lines.OrderBy(l => l.FrequencyHz))
        {
            if (merged.Count > 0 && line.FrequencyHz - merged[^1].FrequencyHz < MergeToleranceHz)
            {
                merged[^1] = merged[^1] with { Amplitude = merged[^1].Amplitude + line.Amplitude };
            }
            else
            {
                merged.Add(line);
            }
        }
        double total = merged.Sum(l => l.Amplitude.Magnitude);
        return merged.Where(l => l.Amplitude.Magnitude > NegligibleFraction * total).ToList();
    }
}
