using System.Globalization;
using MRSNode.Quantification.Metabolites;

namespace MRSNode.Quantification.Neural.Serialization;

/// <summary>
/// The spectra a model was trained on (model.json "domain"), in quantities the LCM fit and the QC measure, so a study
/// can be judged inside or outside it: each metabolite's and pool's ratio to tCr, the lineshape FWHM, the SNR and the
/// lipid content. A model knows nothing outside these ranges.
/// </summary>
public sealed record TrainingDomainCard
{
    /// <summary>[low, high] ratio to tCr per metabolite and pool (tCr = Cr + PCr of the training amplitudes).</summary>
    public IReadOnlyDictionary<string, double[]> RatioToTCr { get; init; } = new Dictionary<string, double[]>();
    /// <summary>[low, high] FWHM (Hz) of the lineshape alone (Voigt of the Lorentzian and Gaussian widths), as the LCM reports it.</summary>
    public double[]? LineshapeFwhmHz { get; init; }
    /// <summary>[low, high] SNR (NAA peak height / noise SD, the node's definition).</summary>
    public double[]? Snr { get; init; }
    /// <summary>The largest fitted lipid/tCr the model was trained with (0: no lipids were simulated; a healthy fit finds some lipid-like signal, see <see cref="LipidToTCrTolerance"/>).</summary>
    public double LipidToTCrMax { get; init; }
    /// <summary>The lipid/tCr a fit of a lipid-free spectrum still reports (macromolecule and baseline leak into the lipid components).</summary>
    public double LipidToTCrTolerance { get; init; } = 0.5;

    /// <summary>
    /// The domain of a training run from its card's simulation summary (<see cref="ModelCards.SimulationSummary"/>):
    /// ratio ranges from the amplitude ranges (lowest over the highest tCr, highest over the lowest tCr), pools as the
    /// sums of their members, the lineshape from dampingHz and gaussianHz, the SNR, and the lipids.
    /// </summary>
    public static TrainingDomainCard FromSimulation(IReadOnlyDictionary<string, string> simulation, MetaboliteCatalog? catalog = null)
    {
        ArgumentNullException.ThrowIfNull(simulation);
        catalog ??= MetaboliteCatalog.Standard;
        var amplitudes = simulation.Where(p => p.Key.StartsWith("amplitude.", StringComparison.Ordinal))
            .ToDictionary(p => p.Key["amplitude.".Length..], p => Range(p.Value), StringComparer.OrdinalIgnoreCase);
        (double Low, double High) Sum(IEnumerable<string> names) =>
            names.Where(amplitudes.ContainsKey).Aggregate((0.0, 0.0), (s, n) => (s.Item1 + amplitudes[n][0], s.Item2 + amplitudes[n][1]));
        var names = amplitudes.Keys.ToList();
        var creatine = Sum(catalog.TotalCreatine.MemberIndices(names)?.Select(i => names[i]) ?? []);
        var ratios = new SortedDictionary<string, double[]>(StringComparer.Ordinal);
        if (creatine.High > 0 && creatine.Low > 0)
        {
            foreach (var (name, r) in amplitudes)
            {
                ratios[name] = [Round(r[0] / creatine.High), Round(r[1] / creatine.Low)];
            }
            foreach (var pool in catalog.Pools)
            {
                if (pool.MemberIndices(names) is { } members)
                {
                    var s = Sum(members.Select(i => names[i]));
                    ratios[pool.Name] = [Round(s.Low / creatine.High), Round(s.High / creatine.Low)];
                }
            }
        }
        double[]? lineshape = null;
        if (simulation.TryGetValue("dampingHz", out var d) && simulation.TryGetValue("gaussianHz", out var g))
        {
            var (l, gg) = (Range(d), Range(g));
            lineshape = [Round(QualityMetrics.VoigtFwhmHz(l[0], gg[0])), Round(QualityMetrics.VoigtFwhmHz(l[1], gg[1]))];
        }
        return new TrainingDomainCard
        {
            RatioToTCr = ratios,
            LineshapeFwhmHz = lineshape,
            Snr = simulation.TryGetValue("snr", out var snr) ? Range(snr) : null,
            LipidToTCrMax = simulation.TryGetValue("lipids", out var lipids) && !string.Equals(lipids, "no", StringComparison.Ordinal)
                ? LipidMax(lipids, amplitudes.GetValueOrDefault("NAA"), creatine.Low)
                : 0,
        };
    }

    /// <summary>Two lipid peaks (0.9, 1.3 ppm), each up to the largest amplitude × the NAA integral: over the smallest tCr; unbounded without NAA or tCr ranges.</summary>
    private static double LipidMax(string lipids, double[]? naa, double creatineLow) =>
        naa is { } n && creatineLow > 0 ? Round(2 * Range(lipids)[1] * n[1] / creatineLow) : double.PositiveInfinity;

    private static double Round(double value) => Math.Round(value, 4);

    /// <summary>"[a, b]" (the summary's text, possibly after other words) as [a, b].</summary>
    private static double[] Range(string text)
    {
        int open = text.IndexOf('[', StringComparison.Ordinal), close = text.IndexOf(']', StringComparison.Ordinal);
        if (open < 0 || close < open)
        {
            throw new FormatException($"'{text}' is not a range [low, high]");
        }
        var parts = text[(open + 1)..close].Split(',');
        return [double.Parse(parts[0], CultureInfo.InvariantCulture), double.Parse(parts[1], CultureInfo.InvariantCulture)];
    }
}
