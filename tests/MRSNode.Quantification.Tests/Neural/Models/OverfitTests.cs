using System.Diagnostics;
using MRSNode.Evaluation.Training;
using MRSNode.TestSupport;
using Xunit;
using Xunit.Abstractions;

namespace MRSNode.Quantification.Tests.Neural.Models;

[SlowTest]
public sealed class OverfitTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("qnet", 60, 0.1)]
    [InlineData("cnn", 150, 0.1)]
    public void Train_TinyModelOnTinySet_LossFallsTenfold(string kind, int epochs, double ratio)
    {
        var model = NeuralFixtures.Tiny(kind);
        var set = NeuralFixtures.TinySet;
        var clock = Stopwatch.StartNew();
        double first = double.NaN, last = double.NaN;
        var progress = new Progress<TrainingProgress>();
        var options = new TrainingOptions { Epochs = epochs, BatchSize = 8, LearningRate = 3e-3f, WarmupSteps = 5, WeightDecay = 0, Seed = 3 };
        var trainer = new NeuralTrainer(model, options);
        first = ValidationMetrics.Evaluate(model, set).Loss;
        var outcome = trainer.Train(set, set);
        last = outcome.Validation!.Loss;
        output.WriteLine($"{kind}: amplitude MSE {first:G4} → {last:G4} in {outcome.Steps} steps, {clock.Elapsed.TotalSeconds:F1} s ({outcome.SamplesPerSecond:F0} samples/s); train loss {outcome.FinalLoss:G4}; mean SMAPE {outcome.Validation.MeanSmapePercent:F1} %");
        Assert.True(last < ratio * first, $"{kind}: {first} → {last}");
    }
}
