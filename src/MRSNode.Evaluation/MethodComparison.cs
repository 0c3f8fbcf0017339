using System.Globalization;
using System.Text;
using MRSNode.Pipeline;
using MRSNode.Pipeline.Composition;
using MRSNode.Quantification;
using MRSNode.Quantification.Metabolites;
using MRSNode.Quantification.Neural;
using MRSNode.Spectroscopy;
using MRSNode.Spectroscopy.Processing;
using MRSNode.Spectroscopy.Simulation;

namespace MRSNode.Evaluation;

/// <summary>One entry's SMAPE (Hatami: Σ|a − â| / Σ(a + â) × 100) for the neural model and the LCM fit on the same spectra.</summary>
public sealed record ComparisonRow(string Name, double NeuralSmapePercent, double LcmSmapePercent);

/// <summary>
/// Agreement of the two methods on one metabolite or pool, as CloudBrain-MRS compared a network with LCModel:
/// Bland–Altman bias and 95 % limits of (neural − LCM) in basis units, and Pearson's r.
/// </summary>
public sealed record AgreementRow(string Name, double Bias, double LowerLimit, double UpperLimit, double PearsonR);

/// <summary>
/// How far a QNet-style model's predicted lineshapes lie from the truth, over every metabolite of every spectrum:
/// |predicted − true| shift and Lorentzian damping (Hz). A per-metabolite fit started there needs the shifts within about a
/// linewidth to reach the true minimum.
/// </summary>
public sealed record LineshapeErrors(double MedianShiftHz, double MeanShiftHz, double WithinOneHzFraction, double MedianDampingHz, double MeanDampingHz);

/// <summary>Accuracy against the truth per entry, the agreement between the methods, and (QNet) the lineshape errors.</summary>
public sealed record MethodComparisonResult(IReadOnlyList<ComparisonRow> Rows, IReadOnlyList<AgreementRow> Agreement, LineshapeErrors? Lineshapes = null);

/// <summary>The neural model and the LCM fit on the same simulated spectra with known amplitudes (basis units).</summary>
public static class MethodComparison
{
    /// <summary>The single metabolites compared for agreement, before the pools the node reports (<see cref="MetaboliteCatalog.Pools"/>).</summary>
    private static readonly string[] MajorSingles = ["NAA", "Cr", "Ins", "Glu"];

    /// <summary>The majors compared for agreement and the model's entries each sums, for those the model reports.</summary>
    internal static IEnumerable<(string Name, IReadOnlyList<int> Parts)> Majors(IReadOnlyList<string> names)
    {
        var catalog = MetaboliteCatalog.Standard;
        foreach (var single in MajorSingles)
        {
            int index = names.ToList().FindIndex(n => catalog.SameMetabolite(n, single));
            if (index >= 0)
            {
                yield return (single, [index]);
            }
        }
        foreach (var pool in catalog.Pools)
        {
            if (pool.MemberIndices(names) is { } parts)
            {
                yield return (pool.Name, parts);
            }
        }
    }

