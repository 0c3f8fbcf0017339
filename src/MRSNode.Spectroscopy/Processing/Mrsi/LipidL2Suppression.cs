using System.Numerics;
using MathNet.Numerics.LinearAlgebra;

namespace MRSNode.Spectroscopy.Processing.Mrsi;

/// <summary>
/// Lipid suppression by L2 regularisation with a lipid basis (Bilgic et al. 2014, MRM 72:1283): each brain voxel's FID
/// x₀ becomes x = argmin ‖x − x₀‖² + β‖Lᴴx‖² = (I + βLLᴴ)⁻¹x₀, with L the FIDs of the lipid-ring voxels. Through the
/// eigen-decomposition of the ring's Gram matrix LᴴL = VΛVᴴ (u_k = Lv_k/√λ_k) this is x₀ − Σ_k βλ_k/(1+βλ_k)·(u_kᴴx₀)·u_k:
/// strong ring components are removed almost entirely, weak (noise) ones hardly at all. At most
/// <c>maxComponents</c> strongest components are kept (8,192-voxel grids). β is the largest of a log grid
/// (β·λ_max from 10⁻² to 10⁶) that takes at most <c>maxMetaboliteChange</c> of the energy of any of the NAA, Cr and
/// Cho singlets: metabolites unlike the ring spectra are kept, what resembles the ring (its 2.05 ppm line overlaps NAA) goes. The report
/// gives the brain voxels' energy ratios in 0.5–1.85 ppm (lipid) and 2.9–3.35 ppm (Cr, Cho) after/before.
/// </summary>
public sealed class LipidL2Suppression(int maxComponents = 64, double maxMetaboliteChange = 0.03)
{
    public const string Name = "Lipid suppression (L2, ring lipid basis)";
    private static readonly double[] _singletPpm = [2.01, 3.027, 3.21];
    private const double LipidLowPpm = 0.5, LipidHighPpm = 1.85, MetaboliteLowPpm = 2.9, MetaboliteHighPpm = 3.35;

    /// <summary>Suppresses lipid in the <paramref name="targets"/> voxels with the basis from the <paramref name="ring"/> voxels; averages and coils must be combined.</summary>
    public (MrsAcquisition Result, StepReport Report) Apply(MrsAcquisition input, IReadOnlyList<bool> targets, IReadOnlyList<bool> ring, CancellationToken cancellationToken = default)
    {
        var (result, report, _) = Run(input, targets, ring, cancellationToken);
        return (result, report);
    }

