using System.Globalization;
using MRSNode.Quantification.Neural.Models;
using MRSNode.Quantification.Neural.Training;

namespace MRSNode.Quantification.Neural.Serialization;

/// <summary>
/// Checkpoints as DIR/checkpoint.safetensors: the model's parameters plus AdamW's moments ("….adam_m/v"), with the
/// completed epochs and optimizer steps in the metadata. Written to a temporary file and moved, so an interrupted
/// write leaves the previous checkpoint intact.
/// </summary>
public sealed class DirectoryCheckpointStore(string directory) : ICheckpointStore
{
    public string Path { get; } = System.IO.Path.Combine(directory, "checkpoint.safetensors");

    public void Save(NeuralModel model, AdamW optimizer, int completedEpochs)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(optimizer);
        Directory.CreateDirectory(directory);
        var tensors = model.Network.NamedParameters().Select(p => (p.Name, p.Parameter.Value)).Concat(optimizer.State());
        var metadata = new Dictionary<string, string>
        {
            ["epochs"] = completedEpochs.ToString(CultureInfo.InvariantCulture),
            ["steps"] = optimizer.Steps.ToString(CultureInfo.InvariantCulture),
            ["kind"] = model.Kind,
        };
        string temporary = Path + ".tmp";
        SafeTensors.Write(temporary, tensors, metadata);
        File.Move(temporary, Path, overwrite: true);
    }

    public int TryRestore(NeuralModel model, AdamW optimizer)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(optimizer);
        if (!File.Exists(Path))
        {
            return 0;
        }
        var content = SafeTensors.Read(Path);
        if (content.Metadata.GetValueOrDefault("kind") != model.Kind)
        {
            throw new ModelMismatchException($"{Path} is a checkpoint of a {content.Metadata.GetValueOrDefault("kind")} model, not {model.Kind}");
        }
        ModelDirectory.Apply(model, content.Tensors, Path);
        optimizer.Restore(int.Parse(content.Metadata["steps"], CultureInfo.InvariantCulture), content.Tensors);
        return int.Parse(content.Metadata["epochs"], CultureInfo.InvariantCulture);
    }
}
