using MRSNode.Neural.Backend;
using MRSNode.Quantification;
using MRSNode.Quantification.Neural;
using MRSNode.Quantification.Neural.Serialization;
using MRSNode.Spectroscopy.Readers;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Evaluation.Tests;

public class MethodComparisonTests
{
    [Fact]
    public void Run_QNetOnHatamiSpectra_LineshapeErrorsAreThePredictionsAgainstTheTruth()
    {
        var basis = LcModelBasisReader.Read(TestData.Path("mrs/ismrm2016/press3T_30ms.BASIS"));
        var (model, card) = ModelDirectory.Load(Path.Combine(TestData.Root, "..", "..", "config", "models", "qnet-press3T-30ms"), basis, new CpuBackend(1));
        var neural = new NeuralQuantifier(model, card);
        var spectra = HatamiProtocol.Simulate(basis, 3, double.PositiveInfinity, 11);

        var result = MethodComparison.Run(basis, neural, spectra, 1);

        // The same errors computed here from the model's own predictions: 3 spectra × 20 metabolites (the MM entry has no shift).
        var shift = new List<double>();
        var damping = new List<double>();
        foreach (var s in spectra)
        {
            var lineshapes = neural.Quantify(s.Acquisition, null, WaterScalingParameters.LcModelDefaults).Lineshapes!;
            foreach (var (name, trueShift) in s.Truth.ShiftsHz)
            {
                shift.Add(Math.Abs(lineshapes[name].ShiftHz - trueShift));
                damping.Add(Math.Abs(lineshapes[name].DampingHz - s.Truth.DampingsHz[name]));
            }
        }
        var l = result.Lineshapes!;
        Assert.Equal(60, shift.Count);
        Assert.Equal(shift.Average(), l.MeanShiftHz, 1e-9);
        Assert.Equal(damping.Average(), l.MeanDampingHz, 1e-9);
        Assert.Equal(shift.Count(e => e < 1) / 60.0, l.WithinOneHzFraction, 1e-12);
        var sorted = shift.Order().ToArray();
        Assert.Equal((sorted[29] + sorted[30]) / 2, l.MedianShiftHz, 1e-9);
    }

    [Fact]
    public void Majors_LcModelNamesWithoutGly_TChoTakesPChAndNoTIns()
    {
        string[] names = ["NAA", "NAAG", "Cr", "PCr", "GPC", "PCh", "Glu", "Gln", "mI"];

        var majors = MethodComparison.Majors(names).ToDictionary(m => m.Name, m => m.Parts.ToArray());

        Assert.Equal(["NAA", "Cr", "Ins", "Glu", "tNAA", "tCr", "tCho", "Glx"], majors.Keys);
        Assert.Equal([4, 5], majors["tCho"]);
        Assert.Equal([8], majors["Ins"]);
    }
}
