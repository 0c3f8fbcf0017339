using System.Numerics;
using MRSNode.Spectroscopy;

namespace MRSNode.Quantification;

/// <summary>
/// Puts a basis set onto a data set's time grid and chemical-shift axis. Each component is moved from its basis frequency
/// to the frequency the same ppm has on the data's axis: f_data = (ref_data − ppm)·F0_data with
/// ppm = ref_basis − f_basis/F0_basis, i.e. f_data = r·f_basis + Δ (see <see cref="ResampleFid"/>); components
/// outside the data's band are dropped (frequency-domain truncation), time beyond the basis's
/// acquisition is zero. The area (the FID's first point) is kept, so amplitudes keep their meaning.
/// </summary>
public static class BasisResampler
{
    /// <summary>Resamples every metabolite, without its 0 ppm reference singlet (<see cref="BasisReferenceLine"/>) unless <paramref name="removeReference"/> is false.</summary>
    public static BasisSet Resample(BasisSet basis, SpectralAxis target, bool removeReference = true)
    {
        ArgumentNullException.ThrowIfNull(basis);
        var metabolites = basis.Metabolites
            .Select(m => new BasisMetabolite(m.Name, ResampleFid(removeReference ? BasisReferenceLine.Remove(m, basis.Axis) : m.Fid, basis.Axis, target)))
            .ToList();
        return new BasisSet(metabolites, target.FrequencyMHz, 1.0 / target.SpectralWidthHz, target.Points, basis.EchoTimeMs, basis.Source)
        {
            ReferencePpm = target.ReferencePpm,
        };
    }

    /// <summary>Oversampling of the basis FID (frequency-domain zero-padding) before cubic interpolation in time.</summary>
    public const int Oversampling = 4;

    /// <summary>
    /// One FID from the <paramref name="source"/> axis onto the <paramref name="target"/> axis. With r = F0_target/F0_source
    /// and Δ = (ref_target − ref_source)·F0_target the result is b(r·t)·exp(i2πΔt): b is evaluated on the data's times by
    /// cubic (Catmull–Rom) interpolation of the basis FID oversampled ×4 by zero-padding its spectrum.
    /// </summary>
    public static Complex[] ResampleFid(ReadOnlySpan<Complex> fid, SpectralAxis source, SpectralAxis target)
    {
        int nb = fid.Length;
        var spectrum = SpectralAxis.Spectrum(fid);
        double r = target.FrequencyMHz / source.FrequencyMHz;
        double delta = (target.ReferencePpm - source.ReferencePpm) * target.FrequencyMHz;
        double halfBand = target.SpectralWidthHz / 2;
        int nf = nb * Oversampling;
        var fine = new Complex[nf];
        for (int k = 0; k < nb; k++)
        {
            double ppm = source.Ppm(k);
            double f = (target.ReferencePpm - ppm) * target.FrequencyMHz;
            if (f < -halfBand || f >= halfBand)
            {
                continue;
            }
            // Shifted bin k has signed index k − nb/2; place it in the unshifted fine array.
            int signed = k - nb / 2;
            fine[signed >= 0 ? signed : nf + signed] = spectrum[k] / nb;
        }
        MathNet.Numerics.IntegralTransforms.Fourier.Inverse(fine, MathNet.Numerics.IntegralTransforms.FourierOptions.NoScaling);
        int nd = target.Points;
        double fineDwell = 1.0 / source.SpectralWidthHz / Oversampling;
        double dwell = 1.0 / target.SpectralWidthHz;
        int lastFine = nb * Oversampling - 1; // the basis's acquisition ends here; beyond it the result is zero.
        var result = new Complex[nd];
        for (int n = 0; n < nd; n++)
        {
            double t = n * dwell;
            double x = r * t / fineDwell;
            int i = (int)Math.Floor(x);
            if (i >= lastFine)
            {
                break;
            }
            double u = x - i;
            var p0 = i > 0 ? fine[i - 1] : fine[0];
            var p1 = fine[i];
            var p2 = fine[i + 1];
            var p3 = i + 2 <= lastFine ? fine[i + 2] : fine[lastFine];
            var value = p1 + 0.5 * u * (p2 - p0 + u * (2.0 * p0 - 5.0 * p1 + 4.0 * p2 - p3 + u * (3.0 * (p1 - p2) + p3 - p0)));
            double arg = 2 * Math.PI * delta * t;
            result[n] = value * new Complex(Math.Cos(arg), Math.Sin(arg));
        }
        return result;
    }
}
