using System.Diagnostics;
using MRSNode.Quantification.Results;
using MRSNode.Reporting.Confidence;
using MRSNode.Spectroscopy;
using MRSNode.Spectroscopy.Classification;
using MRSNode.Spectroscopy.Processing;
using MRSNode.Spectroscopy.Readers;

namespace MRSNode.Pipeline;

/// <summary>Everything one job produced: the report (results.json) and what the reports draw from.</summary>
public sealed record QuantificationOutcome(
    QuantificationReport Report,
    MrsAcquisition Metabolite,
    MrsAcquisition? Water,
    BasisSet Basis,
    MethodOutput Primary,
    MethodOutput? Secondary,
    IReadOnlyList<StepReport> Preprocessing);

/// <summary>
/// One job, the same for the CLI, the service and validation runs: read → preprocess → quantify with each
/// requested method → confidence checks → <see cref="QuantificationReport"/>.
/// </summary>
public sealed class QuantificationPipeline(IEnumerable<IQuantificationMethod> methods, ConfidenceChecker checker, MrsFormats formats)
{
    /// <summary>"MRSNode x.y.z": what every report names as its software.</summary>
    public static string SoftwareName { get; } = "MRSNode " + typeof(QuantificationPipeline).Assembly.GetName().Version?.ToString(3);

    private readonly Dictionary<MethodKind, IQuantificationMethod> _methods = methods.ToDictionary(m => m.Kind);

    public QuantificationOutcome Run(QuantificationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var inputs = InputSelection.Select(request, formats);
        // Before the basis and preprocessing: MRSI, edited, multi-echo or several sub-spectra are refused, never fitted in part.
        RequireSupported(inputs.Metabolite);
        var (basis, basisPath, basisMismatch) = InputSelection.Basis(request, inputs.Metabolite);
        var (metabolite, water, steps) = StandardPreprocessing.Run(inputs.Metabolite, inputs.Water, cancellationToken);

        var (waterScaling, scaling) = ConcentrationScalingResolver.Resolve(request.WaterScaling, metabolite);
        var kinds = request.Method.Methods();
        bool both = request.Method == MethodSelection.Both;
        var outputs = new List<MethodOutput>();
        var skipped = new List<string>();
        foreach (var kind in kinds)
        {
            if (!_methods.TryGetValue(kind, out var method))
            {
                if (both)
                {
                    continue; // "both" runs what is installed; a missing method is named in the reasons
                }
                throw new QuantificationException($"the {kind.Text()} method is not available in this build");
            }
            if (method is IBasisSpecificMethod specific && specific.Unsupported(basis) is { } why)
            {
                if (both)
                {
                    skipped.Add($"the {kind.Text()} method did not run: {why}");
                    continue;
                }
                throw new QuantificationException(why);
            }
            cancellationToken.ThrowIfCancellationRequested();
            var sw = Stopwatch.StartNew();
            var output = method.Quantify(metabolite, water, basis, waterScaling, cancellationToken);
            outputs.Add(output with { Result = output.Result with { Seconds = sw.Elapsed.TotalSeconds } });
        }
        cancellationToken.ThrowIfCancellationRequested(); // a stopped job writes no outputs: it runs again
        if (outputs.Count == 0)
        {
            throw new QuantificationException("no quantification method is available");
        }
        var primary = outputs[0];
        var secondary = outputs.Count > 1 ? outputs[1] : null;
        var qc = primary.Quality ?? secondary?.Quality ?? throw new QuantificationException("no method measured the spectral quality");
        var context = new AssessmentContext
        {
            FieldTesla = metabolite.FieldStrengthTesla,
            EchoTimeMs = metabolite.EchoTimeMs,
            ConcentrationsCorrected = water is not null && scaling.Corrected,
        };
        var checks = checker.Check(primary.Estimates, secondary?.Estimates, qc, context);
        var reasons = checks.Reasons.ToList();
        if (basisMismatch is not null)
        {
            reasons.Insert(0, basisMismatch); // first: every value below depends on it
        }
        reasons.AddRange(inputs.Notes);
        reasons.AddRange(StandardPreprocessing.Notes(steps));
        foreach (var missing in kinds.Where(k => !_methods.ContainsKey(k)))
        {
            reasons.Add($"the {missing.Text()} method is not available in this build: results come from {primary.Result.Method.Text()} alone");
        }
        reasons.AddRange(skipped);
        reasons.AddRange(outputs.SelectMany(o => o.Cautions));
        reasons.AddRange(outputs.SelectMany(o => o.Notes));
        if (water is null)
        {
            reasons.Add("no water reference: concentrations are not given, ratios to tCr only");
        }

        var report = new QuantificationReport
        {
            Software = SoftwareName,
            CreatedUtc = DateTime.UtcNow,
            Input = new InputSummary
            {
                MetaboliteFile = string.Join(", ", request.MetaboliteFiles.Select(Path.GetFileName)),
                WaterFile = request.WaterFiles.Count > 0 ? string.Join(", ", request.WaterFiles.Select(Path.GetFileName)) : inputs.Water is null ? null : "(in the metabolite object)",
                BasisSet = Path.GetFileName(basisPath),
                Format = inputs.Format,
                FrequencyMHz = metabolite.TransmitterFrequencyMHz,
                EchoTimeMs = metabolite.EchoTimeMs,
                Points = metabolite.Points,
                SpectralWidthHz = metabolite.SpectralWidthHz,
                Averages = inputs.Metabolite.AcquiredAverages ?? inputs.Metabolite.Averages,
                Preprocessing = steps.Select(s => s.ToString()).ToList(),
                RepetitionTimeMs = metabolite.RepetitionTimeMs,
                SequenceName = metabolite.Provenance.SequenceName,
                ProtocolName = metabolite.Provenance.ProtocolName,
                SeriesDescription = metabolite.Provenance.SeriesDescription,
                Localization = metabolite.Localization.Technique,
                VoxelSizeMm = metabolite.Localization.VoxelSizeMm,
                VoxelPositionMm = metabolite.Localization.PositionMm,
            },
            Metabolites = checks.Metabolites,
            Qc = qc,
            // A basis for another acquisition can fit well and still give wrong values: never "reliable".
            Verdict = (basisMismatch is not null || outputs.Any(o => o.Cautions.Count > 0)) && checks.Verdict == StudyVerdict.Reliable ? StudyVerdict.Review : checks.Verdict,
            Reasons = reasons,
            ReferenceRanges = checker.ReferenceRangesDescription,
            Lcm = outputs.FirstOrDefault(o => o.Result.Method == MethodKind.Lcm)?.Result,
            Neural = outputs.FirstOrDefault(o => o.Result.Method == MethodKind.Neural)?.Result,
            Scaling = water is null ? null : scaling,
            Ratios = checks.Ratios,
            Findings = checks.Findings,
            CrlbCalibration = checker.CrlbCalibration,
        };
        return new QuantificationOutcome(report, metabolite, water, basis, primary, secondary, steps);
    }

    private static void RequireSupported(MrsAcquisition metabolite)
    {
        var classification = AcquisitionClassifier.Classify(metabolite);
        if (!classification.IsSupported)
        {
            throw new UnsupportedAcquisitionException(classification);
        }
    }
}
