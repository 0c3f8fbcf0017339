using System.Globalization;
using MRSNode.Quantification.Metabolites;

namespace MRSNode.Quantification;

/// <summary>
/// A soft prior on a concentration ratio, in LCModel's CHRATO syntax: <c>NUM/DEN = EXPECTED +- SD [+WT= TERMS]</c>.
/// The fit adds one row σ·(c_num − EXPECTED·Σ c_den) / (ĉ_sum·SD) to its least squares (σ the noise SD, ĉ_sum the
/// preliminary fit's Σ c over DEN and TERMS, then held fixed), i.e. a Gaussian prior with SD = SD·ĉ_sum on that
/// combination. A term list is separated by '+'; a trailing '*' matches a name prefix; <c>totCr</c>, <c>totCho</c>,
/// <c>totNAA</c> and <c>Big3</c> (Cr+PCr+NAA+NAAG + 3·(Cho+GPC+PCh)) are LCModel's aliases
/// (<see cref="MetaboliteCatalog.RatioPriorAliases"/>). The numerator must be
/// one basis name. Source: LCModel 6.3 (LCModel.f, BLOCK DATA, CONC_PRIOR, PARSE_SUM, SOLVE).
/// </summary>
public sealed record ConcentrationRatioPrior(string Numerator, string Denominator, double Expected, double Sd, string WeightTerms = "")
{
    /// <summary>Parses LCModel's syntax, e.g. <c>GSH/Gln+GSH = .286 +- .126</c> or <c>MM20/MM09* = 1.5 +- .375 +WT= Lip09*</c>.</summary>
    public static ConcentrationRatioPrior Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string Fail(string why) => throw new FormatException($"ratio prior '{text}': {why} (expected NUM/DEN = EXPECTED +- SD [+WT= TERMS])");
        int eq = text.IndexOf('=', StringComparison.Ordinal);
        int slash = text.IndexOf('/', StringComparison.Ordinal);
        int pm = text.IndexOf("+-", StringComparison.Ordinal);
        if (eq < 0 || slash < 0 || slash > eq || pm < eq)
        {
            Fail("missing '/', '=' or '+-'");
        }
        int wt = text.IndexOf("+WT=", pm, StringComparison.OrdinalIgnoreCase);
        string numerator = text[..slash].Trim();
        string denominator = text[(slash + 1)..eq].Trim();
        string expected = text[(eq + 1)..pm].Trim();
        string sd = (wt < 0 ? text[(pm + 2)..] : text[(pm + 2)..wt]).Trim();
        string weight = wt < 0 ? "" : text[(wt + 4)..].Trim();
        if (numerator.Length == 0 || numerator.Contains('+', StringComparison.Ordinal) || numerator.EndsWith('*'))
        {
            Fail("the numerator must be one basis name");
        }
        if (denominator.Length == 0 && weight.Length == 0)
        {
            Fail("no denominator");
        }
        if (!double.TryParse(expected, NumberStyles.Float, CultureInfo.InvariantCulture, out double e) || e < 0)
        {
            Fail("the expected ratio must be a number ≥ 0");
        }
        if (!double.TryParse(sd, NumberStyles.Float, CultureInfo.InvariantCulture, out double s) || !(s > 0))
        {
            Fail("the SD must be a number > 0");
        }
        return new ConcentrationRatioPrior(numerator, denominator, e, s, weight);
    }

    public override string ToString() => FormattableString.Invariant(
        $"{Numerator}/{Denominator} = {Expected} +- {Sd}{(WeightTerms.Length > 0 ? " +WT= " + WeightTerms : "")}");

    /// <summary>
    /// LCModel 6.3's default priors for brain spectra (BLOCK DATA, NRATIO 13), as LCModel applies them: GSH/(Gln+GSH)
    /// only up to TE 49 ms, Tau/Big3 only up to 190 Hz/ppm (about 4.5 T). Priors naming components a basis lacks
    /// (the Lip/MM ones without the parametric lipids and macromolecules, -CrCH2) drop out when resolved.
    /// </summary>
    /// <param name="spectrumType">
    /// <see cref="SpectrumType.LipidRich"/> leaves out the priors on lipids and macromolecules: their ratios are those of
    /// normal brain tissue, and a tumour's or the scalp's lipids follow none of them.
    /// </param>
    public static IReadOnlyList<ConcentrationRatioPrior> LcModelDefaults(double? echoTimeMs, double frequencyMHz, SpectrumType spectrumType = SpectrumType.Brain)
    {
        var priors = new List<ConcentrationRatioPrior>();
        foreach (string line in LcModelDefaultLines)
        {
            var prior = Parse(line);
            if ((prior.Numerator == "GSH" && echoTimeMs > 49) || (prior.Numerator == "Tau" && frequencyMHz > 190))
            {
                continue;
            }
            if (spectrumType == SpectrumType.LipidRich && IsLipidOrMacromolecule(prior.Numerator))
            {
                continue;
            }
            priors.Add(prior);
        }
        return priors;
    }

    private static bool IsLipidOrMacromolecule(string name) =>
        name.StartsWith("Lip", StringComparison.Ordinal) || name.StartsWith("MM", StringComparison.Ordinal);

    private static readonly string[] LcModelDefaultLines =
    [
        "Lip09/Lip13* = .267 +- .1 +WT= MM12",
        "Lip20/Lip13* = .15 +- .07 +WT= MM12",
        "MM20/MM09* = 1.5 +- .375 +WT= Lip09*",
        "MM12/MM09* = .3 +- .1 +WT= Lip09*",
        "MM14/MM09* = .75 +- .45 +WT= Lip09*",
        "MM17/MM09* = .375 +- .3 +WT= Lip09*",
        "-CrCH2/totCr = .1 +- .25",
        "Asp/Big3 = .05 +- .05",
        "GABA/Big3 = .03 +- .03",
        "Glc/Big3 = .03 +- .03",
        "Scyllo/Big3 = .01 +- .01",
        "Tau/Big3 = .05 +- .05",
        "GSH/Gln+GSH = .286 +- .126",
    ];

    /// <summary>
    /// The prior on a fit's components, or null when it does not apply (numerator absent, or neither denominator
    /// nor weight terms present). <paramref name="concentrationPerAmplitude"/> converts each component's amplitude
    /// into the units the ratio is stated in (1 for basis spectra).
    /// </summary>
    public ResolvedRatioPrior? Resolve(IReadOnlyList<string> names, IReadOnlyList<double> concentrationPerAmplitude)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(concentrationPerAmplitude);
        int numerator = -1;
        for (int j = 0; j < names.Count && numerator < 0; j++)
        {
            numerator = SameMetabolite(names[j], Numerator) ? j : -1;
        }
        if (numerator < 0)
        {
            return null;
        }
        var constraint = new double[names.Count];
        var sum = new double[names.Count];
        constraint[numerator] = concentrationPerAmplitude[numerator];
        bool present = false;
        foreach (var (j, factor) in Expand(Denominator, names))
        {
            present = true;
            constraint[j] -= Expected * factor * concentrationPerAmplitude[j];
            sum[j] += factor * concentrationPerAmplitude[j];
        }
        foreach (var (j, factor) in Expand(WeightTerms, names))
        {
            present = true;
            sum[j] += factor * concentrationPerAmplitude[j];
        }
        return present ? new ResolvedRatioPrior(this, constraint, sum) : null;
    }

    private static IEnumerable<(int Index, double Factor)> Expand(string terms, IReadOnlyList<string> names)
    {
        foreach (string raw in terms.Split('+', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            IEnumerable<(string Name, double Factor)> members = MetaboliteCatalog.Standard.FindRatioPriorAlias(raw) is { } alias
                ? alias.Terms.Select(t => (t.Metabolite.Name, t.Factor))
                : [(raw, 1)];
            foreach (var (member, factor) in members)
            {
                for (int j = 0; j < names.Count; j++)
                {
                    bool match = member == "*"
                        || (member.EndsWith('*') ? names[j].StartsWith(member[..^1], StringComparison.Ordinal) : SameMetabolite(names[j], member));
                    if (match)
                    {
                        yield return (j, factor);
                    }
                }
            }
        }
    }

    /// <summary>
    /// LCModel compares names literally; the node also takes the catalog's aliases (literally too), so a basis that
    /// names phosphocholine PCho or scyllo-inositol sIns gets the priors LCModel states for PCh and Scyllo.
    /// </summary>
    private static bool SameMetabolite(string basisName, string priorName) =>
        MetaboliteCatalog.Standard.SameMetabolite(basisName, priorName, StringComparison.Ordinal);
}

