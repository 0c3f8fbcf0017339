using System.Numerics;

namespace MRSNode.Spectroscopy.Processing;

/// <summary>A peak to reference on: its ppm and the window searched for it.</summary>
public sealed record ReferencePeak(string Name, double Ppm, double LowPpm, double HighPpm)
{
    public static readonly ReferencePeak Naa = new("NAA", 2.01, 1.8, 2.25);
    public static readonly ReferencePeak Creatine = new("Cr", 3.03, 2.9, 3.15);
    public static readonly ReferencePeak Water = new("water", 4.7, 4.2, 5.2);

    /// <summary>NAA for metabolite data, water for water references.</summary>
    public static ReferencePeak For(AcquisitionRole role) => role == AcquisitionRole.WaterReference ? Water : Naa;
}

/// <summary>
/// Shifts every FID so that a reference peak (by role: NAA 2.01 ppm for metabolite data, water 4.7 ppm for water
/// references, or a given peak) lands at its ppm. The peak is found per voxel on the sum of magnitude spectra
/// (zero-filled, parabola-refined).
/// </summary>
public sealed class FrequencyReferencing(ReferencePeak? peak = null) : IPreprocessingStep
{
    public string Name => "Frequency referencing";

    public (MrsAcquisition Result, StepReport Report) Apply(MrsAcquisition input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var target = peak ?? ReferencePeak.For(input.Role);
        var data = (Complex[])input.Data.Clone();
        var shifts = new double[input.Voxels];
        int per = input.Averages * input.Coils;
        for (int v = 0; v < input.Voxels; v++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // The coherent sum of the voxel's FIDs after aligning their first-point phases.
            var sum = new Complex[input.Points];
            for (int i = 0; i < per; i++)
            {
                var fid = input.Data.AsSpan((v * per + i) * input.Points, input.Points);
                var rotate = Complex.FromPolarCoordinates(1, -fid[0].Phase);
                for (int t = 0; t < input.Points; t++)
                {
                    sum[t] += fid[t] * rotate;
                }
            }
            double found = FidMath.PeakPpm(sum, input.Axis, target.LowPpm, target.HighPpm);
            // ppm = ref − f/F0: moving from found to target needs Δf = (found − target)·F0.
            double shiftHz = (found - target.Ppm) * input.TransmitterFrequencyMHz;
            shifts[v] = shiftHz;
            for (int i = 0; i < per; i++)
            {
                FidMath.ShiftAndPhase(data.AsSpan((v * per + i) * input.Points, input.Points), input.DwellTimeSeconds, shiftHz, 0);
            }
        }
        double mean = shifts.Average();
        var summary = $"{target.Name} referenced to {StepReport.F(target.Ppm)} ppm: shifted {StepReport.F(mean)} Hz ({StepReport.F(mean / input.TransmitterFrequencyMHz, "0.###")} ppm)";
        var values = new Dictionary<string, double> { ["ShiftHz"] = mean, ["ShiftPpm"] = mean / input.TransmitterFrequencyMHz, ["TargetPpm"] = target.Ppm };
        return (input.With(data, input.Points, input.Averages, input.Coils, input.Voxels), new StepReport(Name, summary, values) { Series = new Dictionary<string, double[]> { ["ShiftHz"] = shifts } });
    }
}
