namespace MRSNode.Quantification.Results;

/// <summary>
/// First-pass reliability, from fit uncertainty and spectral quality only (the reference-range checks and
/// their configurable thresholds come with the confidence-checks issue). Thresholds follow common practice:
/// CRLB above 50 % is unreliable (LCModel manual; Kreis 2016 warns against dropping on relative CRLB, so
/// the value is still reported), SNR below 5 or FWHM above 0.1 ppm make the spectrum unusable or doubtful
/// (PMC10246065 gates MRSI voxels at SNR > 5, FWHM < 0.07 ppm).
/// </summary>
public sealed record ResultAssessment
{
    public double UnreliableCrlbPercent { get; init; } = 50;
    public double MinimumSnr { get; init; } = 5;
    public double ReviewSnr { get; init; } = 10;
    public double MaximumFwhmPpm { get; init; } = 0.1;
    public double ReviewFwhmPpm { get; init; } = 0.07;

    public static ResultAssessment Default { get; } = new();

    public string Flag(double amplitude, double? crlbPercent) =>
        amplitude <= 0 || crlbPercent is null or >= 999 ? "not detected"
        : crlbPercent > UnreliableCrlbPercent ? "unreliable"
        : "measured";

    /// <summary>The study verdict and its reasons, written out.</summary>
    public (string Verdict, IReadOnlyList<string> Reasons) Verdict(QualityResult qc, IReadOnlyList<MetaboliteResult> metabolites)
    {
        ArgumentNullException.ThrowIfNull(qc);
        ArgumentNullException.ThrowIfNull(metabolites);
        var reasons = new List<string>();
        bool unusable = false, review = false;
        if (!(qc.Snr >= MinimumSnr))
        {
            unusable = true;
            reasons.Add(FormattableString.Invariant($"SNR {qc.Snr:F1} is below {MinimumSnr} ({qc.SnrDefinition})"));
        }
        else if (qc.Snr < ReviewSnr)
        {
            review = true;
            reasons.Add(FormattableString.Invariant($"SNR {qc.Snr:F1} is below {ReviewSnr}"));
        }
        if (!(qc.FwhmPpm <= MaximumFwhmPpm))
        {
            unusable = true;
            reasons.Add(FormattableString.Invariant($"linewidth {qc.FwhmPpm:F3} ppm ({qc.FwhmHz:F1} Hz) is above {MaximumFwhmPpm} ppm"));
        }
        else if (qc.FwhmPpm > ReviewFwhmPpm)
        {
            review = true;
            reasons.Add(FormattableString.Invariant($"linewidth {qc.FwhmPpm:F3} ppm is above {ReviewFwhmPpm} ppm"));
        }
        foreach (var name in new[] { "tNAA", "tCr", "tCho" })
        {
            var m = metabolites.FirstOrDefault(x => x.Name == name);
            if (m is null || m.Flag != "measured")
            {
                review = true;
                reasons.Add($"{name} is {(m is null ? "missing" : m.Flag)}");
            }
        }
        if (reasons.Count == 0)
        {
            reasons.Add(FormattableString.Invariant($"SNR {qc.Snr:F1}, linewidth {qc.FwhmPpm:F3} ppm and the major metabolites' CRLBs are within limits"));
        }
        return (unusable ? "not usable" : review ? "review" : "reliable", reasons);
    }
}
