using System.Numerics;
using MathNet.Numerics.LinearAlgebra;

namespace MRSNode.SpinSimulation.Engine;

/// <summary>
/// The Zeeman product basis of n spins ½: state s has spin i down (β, m = −½) where bit i of s is set. Builds the
/// operators the engine needs directly from their matrix elements.
/// </summary>
internal static class ProductBasis
{
    /// <summary>Total magnetic quantum number M = Σ mᵢ of a state.</summary>
    public static double MagneticNumber(int state, int spins) => spins / 2.0 - BitOperations.PopCount((uint)state);

    /// <summary>
    /// The Hamiltonian in rad/s in the rotating frame at the reference: Σ Ωᵢ Izᵢ + Σ 2πJᵢⱼ Iᵢ·Iⱼ with
    /// Ωᵢ = 2π·F0·(reference − δᵢ) (Levitt's sign: a spin upfield of the reference precesses at a positive
    /// frequency, as in <see cref="MRSNode.Spectroscopy.SpectralAxis"/>). The full I·I term keeps strong coupling.
    /// Real and symmetric: Izᵢ Izⱼ is diagonal and IxIx + IyIy = (I⁺I⁻ + I⁻I⁺)/2 is a real flip-flop.
    /// </summary>
    public static Matrix<double> Hamiltonian(CoupledSpins spins, double frequencyMHz, double referencePpm)
    {
        int n = spins.Count, d = spins.Dimension;
        var offsets = spins.ShiftsPpm.Select(ppm => 2 * Math.PI * frequencyMHz * (referencePpm - ppm)).ToArray();
        var h = Matrix<double>.Build.Dense(d, d);
        for (int s = 0; s < d; s++)
        {
            double diagonal = 0;
            for (int i = 0; i < n; i++)
            {
                diagonal += offsets[i] * M(s, i);
                for (int k = i + 1; k < n; k++)
                {
                    double j = 2 * Math.PI * spins.CouplingsHz[i, k];
                    if (j == 0)
                    {
                        continue;
                    }
                    diagonal += j * M(s, i) * M(s, k);
                    if (Bit(s, i) != Bit(s, k))
                    {
                        h[s ^ (1 << i) ^ (1 << k), s] = j / 2;
                    }
                }
            }
            h[s, s] = diagonal;
        }
        return h;
    }

    /// <summary>F⁺ = Σ I⁺ᵢ: lowers no, raises one spin from β to α.</summary>
    public static Matrix<Complex> RaisingOperator(int spins)
    {
        int d = 1 << spins;
        var f = Matrix<Complex>.Build.Dense(d, d);
        for (int s = 0; s < d; s++)
        {
            for (int i = 0; i < spins; i++)
            {
                if (Bit(s, i) == 1)
                {
                    f[s & ~(1 << i), s] = 1;
                }
            }
        }
        return f;
    }

    /// <summary>
    /// exp(−iθ Σ (cosφ Ixᵢ + sinφ Iyᵢ)) over the spins <paramref name="affected"/> selects (all others untouched):
    /// an ideal (instantaneous) pulse of flip θ and phase φ (φ = 0: about x, 90°: about y).
    /// </summary>
    public static Matrix<Complex> Rotation(int spins, double flipRadians, double phaseRadians, Func<int, bool> affected)
    {
        var c = Math.Cos(flipRadians / 2);
        var s = Math.Sin(flipRadians / 2);
        // One spin: cos(θ/2)·1 − i sin(θ/2)·[[0, e^{−iφ}], [e^{iφ}, 0]], rows and columns α, β.
        var single = new Complex[2, 2]
        {
            { c, -Complex.ImaginaryOne * s * Complex.FromPolarCoordinates(1, -phaseRadians) },
            { -Complex.ImaginaryOne * s * Complex.FromPolarCoordinates(1, phaseRadians), c },
        };
        var on = Enumerable.Range(0, spins).Select(affected).ToArray();
        int d = 1 << spins;
        var r = Matrix<Complex>.Build.Dense(d, d);
        for (int row = 0; row < d; row++)
        {
            for (int col = 0; col < d; col++)
            {
                Complex value = Complex.One;
                for (int i = 0; i < spins && value != Complex.Zero; i++)
                {
                    int a = Bit(row, i), b = Bit(col, i);
                    value *= on[i] ? single[a, b] : (a == b ? Complex.One : Complex.Zero);
                }
                r[row, col] = value;
            }
        }
        return r;
    }

    private static int Bit(int state, int spin) => (state >> spin) & 1;

    private static double M(int state, int spin) => Bit(state, spin) == 0 ? 0.5 : -0.5;
}