    /// <summary><see cref="Apply"/>, with the filter it designed (null when skipped), to apply the same filter to other data.</summary>
    public (MrsAcquisition Result, StepReport Report, LipidFilter? Filter) Run(MrsAcquisition input, IReadOnlyList<bool> targets, IReadOnlyList<bool> ring, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(ring);
        if (input.Averages != 1 || input.Coils != 1)
        {
            throw new ArgumentException("Combine coils and average transients before lipid suppression.", nameof(input));
        }
        var ringVoxels = Enumerable.Range(0, input.Voxels).Where(v => ring[v]).ToArray();
        var targetVoxels = Enumerable.Range(0, input.Voxels).Where(v => targets[v] && !ring[v]).ToArray();
        if (ringVoxels.Length == 0 || targetVoxels.Length == 0)
        {
            return (input, new StepReport(Name, $"skipped: {ringVoxels.Length} lipid-ring voxel(s), {targetVoxels.Length} brain voxel(s)",
                new Dictionary<string, double> { ["RingVoxels"] = ringVoxels.Length, ["Beta"] = 0, ["LipidBandRatio"] = 1, ["MetaboliteBandRatio"] = 1 }), null);
        }
        int n = input.Points;
        var axis = input.Axis;

        // Orthonormal lipid components u_k (columns) and their eigenvalues λ_k, strongest first.
        var lipid = Matrix<Complex>.Build.Dense(n, ringVoxels.Length, (t, j) => input.Fid(ringVoxels[j])[t]);
        var evd = lipid.ConjugateTranspose().Multiply(lipid).Evd(MathNet.Numerics.LinearAlgebra.Symmetricity.Hermitian);
        var order = Enumerable.Range(0, ringVoxels.Length).OrderByDescending(k => evd.EigenValues[k].Real).ToArray();
        double top = evd.EigenValues[order[0]].Real;
        var kept = order.Where(k => evd.EigenValues[k].Real > 1e-12 * top).Take(maxComponents).ToArray();
        var lambda = kept.Select(k => evd.EigenValues[k].Real).ToArray();
        var components = new Complex[kept.Length][];
        for (int i = 0; i < kept.Length; i++)
        {
            var u = lipid.Multiply(evd.EigenVectors.Column(kept[i])).Divide(Math.Sqrt(lambda[i]));
            components[i] = u.ToArray();
        }

        // Coefficients c = Uᴴx₀ per brain voxel; spectra of the voxels and components for the band energies.
        var coefficients = new Complex[targetVoxels.Length][];
        var (la, lb) = FidMath.Bins(axis, LipidLowPpm, LipidHighPpm);
        var (ma, mb) = FidMath.Bins(axis, MetaboliteLowPpm, MetaboliteHighPpm);
        var voxelSpectra = new Complex[targetVoxels.Length][];
        for (int i = 0; i < targetVoxels.Length; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var x = input.Fid(targetVoxels[i]).ToArray();
            coefficients[i] = [.. components.Select(u => Dot(u, x))];
            voxelSpectra[i] = SpectralAxis.Spectrum(x);
        }
        var componentSpectra = components.Select(u => SpectralAxis.Spectrum(u)).ToArray();

        double lipidBefore = BandEnergy(voxelSpectra, componentSpectra, coefficients, lambda, 0, la, lb);
        double metaboliteBefore = BandEnergy(voxelSpectra, componentSpectra, coefficients, lambda, 0, ma, mb);
        double beta = 0;
        var templates = MetaboliteTemplates(input);
        var templateCoefficients = templates.Select(m => components.Select(u => Dot(u, m)).ToArray()).ToArray();
        var templateEnergies = templates.Select(m => m.Sum(z => z.Real * z.Real + z.Imaginary * z.Imaginary)).ToArray();
        for (double scaled = 1e-2; scaled <= 1e6; scaled *= Math.Pow(10, 0.25))
        {
            double candidate = scaled / top;
            // The energy the filter takes from one singlet: Σ_k w_k(2 − w_k)|u_kᴴm|² (orthonormal u_k); the worst singlet counts.
            double worst = 0;
            for (int j = 0; j < templates.Length; j++)
            {
                double removed = 0;
                for (int k = 0; k < components.Length; k++)
                {
                    double w = candidate * lambda[k] / (1 + candidate * lambda[k]);
                    var c = templateCoefficients[j][k];
                    removed += w * (2 - w) * (c.Real * c.Real + c.Imaginary * c.Imaginary);
                }
                worst = Math.Max(worst, removed / templateEnergies[j]);
            }
            if (worst > maxMetaboliteChange)
            {
                break;
            }
            beta = candidate;
        }

        var data = (Complex[])input.Data.Clone();
        var lipidRatio = new double[input.Voxels];
        Array.Fill(lipidRatio, double.NaN);
        for (int i = 0; i < targetVoxels.Length; i++)
        {
            var fid = data.AsSpan(targetVoxels[i] * n, n);
            for (int k = 0; k < components.Length; k++)
            {
                var weight = beta * lambda[k] / (1 + beta * lambda[k]) * coefficients[i][k];
                var u = components[k];
                for (int t = 0; t < n; t++)
                {
                    fid[t] -= weight * u[t];
                }
            }
            double before = Energy(voxelSpectra[i], la, lb);
            lipidRatio[targetVoxels[i]] = before > 0 ? Energy(SpectralAxis.Spectrum(fid), la, lb) / before : 1;
        }
        double lipidAfter = BandEnergy(voxelSpectra, componentSpectra, coefficients, lambda, beta, la, lb);
        double metaboliteAfter = BandEnergy(voxelSpectra, componentSpectra, coefficients, lambda, beta, ma, mb);
        var values = new Dictionary<string, double>
        {
            ["RingVoxels"] = ringVoxels.Length,
            ["LipidComponents"] = components.Length,
            ["Beta"] = beta,
            ["BetaTimesLambdaMax"] = beta * top,
            ["LipidBandRatio"] = lipidAfter / lipidBefore,
            ["MetaboliteBandRatio"] = metaboliteAfter / metaboliteBefore,
        };
        var summary = $"{components.Length} lipid component(s) from {ringVoxels.Length} ring voxel(s), β·λmax {StepReport.F(beta * top, "0.###E+0")}: "
            + $"0.5–1.85 ppm energy of {targetVoxels.Length} brain voxel(s) × {StepReport.F(lipidAfter / lipidBefore, "0.###")}, 2.9–3.35 ppm × {StepReport.F(metaboliteAfter / metaboliteBefore, "0.###")}";
        return (input.With(data, n, 1, 1, input.Voxels), new StepReport(Name, summary, values) { Series = new Dictionary<string, double[]> { ["LipidBandRatio"] = lipidRatio } },
            new LipidFilter(components, lambda, beta));
    }

