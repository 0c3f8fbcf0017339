using System.Numerics;

namespace MRSNode.Spectroscopy.Processing;

/// <summary>
/// Weighted coil combination: w_c = conj(s_c(0)) / σ_c², with s_c(0) the first point (or the mean of the first
/// <c>firstPoints</c>) of the coil's FID averaged over transients (or of the water reference's, when given) and σ_c the noise SD from
/// the FID tail. Weights are normalised to Σ|w_c| = 1; the same weights apply to every transient.
/// </summary>
public sealed class CoilCombination(MrsAcquisition? waterReference = null, int firstPoints = 1) : IPreprocessingStep
{
    public string Name => "Coil combination";

    public (MrsAcquisition Result, StepReport Report) Apply(MrsAcquisition input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Coils == 1)
        {
            return (input, new StepReport(Name, "single coil: nothing to combine", new Dictionary<string, double> { ["Coils"] = 1 }));
        }
        var source = waterReference ?? input;
        if (source.Coils != input.Coils || source.Voxels != input.Voxels)
        {
            throw new ArgumentException($"The water reference has {source.Coils} coils × {source.Voxels} voxels, the metabolite data {input.Coils} × {input.Voxels}.", nameof(input));
        }
        int points = input.Points;
        var result = new Complex[input.Voxels * input.Averages * points];
        double[] weightMagnitudes = new double[input.Coils];
        for (int v = 0; v < input.Voxels; v++)
        {
            var weights = Weights(source, v);
            for (int c = 0; c < input.Coils; c++)
            {
                weightMagnitudes[c] += weights[c].Magnitude / input.Voxels;
            }
            for (int a = 0; a < input.Averages; a++)
            {
                var target = result.AsSpan((v * input.Averages + a) * points, points);
                for (int c = 0; c < input.Coils; c++)
                {
                    var fid = input.Fid(v, a, c);
                    var w = weights[c];
                    for (int t = 0; t < points; t++)
                    {
                        target[t] += w * fid[t];
                    }
                }
            }
        }
        var combined = input.With(result, points, input.Averages, 1, input.Voxels);
        var summary = $"combined {input.Coils} coils ({(waterReference is null ? "own" : "water-reference")} first points, tail noise): weights {string.Join("/", weightMagnitudes.Select(w => StepReport.F(w, "0.00")))}";
        var values = new Dictionary<string, double> { ["Coils"] = input.Coils, ["MaxWeight"] = weightMagnitudes.Max(), ["MinWeight"] = weightMagnitudes.Min() };
        return (combined, new StepReport(Name, summary, values) { Series = new Dictionary<string, double[]> { ["Weight"] = weightMagnitudes } });
    }

    private Complex[] Weights(MrsAcquisition source, int voxel)
    {
        var weights = new Complex[source.Coils];
        double total = 0;
        for (int c = 0; c < source.Coils; c++)
        {
            Complex s0 = Complex.Zero;
            double noise = 0;
            for (int a = 0; a < source.Averages; a++)
            {
                var fid = source.Fid(voxel, a, c);
                int n = Math.Min(firstPoints, fid.Length);
                for (int t = 0; t < n; t++)
                {
                    s0 += fid[t] / n;
                }
                noise += FidMath.TailNoiseSd(fid);
            }
            s0 /= source.Averages;
            noise /= source.Averages;
            double variance = noise > 0 ? noise * noise : 1;
            weights[c] = Complex.Conjugate(s0) / variance;
            total += weights[c].Magnitude;
        }
        if (total > 0)
        {
            for (int c = 0; c < weights.Length; c++)
            {
                weights[c] /= total;
            }
        }
        return weights;
    }
}
