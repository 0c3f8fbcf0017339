using System.Numerics;

namespace MRSNode.Spectroscopy.Processing;

/// <summary>
/// Zero-order phasing that maximises the real part of the reference peak region (± <c>halfWidthPpm</c>) (closed form: −arg of the
/// region's complex sum), then an optional given first-order phase in degrees per ppm about the reference peak.
/// </summary>
public sealed class Phasing(ReferencePeak? peak = null, double firstOrderDegreesPerPpm = 0, double halfWidthPpm = 0.05) : IPreprocessingStep
{
    public string Name => "Phasing";

    public (MrsAcquisition Result, StepReport Report) Apply(MrsAcquisition input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var target = peak ?? ReferencePeak.For(input.Role);
        var axis = input.Axis;
        var data = (Complex[])input.Data.Clone();
        int count = input.Voxels * input.Averages * input.Coils;
        var phases = new double[count];
        for (int i = 0; i < count; i++)
        {
            var fid = data.AsSpan(i * input.Points, input.Points);
            var spectrum = SpectralAxis.Spectrum(fid);
            var sum = PeakRegionSum(fid, axis, target, halfWidthPpm);
            double phi0 = -sum.Phase;
            phases[i] = phi0;
            if (firstOrderDegreesPerPpm == 0)
            {
                FidMath.ShiftAndPhase(fid, input.DwellTimeSeconds, 0, phi0);
                continue;
            }
            double phi1 = firstOrderDegreesPerPpm * Math.PI / 180;
            for (int k = 0; k < spectrum.Length; k++)
            {
                spectrum[k] *= Complex.FromPolarCoordinates(1, phi0 + phi1 * (axis.Ppm(k) - target.Ppm));
            }
            FidMath.FromSpectrum(spectrum).CopyTo(fid);
        }
        double mean = Math.Atan2(phases.Average(Math.Sin), phases.Average(Math.Cos)) * 180 / Math.PI;
        var summary = $"zero-order {StepReport.F(mean, "0.#")}° on {target.Name} ({target.Ppm} ppm)" + (firstOrderDegreesPerPpm == 0 ? "" : $", first-order {StepReport.F(firstOrderDegreesPerPpm)}°/ppm");
        var values = new Dictionary<string, double> { ["ZeroOrderDeg"] = mean, ["FirstOrderDegPerPpm"] = firstOrderDegreesPerPpm };
        return (input.With(data, input.Points, input.Averages, input.Coils, input.Voxels), new StepReport(Name, summary, values) { Series = new Dictionary<string, double[]> { ["ZeroOrderDeg"] = phases.Select(p => p * 180 / Math.PI).ToArray() } });
    }

    /// <summary>
    /// The complex sum of the ×16 zero-filled spectrum over ± <paramref name="halfWidthPpm"/> centred on the
    /// largest magnitude within the peak's window: symmetric about the peak, so its own dispersion cancels.
    /// </summary>
    internal static Complex PeakRegionSum(ReadOnlySpan<Complex> fid, SpectralAxis axis, ReferencePeak target, double halfWidthPpm)
    {
        int n = 1 << (int)Math.Ceiling(Math.Log2(16.0 * fid.Length));
        var padded = new Complex[n];
        fid.CopyTo(padded);
        var spectrum = SpectralAxis.Spectrum(padded);
        var fine = new SpectralAxis(n, axis.SpectralWidthHz, axis.FrequencyMHz, axis.ReferencePpm);
        var (a, b) = FidMath.Bins(fine, Math.Max(target.LowPpm, target.Ppm - 0.1), Math.Min(target.HighPpm, target.Ppm + 0.1));
        int peak = a;
        for (int k = a; k <= b; k++)
        {
            if (spectrum[k].Magnitude > spectrum[peak].Magnitude)
            {
                peak = k;
            }
        }
        int half = (int)Math.Round(halfWidthPpm * axis.FrequencyMHz / fine.HzPerPoint);
        Complex sum = Complex.Zero;
        for (int k = Math.Max(0, peak - half); k <= Math.Min(n - 1, peak + half); k++)
        {
            sum += spectrum[k];
        }
        return sum;
    }
}