    /// <summary>NAA (2.01 ppm), Cr (3.027) and Cho (3.21) singlets, each a 6 Hz Lorentzian: what the filter must keep.</summary>
    private static Complex[][] MetaboliteTemplates(MrsAcquisition input) =>
    [
        .. _singletPpm.Select(ppm =>
        {
            var fid = new Complex[input.Points];
            double f = (input.ReferencePpm - ppm) * input.TransmitterFrequencyMHz;
            for (int t = 0; t < fid.Length; t++)
            {
                double time = t * input.DwellTimeSeconds;
                fid[t] = Complex.FromPolarCoordinates(Math.Exp(-Math.PI * 6 * time), 2 * Math.PI * f * time);
            }
            return fid;
        }),
    ];

    /// <summary>Σ over voxels of the band energy of x̂₀ − Σ_k w_k c_k û_k with w_k = βλ_k/(1+βλ_k).</summary>
    private static double BandEnergy(Complex[][] voxels, Complex[][] components, Complex[][] coefficients, double[] lambda, double beta, int first, int last)
    {
        double total = 0;
        var weights = lambda.Select(l => beta * l / (1 + beta * l)).ToArray();
        for (int i = 0; i < voxels.Length; i++)
        {
            for (int bin = first; bin <= last; bin++)
            {
                var value = voxels[i][bin];
                for (int k = 0; k < components.Length; k++)
                {
                    value -= weights[k] * coefficients[i][k] * components[k][bin];
                }
                total += value.Real * value.Real + value.Imaginary * value.Imaginary;
            }
        }
        return total;
    }

    private static double Energy(Complex[] spectrum, int first, int last)
    {
        double sum = 0;
        for (int k = first; k <= last; k++)
        {
            sum += spectrum[k].Real * spectrum[k].Real + spectrum[k].Imaginary * spectrum[k].Imaginary;
        }
        return sum;
    }

    /// <summary>uᴴx.</summary>
    private static Complex Dot(Complex[] u, Complex[] x)
    {
        Complex sum = Complex.Zero;
        for (int t = 0; t < u.Length; t++)
        {
            sum += Complex.Conjugate(u[t]) * x[t];
        }
        return sum;
    }
}

/// <summary>The designed filter x ↦ x − Σ_k βλ_k/(1+βλ_k)·(u_kᴴx)·u_k: linear, so applied to a lipid-free copy of the data it shows what it does to the metabolites alone.</summary>
public sealed class LipidFilter(Complex[][] components, double[] lambda, double beta)
{
    public double Beta => beta;

    public int Components => components.Length;

    public Complex[] Apply(ReadOnlySpan<Complex> fid)
    {
        var result = fid.ToArray();
        for (int k = 0; k < components.Length; k++)
        {
            var u = components[k];
            Complex c = Complex.Zero;
            for (int t = 0; t < u.Length; t++)
            {
                c += Complex.Conjugate(u[t]) * fid[t];
            }
            var weight = beta * lambda[k] / (1 + beta * lambda[k]) * c;
            for (int t = 0; t < u.Length; t++)
            {
                result[t] -= weight * u[t];
            }
        }
        return result;
    }
}
