using System.Numerics;
using MathNet.Numerics.LinearAlgebra;

namespace MRSNode.SpinSimulation.Engine;

/// <summary>
/// The (deviation) density matrix of one spin system, held in its <see cref="EigenFrame"/>: starts at thermal
/// equilibrium ρ = Fz, then pulses rotate it, free evolution turns each element's phase, filters drop coherence
/// orders, and the readout lists the observable transitions.
/// </summary>
internal sealed class DensityMatrix
{
    private readonly EigenFrame _frame;
    private Matrix<Complex> _rho;

    public DensityMatrix(EigenFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        _frame = frame;
        // Fz is diagonal in any basis of definite M.
        _rho = Matrix<Complex>.Build.DenseOfDiagonalArray(frame.MagneticNumbers.Select(m => new Complex(m, 0)).ToArray());
    }

    private DensityMatrix(EigenFrame frame, Matrix<Complex> rho)
    {
        _frame = frame;
        _rho = rho;
    }

    public Complex this[int row, int column] => _rho[row, column];

    /// <summary>An independent copy, to run one branch of a position average on.</summary>
    public DensityMatrix Copy() => new(_frame, _rho.Clone());

    /// <summary>weight·Σ ρ over density matrices of one frame (a position integral).</summary>
    public static DensityMatrix WeightedSum(IReadOnlyList<DensityMatrix> matrices, double weight)
    {
        ArgumentNullException.ThrowIfNull(matrices);
        var sum = matrices[0]._rho.Clone();
        for (int k = 1; k < matrices.Count; k++)
        {
            sum.Add(matrices[k]._rho, sum);
        }
        return new DensityMatrix(matrices[0]._frame, sum.Multiply(weight));
    }

    /// <summary>ρ ← R ρ R† for a rotation already in this frame.</summary>
    public void Rotate(Matrix<Complex> rotationInFrame) => _rho = rotationInFrame * _rho.ConjugateTransposeAndMultiply(rotationInFrame);

    /// <summary>ρ_rs ← ρ_rs·exp(−i(E_r − E_s)t).</summary>
    public void Evolve(double seconds)
    {
        var e = _frame.Energies;
        int d = _frame.Dimension;
        for (int r = 0; r < d; r++)
        {
            for (int s = 0; s < d; s++)
            {
                var value = _rho[r, s];
                if (value != Complex.Zero)
                {
                    _rho[r, s] = value * Complex.FromPolarCoordinates(1, -(e[r] - e[s]) * seconds);
                }
            }
        }
    }

    /// <summary>Keeps only the elements of coherence order M_r − M_s = <paramref name="order"/>.</summary>
    public void KeepCoherenceOrder(int order)
    {
        var m = _frame.MagneticNumbers;
        int d = _frame.Dimension;
        for (int r = 0; r < d; r++)
        {
            for (int s = 0; s < d; s++)
            {
                if (Math.Abs(m[r] - m[s] - order) > 0.25)
                {
                    _rho[r, s] = Complex.Zero;
                }
            }
        }
    }

    /// <summary>
    /// The signal from here on as lines: s(t) = scale·Tr(ρ(t) F⁺) = Σ scale·ρ_rs F⁺_sr·exp(i(E_s − E_r)t), so the
    /// frequency of element (r, s) is (E_s − E_r)/2π Hz. Only p = −1 elements meet F⁺.
    /// </summary>
    public void AddTransitions(Matrix<Complex> raisingInFrame, double scale, List<SpectralLine> lines)
    {
        ArgumentNullException.ThrowIfNull(raisingInFrame);
        ArgumentNullException.ThrowIfNull(lines);
        var e = _frame.Energies;
        var m = _frame.MagneticNumbers;
        int d = _frame.Dimension;
        for (int r = 0; r < d; r++)
        {
            for (int s = 0; s < d; s++)
            {
                if (Math.Abs(m[r] - m[s] + 1) > 0.25)
                {
                    continue;
                }
                var amplitude = scale * _rho[r, s] * raisingInFrame[s, r];
                if (amplitude != Complex.Zero)
                {
                    lines.Add(new SpectralLine((e[s] - e[r]) / (2 * Math.PI), amplitude));
                }
            }
        }
    }
}
