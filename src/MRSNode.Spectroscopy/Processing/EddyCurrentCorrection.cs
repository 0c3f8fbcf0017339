using System.Numerics;

namespace MRSNode.Spectroscopy.Processing;

/// <summary>
/// Eddy-current correction (Klose, MRM 1990): the water reference's phase φ_w(t), after its coils are combined
/// and its transients averaged, is subtracted point by point from every metabolite FID. The water reference must
/// have one coil (run <see cref="CoilCombination"/> on it first); its transients are averaged here.
/// </summary>
public sealed class EddyCurrentCorrection(MrsAcquisition waterReference) : IPreprocessingStep
{
    public string Name => "Eddy-current correction";

    public (MrsAcquisition Result, StepReport Report) Apply(MrsAcquisition input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(waterReference);
        if (waterReference.Coils != 1)
        {
            throw new InvalidOperationException($"The water reference still has {waterReference.Coils} coils: combine them first.");
        }
        if (waterReference.Voxels != input.Voxels)
        {
            throw new ArgumentException($"The water reference has {waterReference.Voxels} voxels, the metabolite data {input.Voxels}.", nameof(input));
        }
        var water = waterReference.AverageTransients();
        int n = Math.Min(water.Points, input.Points);
        var data = (Complex[])input.Data.Clone();
        double maxPhase = 0, maxResidual = 0;
        for (int v = 0; v < input.Voxels; v++)
        {
            var w = water.Fid(v);
            var correction = new Complex[n];
            var early = new List<double>();
            double previous = 0, unwrapped = 0;
            for (int t = 0; t < n; t++)
            {
                double p = w[t].Phase;
                double d = p - previous;
                d -= 2 * Math.PI * Math.Round(d / (2 * Math.PI));
                unwrapped = t == 0 ? p : unwrapped + d;
                previous = p;
                correction[t] = Complex.FromPolarCoordinates(1, -p);
                if (t * water.DwellTimeSeconds <= 0.1)
                {
                    maxPhase = Math.Max(maxPhase, Math.Abs(unwrapped));
                    early.Add(unwrapped);
                }
            }
            maxResidual = Math.Max(maxResidual, LineResidual(early));
            for (int a = 0; a < input.Averages; a++)
            {
                for (int c = 0; c < input.Coils; c++)
                {
                    var fid = data.AsSpan(((v * input.Averages + a) * input.Coils + c) * input.Points, input.Points);
                    for (int t = 0; t < n; t++)
                    {
                        fid[t] *= correction[t];
                    }
                }
            }
        }
        var summary = $"subtracted the water reference's phase from {input.Averages * input.Coils * input.Voxels} FID(s) over {n} points; max |water phase| in the first 100 ms {StepReport.F(maxPhase * 180 / Math.PI, "0.#")}°, of which {StepReport.F(maxResidual * 180 / Math.PI, "0.#")}° is not a constant frequency offset (eddy currents)";
        return (input.With(data, input.Points, input.Averages, input.Coils, input.Voxels),
            new StepReport(Name, summary, new Dictionary<string, double> { ["Points"] = n, ["MaxWaterPhaseDeg"] = maxPhase * 180 / Math.PI, ["MaxNonLinearPhaseDeg"] = maxResidual * 180 / Math.PI }));
    }

    /// <summary>The largest deviation of a phase curve from its least-squares straight line.</summary>
    private static double LineResidual(List<double> y)
    {
        int n = y.Count;
        if (n < 3)
        {
            return 0;
        }
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        for (int i = 0; i < n; i++)
        {
            sx += i;
            sy += y[i];
            sxx += (double)i * i;
            sxy += i * y[i];
        }
        double slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
        double intercept = (sy - slope * sx) / n;
        double max = 0;
        for (int i = 0; i < n; i++)
        {
            max = Math.Max(max, Math.Abs(y[i] - intercept - slope * i));
        }
        return max;
    }
}
