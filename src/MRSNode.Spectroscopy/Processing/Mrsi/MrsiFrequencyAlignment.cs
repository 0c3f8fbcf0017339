using System.Numerics;

namespace MRSNode.Spectroscopy.Processing.Mrsi;

/// <summary>
/// Aligns the spectra of an MRSI grid in frequency, voxel by voxel: the shift map comes from the water reference's
/// peak (4.2–5.2 ppm, the same grid) when there is one, else from the metabolite singlets: the voxel's magnitude
/// spectrum cross-correlated with a template of NAA 2.01, Cr 3.03 and Cho 3.21 ppm (±0.2 ppm searched, ×4 zero-filled,
/// parabola-refined) — robust where one peak is low (a lesion's NAA) or overlapped (lipid at 2.05) — then refined on
/// the creatine peak.
/// Only the <c>targets</c> voxels are shifted; the map is NaN elsewhere.
/// </summary>
public sealed class MrsiFrequencyAlignment(MrsAcquisition? waterReference = null)
{
    public const string Name = "Frequency alignment across voxels";
    private const double SearchPpm = 0.2;
    private static readonly double[] _templatePpm = [2.01, 3.03, 3.21];

    public (MrsAcquisition Result, StepReport Report) Apply(MrsAcquisition input, IReadOnlyList<bool> targets, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(targets);
        if (input.Averages != 1 || input.Coils != 1)
        {
            throw new ArgumentException("Combine coils and average transients before aligning voxels.", nameof(input));
        }
        if (waterReference is not null && waterReference.Voxels != input.Voxels)
        {
            throw new ArgumentException($"The water reference has {waterReference.Voxels} voxels, the metabolite grid {input.Voxels}.", nameof(input));
        }
        var data = (Complex[])input.Data.Clone();
        var shifts = new double[input.Voxels];
        Array.Fill(shifts, double.NaN);
        for (int v = 0; v < input.Voxels; v++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!targets[v])
            {
                continue;
            }
            double offsetPpm = waterReference is not null
                ? FidMath.PeakPpm(waterReference.Fid(v), waterReference.Axis, 4.2, 5.2) - 4.7
                : MetaboliteOffsetPpm(input.Fid(v), input.Axis);
            // ppm = ref − f/F0: a peak found offsetPpm too high moves down by offsetPpm·F0 Hz.
            shifts[v] = offsetPpm * input.TransmitterFrequencyMHz;
            FidMath.ShiftAndPhase(data.AsSpan(v * input.Points, input.Points), input.DwellTimeSeconds, shifts[v], 0);
        }
        var found = shifts.Where(double.IsFinite).ToList();
        var values = new Dictionary<string, double>
        {
            ["Voxels"] = found.Count,
            ["MeanShiftHz"] = found.Count > 0 ? found.Average() : 0,
            ["ShiftSdHz"] = found.Count > 1 ? FidMath.Sd(found) : 0,
            ["ShiftRangeHz"] = found.Count > 0 ? found.Max() - found.Min() : 0,
        };
        var summary = $"{found.Count} voxel(s) aligned on {(waterReference is null ? "NAA/Cr/Cho" : "the water reference")}: shift {StepReport.F(values["MeanShiftHz"])} ± {StepReport.F(values["ShiftSdHz"])} Hz (range {StepReport.F(values["ShiftRangeHz"])} Hz)";
        return (input.With(data, input.Points, 1, 1, input.Voxels), new StepReport(Name, summary, values) { Series = new Dictionary<string, double[]> { ["ShiftHz"] = shifts } });
    }

    /// <summary>
    /// The template's offset, refined on the creatine singlet (3.027 ppm, the strongest line the lesion keeps) within
    /// ±0.04 ppm of where the template put it: the template's sum over three broad windows is biased by the lines beside them.
    /// </summary>
    internal static double MetaboliteOffsetPpm(ReadOnlySpan<Complex> fid, SpectralAxis axis)
    {
        const double creatine = 3.027, window = 0.04;
        double coarse = TemplateOffsetPpm(fid, axis);
        double found = FidMath.PeakPpm(fid, axis, creatine + coarse - window, creatine + coarse + window) - creatine;
        return Math.Abs(found - coarse) < 0.9 * window ? found : coarse;
    }

    /// <summary>How far (ppm, positive = too high) the voxel's NAA/Cr/Cho pattern sits from where it belongs.</summary>
    internal static double TemplateOffsetPpm(ReadOnlySpan<Complex> fid, SpectralAxis axis)
    {
        int n = 1 << (int)Math.Ceiling(Math.Log2(4.0 * fid.Length));
        var padded = new Complex[n];
        fid.CopyTo(padded);
        var spectrum = SpectralAxis.Spectrum(padded);
        var fine = new SpectralAxis(n, axis.SpectralWidthHz, axis.FrequencyMHz, axis.ReferencePpm);
        double ppmPerBin = fine.HzPerPoint / fine.FrequencyMHz;
        int search = (int)Math.Ceiling(SearchPpm / ppmPerBin);
        int halfWidth = Math.Max(1, (int)Math.Round(0.03 / ppmPerBin));
        var centres = _templatePpm.Select(p => (int)Math.Round(fine.IndexOf(p))).ToArray();
        var scores = new double[2 * search + 1];
        for (int s = -search; s <= search; s++)
        {
            double score = 0;
            foreach (var c in centres)
            {
                for (int k = c + s - halfWidth; k <= c + s + halfWidth; k++)
                {
                    if (k >= 0 && k < n)
                    {
                        score += spectrum[k].Magnitude;
                    }
                }
            }
            scores[s + search] = score;
        }
        int best = Array.IndexOf(scores, scores.Max());
        double offset = 0;
        if (best > 0 && best < scores.Length - 1)
        {
            double y0 = scores[best - 1], y1 = scores[best], y2 = scores[best + 1], denominator = y0 - 2 * y1 + y2;
            offset = denominator < 0 ? Math.Clamp(0.5 * (y0 - y2) / denominator, -0.5, 0.5) : 0;
        }
        // Bin index grows as ppm falls: a pattern found at +s bins sits s·ppmPerBin lower than the template.
        return -(best - search + offset) * ppmPerBin;
    }
}
