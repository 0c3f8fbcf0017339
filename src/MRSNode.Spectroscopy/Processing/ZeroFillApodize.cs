using System.Numerics;

namespace MRSNode.Spectroscopy.Processing;

/// <summary>
/// Exponential (Lorentzian line broadening, Hz: e^{−π·lb·t}) and Gaussian (FWHM in Hz: e^{−(π·gb·t)²/(4 ln 2)})
/// apodisation, then zero-filling to <c>points</c> (no truncation: fewer points than held is refused).
/// </summary>
public sealed class ZeroFillApodize(int? points = null, double lorentzianHz = 0, double gaussianHz = 0) : IPreprocessingStep
{
    public string Name => "Zero-fill and apodise";

    public (MrsAcquisition Result, StepReport Report) Apply(MrsAcquisition input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        int n = points ?? input.Points;
        if (n < input.Points)
        {
            throw new ArgumentException($"Zero-filling to {n} points would truncate the {input.Points}-point FID.", nameof(input));
        }
        var window = Window(input.Points, input.DwellTimeSeconds, lorentzianHz, gaussianHz);
        int count = input.Voxels * input.Averages * input.Coils;
        var data = new Complex[count * n];
        for (int i = 0; i < count; i++)
        {
            var source = input.Data.AsSpan(i * input.Points, input.Points);
            var target = data.AsSpan(i * n, n);
            for (int t = 0; t < input.Points; t++)
            {
                target[t] = source[t] * window[t];
            }
        }
        var summary = $"zero-filled {input.Points} → {n} points; apodised {StepReport.F(lorentzianHz)} Hz exponential, {StepReport.F(gaussianHz)} Hz Gaussian";
        var values = new Dictionary<string, double> { ["Points"] = n, ["LorentzianHz"] = lorentzianHz, ["GaussianHz"] = gaussianHz };
        return (input.With(data, n, input.Averages, input.Coils, input.Voxels), new StepReport(Name, summary, values));
    }

    /// <summary>The apodisation window.</summary>
    public static double[] Window(int points, double dwellSeconds, double lorentzianHz, double gaussianHz)
    {
        var w = new double[points];
        for (int t = 0; t < points; t++)
        {
            double time = t * dwellSeconds;
            double g = Math.PI * gaussianHz * time;
            w[t] = Math.Exp(-Math.PI * lorentzianHz * time - g * g / (4 * Math.Log(2)));
        }
        return w;
    }
}
