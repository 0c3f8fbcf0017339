using MRSNode.Spectroscopy;
using MRSNode.Spectroscopy.Processing;

namespace MRSNode.Pipeline;

/// <summary>
/// The preprocessing every job gets before fitting: coils combined (weighted by the water reference where
/// there is one), averages aligned by spectral registration, corrupted ones dropped (a robust median/MAD rule on the
/// registration residual, on by default as the 2021 consensus recommends) and the rest averaged, eddy currents corrected from the
/// water reference (Klose), residual water removed (HLSVD). Each step reports what it did.
/// </summary>
public static class StandardPreprocessing
{
    public static (MrsAcquisition Metabolite, MrsAcquisition? Water, IReadOnlyList<StepReport> Reports) Run(MrsAcquisition metabolite, MrsAcquisition? water, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(metabolite);
        var reports = new List<StepReport>();
        MrsAcquisition? processedWater = null;
        if (water is not null)
        {
            var waterSteps = new List<IPreprocessingStep>();
            if (water.Coils > 1)
            {
                waterSteps.Add(new CoilCombination());
            }
            if (water.Averages > 1)
            {
                waterSteps.Add(new Averaging());
            }
            var w = new PreprocessingPipeline(waterSteps).Run(water, cancellationToken);
            processedWater = w.Result;
            reports.AddRange(w.Reports.Select(r => r with { Step = "water: " + r.Step }));
        }
        var steps = new List<IPreprocessingStep>();
        if (metabolite.Coils > 1)
        {
            steps.Add(new CoilCombination(water));
        }
        if (metabolite.Averages > 1)
        {
            steps.Add(new SpectralRegistration(dropOutliers: true));
            steps.Add(new Averaging());
        }
        if (processedWater is not null && processedWater.Points == metabolite.Points)
        {
            steps.Add(new EddyCurrentCorrection(processedWater));
        }
        steps.Add(new ResidualWaterRemoval());
        var m = new PreprocessingPipeline(steps).Run(metabolite, cancellationToken);
        reports.AddRange(m.Reports);
        return (m.Result, processedWater, reports);
    }

    /// <summary>What the report's reasons must say about the preprocessing: transients left out, how many and why.</summary>
    public static IEnumerable<string> Notes(IReadOnlyList<StepReport> reports)
    {
        ArgumentNullException.ThrowIfNull(reports);
        return reports
            .Where(r => r.Values.TryGetValue("Excluded", out var n) && n > 0)
            .Select(r => FormattableString.Invariant($"{r["Excluded"]:0} of {r["Averages"]:0} transients excluded as corrupted by spectral registration: {r.Summary}"));
    }
}
