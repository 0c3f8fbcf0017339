using System.Globalization;
using MRSNode.Neural.Serialization;
using MRSNode.Neural.Training;
using MRSNode.Quantification.Neural.Models;
using MRSNode.Quantification.Neural.Serialization;

namespace MRSNode.Evaluation.Training;

/// <summary>
/// Checkpoints as DIR/checkpoint.safetensors: the model's parameters plus AdamW's moments ("….adam_m/v"), with the
/// completed epochs, optimizer steps, training seconds and samples in the metadata. Written to a temporary file and moved, so an interrupted
/// write leaves the previous checkpoint intact.
/// </summary>
public sealed class DirectoryCheckpointStore(string directory) : ICheckpointStore
{
    public string Path { get; } = System.IO.Path.Combine(directory, "checkpoint.safetensors");

    public void Save(NeuralModel model, AdamW optimizer, TrainingTally tally)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(tally);
        Directory.CreateDirectory(directory);
        var tensors = model.Network.NamedParameters().Select(p => (p.Name, p.Parameter.Value)).Concat(optimizer.State());
        var metadata = new Dictionary<string, string>
        {
            ["epochs"] = tally.Epochs.ToString(CultureInfo.InvariantCulture),
            ["seconds"] = tally.Seconds.ToString("R", CultureInfo.InvariantCulture),
            ["samples"] = tally.Samples.ToString(CultureInfo.InvariantCulture),
            ["steps"] = optimizer.Steps.ToString(CultureInfo.InvariantCulture),
            ["kind"] = model.Kind,
        };
        string temporary = Path + ".tmp";
        SafeTensors.Write(temporary, ModelDirectory.OnHost(model.Backend, tensors), metadata);
        File.Move(temporary, Path, overwrite: true);
    }

    public TrainingTally TryRestore(NeuralModel model, AdamW optimizer)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(optimizer);
        if (!File.Exists(Path))
        {
            return TrainingTally.None;
        }
        var content = SafeTensors.Read(Path);
        if (content.Metadata.GetValueOrDefault("kind") != model.Kind)
        {
            throw new ModelMismatchException($"{Path} is a checkpoint of a {content.Metadata.GetValueOrDefault("kind")} model, not {model.Kind}");
        }
        ModelDirectory.Apply(model, content.Tensors, Path);
        optimizer.Restore(int.Parse(content.Metadata["steps"], CultureInfo.InvariantCulture), content.Tensors);
        var m = content.Metadata;
        return new TrainingTally(
            int.Parse(m["epochs"], CultureInfo.InvariantCulture),
            m.TryGetValue("seconds", out var s) ? double.Parse(s, CultureInfo.InvariantCulture) : 0,
            m.TryGetValue("samples", out var n) ? long.Parse(n, CultureInfo.InvariantCulture) : 0);
    }
}
