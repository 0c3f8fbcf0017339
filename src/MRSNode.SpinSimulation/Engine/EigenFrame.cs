using System.Numerics;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;

namespace MRSNode.SpinSimulation.Engine;

/// <summary>
/// The Hamiltonian's eigenbasis, found block by block: H commutes with Fz, so each block of equal total M is
/// diagonalised alone and every eigenstate keeps a definite M. Free evolution is then a phase per density-matrix
/// element, and coherence orders (M_r − M_s) can be filtered in this frame directly.
/// </summary>
internal sealed class EigenFrame
{
    private readonly Matrix<Complex> _vectors;

    private EigenFrame(CoupledSpins spins, double[] energies, double[] magneticNumbers, Matrix<Complex> vectors)
    {
        Spins = spins;
        Energies = energies;
        MagneticNumbers = magneticNumbers;
        _vectors = vectors;
    }

    public CoupledSpins Spins { get; }

    /// <summary>Eigenvalues of H in rad/s.</summary>
    public IReadOnlyList<double> Energies { get; }

    /// <summary>Total M of each eigenstate.</summary>
    public IReadOnlyList<double> MagneticNumbers { get; }

    public int Dimension => Energies.Count;

    public static EigenFrame Of(CoupledSpins spins, double frequencyMHz, double referencePpm)
    {
        ArgumentNullException.ThrowIfNull(spins);
        var h = ProductBasis.Hamiltonian(spins, frequencyMHz, referencePpm);
        int d = spins.Dimension;
        var energies = new double[d];
        var magnetic = new double[d];
        var vectors = Matrix<Complex>.Build.Dense(d, d);
        int column = 0;
        foreach (var block in Enumerable.Range(0, d).GroupBy(s => ProductBasis.MagneticNumber(s, spins.Count)))
        {
            var states = block.ToArray();
            var sub = Matrix<double>.Build.Dense(states.Length, states.Length, (r, c) => h[states[r], states[c]]);
            var evd = sub.Evd(Symmetricity.Symmetric);
            for (int k = 0; k < states.Length; k++, column++)
            {
                energies[column] = evd.EigenValues[k].Real;
                magnetic[column] = block.Key;
                for (int r = 0; r < states.Length; r++)
                {
                    vectors[states[r], column] = evd.EigenVectors[r, k];
                }
            }
        }
        return new EigenFrame(spins, energies, magnetic, vectors);
    }

    /// <summary>A product-basis operator in this frame: V† A V.</summary>
    public Matrix<Complex> ToFrame(Matrix<Complex> productBasisOperator) =>
        _vectors.ConjugateTransposeThisAndMultiply(productBasisOperator) * _vectors;
}
