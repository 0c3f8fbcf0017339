using System.Diagnostics;
using System.Globalization;
using MRSNode.Pipeline.Mrsi;
using MRSNode.Quantification;
using MRSNode.Quantification.Batch;
using MRSNode.Quantification.Mrsi;
using MRSNode.Quantification.Results;
using MRSNode.Reporting.Confidence;
using MRSNode.Spectroscopy;
using MRSNode.Spectroscopy.Classification;
using MRSNode.Spectroscopy.Processing;
using MRSNode.Spectroscopy.Readers;
using MRSNode.SpinSimulation.Caching;

namespace MRSNode.Pipeline;

/// <summary>Everything one job produced: the report (results.json) and what the reports draw from.</summary>
public sealed record QuantificationOutcome(
    QuantificationReport Report,
    MrsAcquisition Metabolite,
    MrsAcquisition? Water,
    BasisSet Basis,
    MethodOutput Primary,
    MethodOutput? Secondary,
    IReadOnlyList<StepReport> Preprocessing)
{
    /// <summary>For an MRSI study: the maps and every voxel's outcome; the report above then describes its index voxel. Null for single voxel.</summary>
    public MrsiOutcome? Mrsi { get; init; }
}

/// <summary>
/// One job, the same for the CLI, the service and validation runs: read → preprocess → quantify with each
/// requested method → confidence checks → <see cref="QuantificationReport"/>. An MRSI acquisition with known voxel
/// positions goes the MRSI path first (<see cref="MrsiPipeline"/>: every voxel in the excited volume fitted, checked and
/// mapped), and the report then describes its index voxel (maximum Cho/NAA) as a single-voxel study.
/// </summary>
/// <param name="basisCache">Where bases simulated on a manifest miss are kept; null: no simulation (a miss is refused).</param>
/// <param name="mrsi">The MRSI path; null: the per-voxel fitter with the default LCM options.</param>
public sealed class QuantificationPipeline(IEnumerable<IQuantificationMethod> methods, ConfidenceChecker checker, MrsFormats formats, SimulatedBasisCache? basisCache = null, MrsiPipeline? mrsi = null)
{
    private readonly MrsiPipeline _mrsi = mrsi ?? new MrsiPipeline(new CpuBatchQuantifier(), LcmOptions.Default);

    /// <summary>"MRSNode x.y.z": what every report names as its software.</summary>
    public static string SoftwareName { get; } = "MRSNode " + typeof(QuantificationPipeline).Assembly.GetName().Version?.ToString(3);

    private readonly Dictionary<MethodKind, IQuantificationMethod> _methods = methods.ToDictionary(m => m.Kind);

