using System.Globalization;

namespace MRSNode.Spectroscopy.Processing;

/// <summary>What one preprocessing step did, in words and in numbers (keys are stable, e.g. "FrequencySdHz").</summary>
public sealed record StepReport(string Step, string Summary, IReadOnlyDictionary<string, double> Values)
{
    /// <summary>Per-average (or per-coil) series, e.g. "FrequencyHz" → one shift per average.</summary>
    public IReadOnlyDictionary<string, double[]> Series { get; init; } = new Dictionary<string, double[]>();

    public double this[string key] => Values[key];

    public override string ToString() => $"{Step}: {Summary}";

    internal static string F(double value, string format = "0.##") => value.ToString(format, CultureInfo.InvariantCulture);
}

/// <summary>
/// One preprocessing step: a function from an acquisition to a new acquisition and a report. Steps that loop over
/// voxels stop at the next voxel once <c>cancellationToken</c> is cancelled (a node stopping mid-MRSI).
/// </summary>
public interface IPreprocessingStep
{
    string Name { get; }

    (MrsAcquisition Result, StepReport Report) Apply(MrsAcquisition input, CancellationToken cancellationToken = default);
}

/// <summary>The output of a pipeline: the processed acquisition and every step's report, in order.</summary>
public sealed record PipelineResult(MrsAcquisition Result, IReadOnlyList<StepReport> Reports);

/// <summary>Runs a list of steps in order and collects their reports.</summary>
public sealed class PreprocessingPipeline
{
    private readonly List<IPreprocessingStep> _steps;

    public PreprocessingPipeline(IEnumerable<IPreprocessingStep> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        _steps = [.. steps];
    }

    public IReadOnlyList<IPreprocessingStep> Steps => _steps;

    public PipelineResult Run(MrsAcquisition input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var reports = new List<StepReport>(_steps.Count);
        var current = input;
        foreach (var step in _steps)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (result, report) = step.Apply(current, cancellationToken);
            reports.Add(report);
            current = result;
        }
        return new PipelineResult(current, reports);
    }
}