    /// <param name="lcm">The LCM fit's options (<see cref="PipelineSettings.Lcm"/>); default <see cref="LcmOptions.Default"/>.</param>
    public static MethodComparisonResult Run(BasisSet basis, NeuralQuantifier neural, IReadOnlyList<SimulatedSpectrum> spectra, int parallelism, IProgress<int>? progress = null, LcmOptions? lcm = null, NeuralQuantifier? lineshapeModel = null)
    {
        ArgumentNullException.ThrowIfNull(neural);
        ArgumentNullException.ThrowIfNull(spectra);
        var names = neural.Model.Names.ToList();
        var neuralEstimates = new double[spectra.Count][];
        var lcmEstimates = new double[spectra.Count][];
        var shiftErrors = new List<double>[spectra.Count];
        var dampingErrors = new List<double>[spectra.Count];
        int done = 0;
        Parallel.For(0, spectra.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism) }, i =>
        {
            var n = neural.Quantify(spectra[i].Acquisition, null, WaterScalingParameters.LcModelDefaults);
            neuralEstimates[i] = names.Select(name => n.Metabolites.First(m => m.Name == name).Amplitude).ToArray();
            (shiftErrors[i], dampingErrors[i]) = (new List<double>(), new List<double>());
            foreach (var (name, (shift, damping)) in n.Lineshapes ?? new Dictionary<string, (double, double)>())
            {
                if (spectra[i].Truth.ShiftsHz.TryGetValue(name, out var trueShift) && spectra[i].Truth.DampingsHz.TryGetValue(name, out var trueDamping))
                {
                    shiftErrors[i].Add(Math.Abs(shift - trueShift));
                    dampingErrors[i].Add(Math.Abs(damping - trueDamping));
                }
            }
            try
            {
                // With a lineshape model the per-component fit starts at its prediction (see LineshapeStart).
                var options = lcm ?? LcmOptions.Default;
                if (lineshapeModel is not null)
                {
                    options = options with { Fit = lineshapeModel.SeededFit(spectra[i].Acquisition, options.Fit) };
                }
                var l = LcmQuantifier.Quantify(spectra[i].Acquisition, null, basis, options);
                lcmEstimates[i] = names.Select(name => l.Find(name)?.Amplitude ?? 0).ToArray();
            }
            catch (ArithmeticException)
            {
                lcmEstimates[i] = new double[names.Count]; // a failed fit counts as all zero
            }
            progress?.Report(Interlocked.Increment(ref done));
        });
        var rows = names.Select((name, k) =>
            new ComparisonRow(name, Smape(spectra, name, i => neuralEstimates[i][k]), Smape(spectra, name, i => lcmEstimates[i][k]))).ToList();
        var agreement = Majors(names)
            .Select(m =>
            {
                var a = neuralEstimates.Select(e => m.Parts.Sum(i => e[i])).ToArray();
                var b = lcmEstimates.Select(e => m.Parts.Sum(i => e[i])).ToArray();
                return Agree(m.Name, a, b);
            })
            .ToList();
        return new MethodComparisonResult(rows, agreement, Errors(shiftErrors.SelectMany(e => e).ToArray(), dampingErrors.SelectMany(e => e).ToArray()));
    }

    private static LineshapeErrors? Errors(double[] shift, double[] damping)
    {
        if (shift.Length == 0)
        {
            return null; // a direct-regression model predicts no lineshapes
        }
        return new LineshapeErrors(FidMath.Median(shift), shift.Average(), shift.Count(e => e < 1) / (double)shift.Length, FidMath.Median(damping), damping.Average());
    }

    /// <summary>Bland–Altman (bias ± 1.96 SD of the differences) and Pearson's r of two paired series.</summary>
    public static AgreementRow Agree(string name, double[] neural, double[] lcm)
    {
        ArgumentNullException.ThrowIfNull(neural);
        ArgumentNullException.ThrowIfNull(lcm);
        int n = neural.Length;
        var diff = neural.Zip(lcm, (x, y) => x - y).ToArray();
        double bias = diff.Average();
        double sd = n > 1 ? Math.Sqrt(diff.Sum(d => (d - bias) * (d - bias)) / (n - 1)) : 0;
        double mx = neural.Average(), my = lcm.Average();
        double sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < n; i++)
        {
            sxy += (neural[i] - mx) * (lcm[i] - my);
            sxx += (neural[i] - mx) * (neural[i] - mx);
            syy += (lcm[i] - my) * (lcm[i] - my);
        }
        double r = sxx > 0 && syy > 0 ? sxy / Math.Sqrt(sxx * syy) : double.NaN;
        return new AgreementRow(name, bias, bias - 1.96 * sd, bias + 1.96 * sd, r);
    }

    public static string AgreementMarkdown(IReadOnlyList<AgreementRow> rows, string neuralLabel)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine(string.Create(inv, $"| metabolite | bias ({neuralLabel} − LCM) | 95 % limits of agreement | Pearson r |"));
        sb.AppendLine("|---|---:|---:|---:|");
        foreach (var r in rows)
        {
            sb.AppendLine(string.Create(inv, $"| {r.Name} | {r.Bias:F3} | {r.LowerLimit:F3} … {r.UpperLimit:F3} | {r.PearsonR:F3} |"));
        }
        return sb.ToString();
    }

    /// <summary>Hatami's SMAPE of one entry over a set: Σ|a − â| / Σ(a + â) × 100, with â of spectrum i from <paramref name="estimate"/>.</summary>
    internal static double Smape(IReadOnlyList<SimulatedSpectrum> spectra, string name, Func<int, double> estimate)
    {
        double error = 0, sum = 0;
        for (int i = 0; i < spectra.Count; i++)
        {
            double a = Truth(spectra[i].Truth, name), e = estimate(i);
            error += Math.Abs(a - e);
            sum += a + e;
        }
        return sum > 0 ? 100 * error / sum : 0;
    }

    /// <summary>The true amplitude of a basis entry (the MM entry's: its scale).</summary>
    internal static double Truth(SimulationTruth truth, string name) =>
        truth.Amplitudes.TryGetValue(name, out var a) ? a : IsMacromolecule(name) ? truth.MmScale : 0;

    /// <summary>The MM entry (the simulator's default name): scored, but left out of the tables' mean over the metabolites.</summary>
    internal static bool IsMacromolecule(string name) => string.Equals(name, "Mac", StringComparison.OrdinalIgnoreCase);

    public static string ToMarkdown(IReadOnlyList<ComparisonRow> rows, string neuralLabel)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine(string.Create(inv, $"| entry | {neuralLabel} SMAPE % | LCM SMAPE % |"));
        sb.AppendLine("|---|---:|---:|");
        foreach (var r in rows)
        {
            sb.AppendLine(string.Create(inv, $"| {r.Name} | {r.NeuralSmapePercent:F1} | {r.LcmSmapePercent:F1} |"));
        }
        var metabolites = rows.Where(r => !IsMacromolecule(r.Name)).ToList();
        sb.AppendLine(string.Create(inv, $"| mean (metabolites) | {metabolites.Average(r => r.NeuralSmapePercent):F1} | {metabolites.Average(r => r.LcmSmapePercent):F1} |"));
        return sb.ToString();
    }
}