/// <summary>
/// A ratio prior a fit applied (LCModel syntax) and where the fit ended against it: (c_num − r·Σc_den) / (ĉ_sum·SD), in
/// prior SDs. LCModel marks a ratio beyond 4 of them; so does the node (<see cref="IsContradicted"/>): the data then
/// argue against the prior, and a real rise (or fall) may be damped by it.
/// </summary>
public sealed record AppliedRatioPrior(ConcentrationRatioPrior Prior, double DeviationSds)
{
    /// <summary>LCModel's RATIPM: a fit more than this many prior SDs from a prior contradicts it.</summary>
    public const double ContradictionSds = 4;

    public bool IsContradicted => Math.Abs(DeviationSds) > ContradictionSds;
}

/// <summary>
/// A ratio prior on one fit's components: the constraint's coefficients over the amplitudes (c_num − r·Σc_den, in
/// amplitude units) and those of the sum ĉ_sum that scales its SD.
/// </summary>
public sealed record ResolvedRatioPrior(ConcentrationRatioPrior Prior, double[] Constraint, double[] Sum)
{
    /// <summary>
    /// The row weight 1 / (ĉ_sum·SD) from a preliminary fit's amplitudes; as LCModel, a sum ≤ 0 becomes 10⁻³ of the
    /// summed concentrations (a strong pull towards zero), and with nothing fitted at all the prior is dropped (0).
    /// </summary>
    public double Weight(IReadOnlyList<double> amplitudes, IReadOnlyList<double> concentrationPerAmplitude)
    {
        ArgumentNullException.ThrowIfNull(amplitudes);
        ArgumentNullException.ThrowIfNull(concentrationPerAmplitude);
        double sum = 0, total = 0;
        for (int j = 0; j < amplitudes.Count; j++)
        {
            sum += Sum[j] * amplitudes[j];
            total += concentrationPerAmplitude[j] * amplitudes[j];
        }
        if (sum <= 0)
        {
            sum = 1e-3 * total;
        }
        return sum > 0 ? 1 / (sum * Prior.Sd) : 0;
    }
}

/// <summary>Which set of concentration-ratio priors the fit adds.</summary>
public enum RatioPriorSet
{
    /// <summary>None: every amplitude is free but for non-negativity.</summary>
    None,

    /// <summary>
    /// LCModel 6.3's defaults for brain spectra (<see cref="ConcentrationRatioPrior.LcModelDefaults"/>) for the
    /// acquisition's echo time and field: Asp, GABA, Glc, scyllo-inositol and Tau against Big3, GSH against Gln+GSH,
    /// and the parametric lipids and macromolecules against each other.
    /// </summary>
    LcModel,
}

/// <summary>The names the CLI (--ratio-priors) gives <see cref="RatioPriorSet"/>.</summary>
public static class RatioPriorSets
{
    public static IReadOnlyList<string> Names { get; } = ["none", "lcmodel"];

    public static RatioPriorSet Parse(string name) => name switch
    {
        "none" => RatioPriorSet.None,
        "lcmodel" => RatioPriorSet.LcModel,
        _ => throw new ArgumentException($"unknown ratio-prior set '{name}': use none or lcmodel"),
    };
}
