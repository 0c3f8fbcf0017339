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

    public (MrsAcquisition Result, StepReport Report) Apply(MrsAcquisition input)
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
        double maxPhase = 0;
        for (int v = 0; v < input.Voxels; v++)
        {
            var w = water.Fid(v);
            var correction = new Complex[n];
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
                }
            }
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
        var summary = $"subtracted the water reference's phase from {input.Averages * input.Coils * input.Voxels} FID(s) over {n} points; max |water phase| in the first 100 ms {StepReport.F(maxPhase * 180 / Math.PI, "0.#")}°";
        return (input.With(data, input.Points, input.Averages, input.Coils, input.Voxels),
            new StepReport(Name, summary, new Dictionary<string, double> { ["Points"] = n, ["MaxWaterPhaseDeg"] = maxPhase * 180 / Math.PI }));
    }
}