    /// <summary>
    /// Runs the job. A numerical step that fails on the data (an SVD or eigenvalue decomposition that does not
    /// converge, a fit whose residual is not finite) is an input problem, <see cref="QuantificationException"/>:
    /// the study gets a "not processed" report, not an internal error.
    /// </summary>
    public QuantificationOutcome Run(QuantificationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            return RunUnchecked(request, cancellationToken);
        }
        catch (MathNet.Numerics.NonConvergenceException ex)
        {
            throw new QuantificationException("the spectrum cannot be fitted: a numerical decomposition of the data did not converge (the data are not a usable spectrum)", ex);
        }
    }

    private QuantificationOutcome RunUnchecked(QuantificationRequest request, CancellationToken cancellationToken)
    {
        var inputs = InputSelection.Select(request, formats);
        // Before the basis and preprocessing: MRSI without voxel positions, edited, multi-echo or several sub-spectra are refused, never fitted in part.
        var classification = RequireSupported(inputs.Metabolite);
        var selected = InputSelection.Basis(request, inputs.Metabolite, basisCache, cancellationToken);
        if (!classification.IsMrsi)
        {
            return SingleVoxel(request, inputs, selected, cancellationToken);
        }
        var mrsi = _mrsi.Run(inputs.Metabolite, selected.Basis, inputs.Water, cancellationToken);
        mrsi = mrsi with { Image = MrsiReferenceImage.Choose(mrsi.Quantification.Geometry, request.ImageFiles) };
        var voxel = MrsiVoxels.Voxel(mrsi.Preprocessed ?? inputs.Metabolite, mrsi.IndexVoxel);
        var (column, row, slice) = mrsi.Quantification.Geometry.Position(mrsi.IndexVoxel);
        var mrsiNotes = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture,
                $"MR spectroscopic imaging: {mrsi.Count(VoxelState.Reported)} of {mrsi.Quantification.Voxels.Count} voxels reported in the maps ({mrsi.Count(VoxelState.Rejected)} rejected by the voxel QC, {mrsi.Count(VoxelState.Failed)} failed, {mrsi.Count(VoxelState.NotFitted)} not fitted: outside the excited volume, lipid-dominated or without signal); the values below are those of voxel (column {column}, row {row}, slice {slice}), {(mrsi.Quantification.Regions.Count > 0 ? "the maximum Cho/NAA" : "the first usable one")}, after the grid's preprocessing, fitted on its own"),
        };
        if (inputs.Water is not null)
        {
            mrsiNotes.Add("the water reference was used only to align frequencies (when it is a grid of the same voxels): MRSI maps are fit amplitudes and ratios in this build");
        }
        var outcome = SingleVoxel(request, inputs with { Metabolite = voxel, Water = null, Notes = [.. inputs.Notes, .. mrsiNotes] }, selected, cancellationToken);
        return outcome with { Mrsi = mrsi };
    }

    /// <summary>The single-voxel job on <paramref name="inputs"/> with <paramref name="selected"/>'s basis set.</summary>
    private QuantificationOutcome SingleVoxel(QuantificationRequest request, SelectedInputs inputs, SelectedBasis selected, CancellationToken cancellationToken)
    {
        var (basis, basisPath, basisMismatch, basisProvenance) = selected;
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
            if (output.Quality?.FitResidualRelative is { } residual && !double.IsFinite(residual))
            {
                throw new QuantificationException($"the spectrum cannot be fitted: the {kind.Text()} fit's residual is not a number (the data are not a usable spectrum)");
            }
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
        qc = PreprocessingQuality.AddTo(qc, steps) with { FrequencyMHz = qc.FrequencyMHz ?? metabolite.TransmitterFrequencyMHz };
        var advisory = Advisory(request, basis, basisPath, metabolite, primary, secondary, qc, skipped);
        // The neural second opinion may lower confidence only where its card allows it (validated, in domain).
        var lowering = advisory?.MayLowerConfidence == true ? secondary : null;
        var context = new AssessmentContext
        {
            FieldTesla = metabolite.FieldStrengthTesla,
            EchoTimeMs = metabolite.EchoTimeMs,
            ConcentrationsCorrected = water is not null && scaling.Corrected,
        };
        var checks = checker.Check(primary.Estimates, lowering?.Estimates, qc, context);
        var reasons = new RankedReasons();
        if (basisMismatch is not null)
        {
            reasons.Add(ReasonSeverity.Review, basisMismatch); // first of the review causes: every value below depends on it
        }
        reasons.AddRange(checks.RankedReasons);
        var deciding = outputs.Where(o => o == primary || o == lowering).ToList();
        reasons.AddRange(ReasonSeverity.Review, deciding.SelectMany(o => o.Cautions));
        reasons.AddRange(ReasonSeverity.Information, inputs.Notes);
        reasons.AddRange(ReasonSeverity.Information, basisProvenance.Assumptions ?? []);
        reasons.AddRange(ReasonSeverity.Information, StandardPreprocessing.Notes(steps));
        foreach (var missing in kinds.Where(k => !_methods.ContainsKey(k)))
        {
            reasons.Add(ReasonSeverity.Information, $"the {missing.Text()} method is not available in this build: results come from {primary.Result.Method.Text()} alone");
        }
        reasons.AddRange(ReasonSeverity.Information, skipped);
        reasons.AddRange(ReasonSeverity.Information, outputs.Except(deciding).SelectMany(o => o.Cautions));
        reasons.AddRange(ReasonSeverity.Information, outputs.SelectMany(o => o.Notes));
        if (advisory is not null)
        {
            reasons.Add(ReasonSeverity.Information, $"neural second opinion {advisory.Status}: {advisory.Explanation}");
        }
        if (water is null)
        {
            reasons.Add(ReasonSeverity.Information, "no water reference: concentrations are not given, ratios to tCr only");
        }

        var report = new QuantificationReport
        {
            Software = SoftwareName,
            CreatedUtc = DateTime.UtcNow,
            // The acquisition as read; points, width and frequency as fitted (after preprocessing).
            Input = InputSummaries.From(request, inputs, Path.GetFileName(basisPath)) with
            {
                FrequencyMHz = metabolite.TransmitterFrequencyMHz,
                EchoTimeMs = metabolite.EchoTimeMs,
                Points = metabolite.Points,
                SpectralWidthHz = metabolite.SpectralWidthHz,
                Preprocessing = steps.Select(s => s.ToString()).ToList(),
                RepetitionTimeMs = metabolite.RepetitionTimeMs,
            },
            Metabolites = checks.Metabolites,
            Basis = basisProvenance,
            Qc = qc,
            // A basis for another acquisition can fit well and still give wrong values: never "reliable".
            Verdict = (basisMismatch is not null || deciding.Any(o => o.Cautions.Count > 0)) && checks.Verdict == StudyVerdict.Reliable ? StudyVerdict.Review : checks.Verdict,
            Reasons = reasons.Ordered(),
            ReferenceRanges = checker.ReferenceRangesDescription,
            Lcm = outputs.FirstOrDefault(o => o.Result.Method == MethodKind.Lcm)?.Result,
            Neural = outputs.FirstOrDefault(o => o.Result.Method == MethodKind.Neural)?.Result,
            NeuralAdvisory = advisory,
            Scaling = water is null ? null : scaling,
            Ratios = checks.Ratios,
            Findings = checks.Findings,
            CrlbCalibration = checker.CrlbCalibration,
        };
        return new QuantificationOutcome(report, metabolite, water, basis, primary, secondary, steps);
    }

    /// <summary>
    /// The neural second opinion's standing when the LCM is primary and a neural method was asked for: judged from the
    /// model card, the acquisition and the LCM's view; "not run" when it could not run; null when no neural advisory applies.
    /// </summary>
    private NeuralAdvisory? Advisory(QuantificationRequest request, BasisSet basis, string basisPath, MrsAcquisition metabolite, MethodOutput primary, MethodOutput? secondary, QualityResult qc, List<string> skipped)
    {
        if (primary.Result.Method != MethodKind.Lcm || !request.Method.Methods().Contains(MethodKind.Neural))
        {
            return null;
        }
        if (secondary is null || secondary.Result.Method != MethodKind.Neural)
        {
            return NeuralAdvisor.NotRunBecause(skipped.Count > 0 ? string.Join("; ", skipped) : "no neural method is installed");
        }
        var card = _methods.GetValueOrDefault(MethodKind.Neural) is IModelCardSource source ? source.Card(basis) : null;
        var context = new AdvisoryContext(metabolite.TransmitterFrequencyMHz, metabolite.EchoTimeMs, metabolite.Localization.Technique, Path.GetFileName(basisPath), primary.Estimates, qc);
        return NeuralAdvisor.Judge(card, context);
    }

    private static AcquisitionClassification RequireSupported(MrsAcquisition metabolite)
    {
        var classification = AcquisitionClassifier.Classify(metabolite);
        if (!classification.IsSupported)
        {
            throw new UnsupportedAcquisitionException(classification);
        }
        return classification;
    }
}
