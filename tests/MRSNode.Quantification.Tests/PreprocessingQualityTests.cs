using MRSNode.Quantification.Results;
using MRSNode.Spectroscopy.Processing;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Quantification.Tests;

[UnitTest]
public class PreprocessingQualityTests
{
    private static readonly QualityResult _qc = new() { Snr = 30, SnrDefinition = "NAA / noise", FwhmPpm = 0.05, FwhmHz = 6.2 };

    private static StepReport Registration(string step = "Spectral registration") =>
        new(step, "aligned", new Dictionary<string, double> { ["Averages"] = 64, ["Excluded"] = 6, ["FrequencySdHz"] = 1 })
        {
            Series = new Dictionary<string, double[]> { ["FrequencyHz"] = [-1.5, 0.5, 4.5, 2] },
        };

    private static StepReport WaterRemoval(double ratio) =>
        new("Residual water removal (HLSVD)", "removed", new Dictionary<string, double> { ["RemovedComponents"] = 3, ["ResidualWaterToNaa"] = ratio });

    [Fact]
    public void AddTo_RegistrationAndWaterRemoval_TransientsRejectedDriftAndResidualWater()
    {
        var qc = PreprocessingQuality.AddTo(_qc, [Registration(), new StepReport("Averaging", "", new Dictionary<string, double>()), WaterRemoval(850)]);

        Assert.Equal((64, 6, 6.0, 850.0), (qc.Transients, qc.TransientsRejected, qc.FrequencyDriftHz, qc.ResidualWaterToNaa));
    }

    [Fact]
    public void AddTo_OnlyTheWaterReferencesRegistration_MetaboliteFieldsStayEmpty()
    {
        var qc = PreprocessingQuality.AddTo(_qc, [Registration("water: Spectral registration")]);

        Assert.Equal((null, null, null), (qc.Transients, qc.TransientsRejected, qc.FrequencyDriftHz));
    }

    [Fact]
    public void AddTo_NonFiniteWaterRatio_LeftEmpty() =>
        Assert.Null(PreprocessingQuality.AddTo(_qc, [WaterRemoval(double.NaN)]).ResidualWaterToNaa);
}
