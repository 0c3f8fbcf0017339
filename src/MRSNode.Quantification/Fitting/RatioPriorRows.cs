namespace MRSNode.Quantification.Fitting;

/// <summary>
/// The ratio priors' residual rows in one pass of the fit: row k is σ·w_k·c_kᵀa (σ the data's noise SD, w_k the
/// prior's 1 / (ĉ_sum·SD) from the preliminary pass, c_k its constraint over the amplitudes a). None in the
/// preliminary pass. Immutable.
/// </summary>
internal sealed class RatioPriorRows
{
    private readonly ResolvedRatioPrior[] _priors;
    private readonly double _priorScale;
    private readonly double[] _weights;

    public RatioPriorRows(ResolvedRatioPrior[] priors, double priorScale, double[] weights)
    {
        _priors = priors;
        _priorScale = priorScale;
        _weights = weights;
    }

    public static RatioPriorRows None { get; } = new([], 0, []);

    public int Count => _weights.Length;

    /// <summary>Row k's value at the amplitudes (and whatever follows them in <paramref name="x"/>).</summary>
    public double Row(int k, double[] x) => _priorScale * _weights[k] * Vectors.Dot(_priors[k].Constraint, x);

    /// <summary>
    /// Row k of a projected Jacobian column [v; 0] − Ã·z, given s = c_kᵀz: the row is σ·w_k·c_kᵀa = 0 − (−σ·w_k·c_kᵀ)·a,
    /// so Ã's row is −σ·w_k·c_kᵀ and the projection leaves +σ·w_k·s (with the opposite sign the gradient Jᵀr was wrong).
    /// </summary>
    public double ProjectedRow(int k, double s) => _priorScale * _weights[k] * s;

    public double[] Constraint(int k) => _priors[k].Constraint;

    /// <summary>Adds the rows' normal matrix to the amplitude block of a Gram matrix: Σ (σ w_k)² c_k c_kᵀ.</summary>
    public void AddTo(double[,] gram)
    {
        for (int k = 0; k < _weights.Length; k++)
        {
            var c = _priors[k].Constraint;
            double s2 = _priorScale * _weights[k] * _priorScale * _weights[k];
            for (int i = 0; i < c.Length; i++)
            {
                for (int j = 0; j < c.Length; j++)
                {
                    gram[i, j] += s2 * c[i] * c[j];
                }
            }
        }
    }

    /// <summary>The priors that applied, each with how many prior SDs the amplitudes end from it.</summary>
    public IReadOnlyList<AppliedRatioPrior> Applied(double[] amplitudes) =>
        Enumerable.Range(0, _weights.Length).Where(k => _weights[k] > 0)
            .Select(k => new AppliedRatioPrior(_priors[k].Prior, _weights[k] * Vectors.Dot(_priors[k].Constraint, amplitudes)))
            .ToArray();
}
