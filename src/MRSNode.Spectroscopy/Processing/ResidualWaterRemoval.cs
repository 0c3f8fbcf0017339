using System.Numerics;
using MathNet.Numerics.LinearAlgebra;

namespace MRSNode.Spectroscopy.Processing;

/// <summary>One damped complex exponential: a·e^{iφ}·z^n with z = e^{(−d + 2πif)·Δt}.</summary>
public readonly record struct HlsvdComponent(double FrequencyHz, double DampingPerSecond, Complex Amplitude, double Ppm);

/// <summary>
/// Residual water removal by HSVD (Barkhuijsen 1987; "HLSVD" without the Lanczos step): a Hankel matrix of the
/// first <c>modelPoints</c> FID points (default: those covering 100 ms, at least 512 and at most 1024: a 512-point
/// model at 7 T's 12 kHz spans only 43 ms and leaves a narrow water remainder), a direct SVD (MathNet), the signal subspace of <c>components</c>
/// singular vectors, poles from the shift-invariance of U (least squares), amplitudes by linear least squares;
/// the components inside [lowPpm, highPpm] (default 4.2–5.2) are subtracted from the whole FID. Each pass models
/// the previous pass's residual (<c>passes</c>, default 2: in vivo water lines are not one Lorentzian).
/// </summary>
public sealed class ResidualWaterRemoval(int components = 25, int? modelPoints = null, double lowPpm = 4.2, double highPpm = 5.2, int passes = 2) : IPreprocessingStep
{
    public string Name => "Residual water removal (HLSVD)";

    public (MrsAcquisition Result, StepReport Report) Apply(MrsAcquisition input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var data = (Complex[])input.Data.Clone();
        int count = input.Voxels * input.Averages * input.Coils;
        double removedFraction = 0;
        int removed = 0;
        for (int i = 0; i < count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested(); // an MRSI grid is thousands of these
            var fid = data.AsSpan(i * input.Points, input.Points);
            double before = 0, after = 0;
            for (int pass = 0; pass < passes; pass++)
            {
                foreach (var c in Decompose(fid, input.DwellTimeSeconds, input.Axis))
                {
                    if (c.Ppm < lowPpm || c.Ppm > highPpm)
                    {
                        continue;
                    }
                    removed++;
                    Subtract(fid, c, input.DwellTimeSeconds);
                }
            }
            for (int t = 0; t < Math.Min(16, fid.Length); t++)
            {
                before += input.Data[i * input.Points + t].Magnitude;
                after += fid[t].Magnitude;
            }
            removedFraction += before > 0 ? 1 - after / before : 0;
        }
        // For QC, how well the scanner suppressed water (the first FID: an SVS's average): water before the removal, NAA after it.
        double waterToNaa = WaterToNaa(input.Data.AsSpan(0, input.Points), data.AsSpan(0, input.Points), input.Axis);
        var summary = $"HLSVD ({components} components, {Math.Min(ModelPoints(input.DwellTimeSeconds), input.Points)} points, {passes} pass(es)): removed {removed} component(s) in {lowPpm}–{highPpm} ppm from {count} FID(s); first points reduced by {StepReport.F(100 * removedFraction / count, "0.#")} %";
        return (input.With(data, input.Points, input.Averages, input.Coils, input.Voxels),
            new StepReport(Name, summary, new Dictionary<string, double> { ["RemovedComponents"] = removed, ["FirstPointReduction"] = removedFraction / count, ["ResidualWaterToNaa"] = waterToNaa }));
    }

    /// <summary>
    /// The residual water a suppression left: the largest magnitude within 4.4–5.0 ppm of <paramref name="before"/> over
    /// the largest within 1.9–2.1 ppm (NAA) of <paramref name="after"/> the water's removal (an unsuppressed line's tails
    /// would otherwise raise the NAA region too); phase-independent. Well-suppressed brain spectra measure 1–40, an
    /// unsuppressed one thousands.
    /// </summary>
    public static double WaterToNaa(ReadOnlySpan<Complex> before, ReadOnlySpan<Complex> after, SpectralAxis axis)
    {
        var water = SpectralAxis.Spectrum(before);
        var metabolites = SpectralAxis.Spectrum(after);
        double Max(Complex[] spectrum, double low, double high)
        {
            var (a, b) = FidMath.Bins(axis, low, high);
            double max = 0;
            for (int i = a; i <= b; i++)
            {
                max = Math.Max(max, spectrum[i].Magnitude);
            }
            return max;
        }
        double naa = Max(metabolites, 1.9, 2.1);
        return naa > 0 ? Max(water, 4.4, 5.0) / naa : double.NaN;
    }

    /// <summary>The HSVD model of a FID.</summary>
    public IReadOnlyList<HlsvdComponent> Decompose(ReadOnlySpan<Complex> fid, double dwell, SpectralAxis axis)
    {
        int n = Math.Min(ModelPoints(dwell), fid.Length);
        int columns = n / 2;
        int rows = n - columns + 1;
        var hankel = Matrix<Complex>.Build.Dense(rows, columns);
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < columns; c++)
            {
                hankel[r, c] = fid[r + c];
            }
        }
        int k = Math.Min(components, Math.Min(rows - 1, columns));
        var svd = hankel.Svd(computeVectors: true);
        if (!(svd.S[0].Magnitude > 0))
        {
            return []; // no signal to model (a FID of zeros): MathNet's eigenvalue loop never ends on what follows
        }
        var u = svd.U.SubMatrix(0, rows, 0, k);
        var up = u.SubMatrix(0, rows - 1, 0, k);
        var down = u.SubMatrix(1, rows - 1, 0, k);
        var z = up.QR().Solve(down);
        if (z.Enumerate().Any(v => !double.IsFinite(v.Real) || !double.IsFinite(v.Imaginary)))
        {
            return []; // a degenerate signal subspace: no poles to find, and the eigenvalue loop would not end
        }
        var poles = z.Evd().EigenValues;

        // Amplitudes: least squares of the first n points on the basis z^t.
        var basis = Matrix<Complex>.Build.Dense(n, k);
        for (int j = 0; j < k; j++)
        {
            var p = Complex.One;
            for (int t = 0; t < n; t++)
            {
                basis[t, j] = p;
                p *= poles[j];
            }
        }
        var amplitudes = basis.QR().Solve(MathNet.Numerics.LinearAlgebra.Vector<Complex>.Build.DenseOfArray(fid[..n].ToArray()));
        var result = new List<HlsvdComponent>(k);
        for (int j = 0; j < k; j++)
        {
            double frequency = poles[j].Phase / (2 * Math.PI * dwell);
            double damping = -Math.Log(Math.Max(poles[j].Magnitude, 1e-300)) / dwell;
            result.Add(new HlsvdComponent(frequency, damping, amplitudes[j], axis.ReferencePpm - frequency / axis.FrequencyMHz));
        }
        return result;
    }

    private int ModelPoints(double dwell) => modelPoints ?? Math.Clamp((int)Math.Round(0.1 / dwell), 512, 1024);

    private static void Subtract(Span<Complex> fid, HlsvdComponent c, double dwell)
    {
        // A growing component (numerical) is held flat rather than let grow over the whole FID.
        double damping = Math.Max(c.DampingPerSecond, 0);
        var z = Complex.FromPolarCoordinates(Math.Exp(-damping * dwell), 2 * Math.PI * c.FrequencyHz * dwell);
        var value = c.Amplitude;
        for (int t = 0; t < fid.Length; t++)
        {
            fid[t] -= value;
            value *= z;
        }
    }
}
