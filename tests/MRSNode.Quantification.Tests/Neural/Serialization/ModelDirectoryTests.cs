using MRSNode.Evaluation.Training;
using MRSNode.Neural.Backend;
using MRSNode.Neural.Training;
using MRSNode.Quantification.Neural.Models;
using MRSNode.Quantification.Neural.Serialization;
using MRSNode.Quantification.Tests.Neural.Models;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Quantification.Tests.Neural.Serialization;

[UnitTest]
public sealed class ModelDirectoryTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mrsnode-model-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static ModelCard Card(NeuralModel model) => ModelCards.Describe("test", model, TestData.Path("mrs/ismrm2016/press3T_30ms.BASIS"), Fixtures.IsmrmBasis, NeuralFixtures.Simulation, new TrainingCard { Seed = 5 }, null, echoTimeMs: 30);

    [Theory]
    [InlineData("qnet")]
    [InlineData("cnn")]
    public void SaveLoad_TinyModel_PredictsTheSameAmplitudes(string kind)
    {
        var model = NeuralFixtures.Tiny(kind, seed: 9);
        new NeuralTrainer(model, new TrainingOptions { Epochs = 1, BatchSize = 8 }).Train(NeuralFixtures.TinySet);
        ModelDirectory.Save(_dir, model, Card(model));
        var (loaded, card) = ModelDirectory.Load(_dir, Fixtures.IsmrmBasis, new CpuBackend(1));
        var inputs = NeuralFixtures.TinySet.Take(3).Select(e => e.Input).ToList();
        var before = model.Predict(inputs);
        var after = loaded.Predict(inputs);
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(before[i].Amplitudes, after[i].Amplitudes);
        }
        Assert.Equal(kind, card.Kind);
        Assert.Equal(64, card.BasisSha256.Length);
        Assert.Equal(model.Names, card.Names);
        Assert.Equal(123.26, card.Acquisition.FrequencyMHz, 2);
        Assert.Equal(30, card.Acquisition.EchoTimeMs);
        Assert.Equal(5, card.Training.Seed);
    }

    [SlowTest]
    [Fact]
    public void Train_ResumedFromCheckpoint_EqualsTheUninterruptedRun()
    {
        var options = new TrainingOptions { Epochs = 2, BatchSize = 8, Seed = 4 };
        var straight = NeuralFixtures.Tiny("qnet", seed: 2);
        new NeuralTrainer(straight, options).Train(NeuralFixtures.TinySet);

        var interrupted = NeuralFixtures.Tiny("qnet", seed: 2);
        var store = new DirectoryCheckpointStore(_dir);
        Assert.Throws<OperationCanceledException>(() =>
            new NeuralTrainer(interrupted, options).Train(NeuralFixtures.TinySet, checkpoints: new InterruptedAfter(store, 1)));
        var fresh = NeuralFixtures.Tiny("qnet", seed: 77); // different initial weights: all state must come from the checkpoint
        var outcome = new NeuralTrainer(fresh, options).Train(NeuralFixtures.TinySet, checkpoints: store);

        Assert.Equal(4, outcome.Steps);
        Assert.True(outcome.Seconds > 0 && outcome.SamplesPerSecond > 0); // the first session's time and samples count too
        var a = straight.Network.NamedParameters().ToList();
        var b = fresh.Network.NamedParameters().ToList();
        for (int i = 0; i < a.Count; i++)
        {
            Assert.Equal(a[i].Parameter.Value.Span.ToArray(), b[i].Parameter.Value.Span.ToArray());
        }
    }

    [Fact]
    public void Load_AnotherBasisFile_ThrowsModelMismatch()
    {
        var model = NeuralFixtures.Tiny("cnn");
        ModelDirectory.Save(_dir, model, Card(model) with { BasisSha256 = new string('0', 64) });
        Assert.Throws<ModelMismatchException>(() => ModelDirectory.Load(_dir, Fixtures.IsmrmBasis, new CpuBackend(1)));
    }

    /// <summary>Stands for a run killed right after a checkpoint.</summary>
    private sealed class InterruptedAfter(ICheckpointStore inner, int epochs) : ICheckpointStore
    {
        public void Save(NeuralModel model, AdamW optimizer, TrainingTally tally)
        {
            inner.Save(model, optimizer, tally);
            if (tally.Epochs == epochs)
            {
                throw new OperationCanceledException("killed");
            }
        }

        public TrainingTally TryRestore(NeuralModel model, AdamW optimizer) => inner.TryRestore(model, optimizer);
    }
}
