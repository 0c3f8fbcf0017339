namespace MRSNode.Spectroscopy.Processing;

/// <summary>The mean of the (aligned) transients: one FID per voxel and coil.</summary>
public sealed class Averaging : IPreprocessingStep
{
    public string Name => "Averaging";

    public (MrsAcquisition Result, StepReport Report) Apply(MrsAcquisition input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var result = input.AverageTransients();
        return (result, new StepReport(Name, $"averaged {input.Averages} transients", new Dictionary<string, double> { ["Averages"] = input.Averages }));
    }
}
