using MRSNode.Quantification.Results;

namespace MRSNode.Evaluation.Pathology;

/// <summary>One fitted realisation of a case: the ratios to tCr, Lac, tNAA's flag, the method's notes and every component's amplitude.</summary>
public sealed record PathologyFit(double TNaaRatio, double TChoRatio, double LacRatio, double Lac, MetaboliteFlag TNaaFlag, IReadOnlyList<string> Notes, IReadOnlyDictionary<string, double> Amplitudes)
{
    /// <summary>Lactate's flag from the confidence checks.</summary>
    public MetaboliteFlag LacFlag { get; init; } = MetaboliteFlag.NotAssessed;

    /// <summary>tNAA's CRLB (%) as the fit reports it: the error its noise alone allows.</summary>
    public double TNaaCrlbPercent { get; init; } = double.NaN;
}

/// <summary>A case at one SNR: its truth, every realisation's fit, and the requirements it failed (none: it passes).</summary>
public sealed record PathologyResult(PathologyCase Case, double Snr, IReadOnlyList<PathologyFit> Fits)
{
    public double TrueTNaaRatio => Case.Truth("tNAA") / Case.Truth("tCr");
    public double TrueTChoRatio => Case.Truth("tCho") / Case.Truth("tCr");
    public double TrueLacRatio => Case.Truth("Lac") / Case.Truth("tCr");

    /// <summary>The most lactate (mM) a fit may report where the truth has none but lipid is present.</summary>
    public const double MaxLactateWithoutTruthMm = 1;

    /// <summary>Whether Lac/tCr is held to 25 %: lactate of at least 3 mM.</summary>
    public bool LactateRatioRequired => Case.Truth("Lac") >= 3;

    /// <summary>Whether lactate must stay at most <see cref="MaxLactateWithoutTruthMm"/>: none in the truth, lipid present.</summary>
    public bool LactateAbsenceRequired => Case.Truth("Lac") == 0 && Case.Lipids.Count > 0;

    /// <summary>The largest relative error of the realisations' estimates against <paramref name="truth"/>.</summary>
    public static double WorstError(IEnumerable<double> estimates, double truth) => estimates.Max(e => Math.Abs(e - truth) / truth);

    /// <summary>The root-mean-square relative error of the realisations' <paramref name="estimate"/> against <paramref name="truth"/>.</summary>
    public double RmsError(Func<PathologyFit, double> estimate, double truth) =>
        Math.Sqrt(Fits.Average(f => Math.Pow((estimate(f) - truth) / truth, 2)));

    /// <summary>The chance that <paramref name="draws"/> independent draws are all within <paramref name="limit"/> (relative) of the truth: the share of realisations that are, to that power.</summary>
    public double ChanceAllWithin(Func<PathologyFit, double> estimate, double truth, double limit, int draws) =>
        ChanceAll(f => Math.Abs(estimate(f) - truth) / truth <= limit, draws);

    /// <summary>The chance that <paramref name="draws"/> independent draws all <paramref name="meet"/> a requirement: the share of realisations that do, to that power.</summary>
    public double ChanceAll(Func<PathologyFit, bool> meet, int draws) => Math.Pow(Fits.Count(meet) / (double)Fits.Count, draws);

    /// <summary>
    /// The requirements of issue 19 this case fails (empty: it passes): tNAA/tCr and tCho/tCr within 15 %, Lac/tCr
    /// within 25 % where Lac ≥ 3, Lac ≤ 1 where there is none but lipid is present, tNAA never "not detected" where it
    /// is ≥ 2; each in every realisation, at SNR ≥ 30 (below, nothing is required).
    /// </summary>
    public IReadOnlyList<string> Failures()
    {
        var failures = new List<string>();
        if (Snr < 30)
        {
            return failures;
        }
        if (WorstError(Fits.Select(f => f.TNaaRatio), TrueTNaaRatio) > 0.15)
        {
            failures.Add("tNAA/tCr");
        }
        if (WorstError(Fits.Select(f => f.TChoRatio), TrueTChoRatio) > 0.15)
        {
            failures.Add("tCho/tCr");
        }
        if (LactateRatioRequired && WorstError(Fits.Select(f => f.LacRatio), TrueLacRatio) > 0.25)
        {
            failures.Add("Lac/tCr");
        }
        if (LactateAbsenceRequired && Fits.Any(f => f.Lac > MaxLactateWithoutTruthMm))
        {
            failures.Add("Lac > 1 mM");
        }
        if (Case.Truth("tNAA") >= 2 && Fits.Any(f => f.TNaaFlag == MetaboliteFlag.NotDetected))
        {
            failures.Add("tNAA not detected");
        }
        return failures;
    }
}

