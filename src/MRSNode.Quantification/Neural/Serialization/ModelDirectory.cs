using MRSNode.Neural;
using MRSNode.Neural.Backend;
using MRSNode.Neural.Serialization;
using MRSNode.Quantification.Neural.Models;
using MRSNode.Spectroscopy;

namespace MRSNode.Quantification.Neural.Serialization;

/// <summary>A model on disk: DIR/model.safetensors (every named parameter, BatchNorm statistics included) and DIR/model.json (its card).</summary>
public static class ModelDirectory
{
    public const string WeightsFile = "model.safetensors";
    public const string CardFile = "model.json";

    public static void Save(string directory, NeuralModel model, ModelCard card)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(card);
        Directory.CreateDirectory(directory);
        SafeTensors.Write(Path.Combine(directory, WeightsFile), OnHost(model.Backend, model.Network.NamedParameters().Select(p => (p.Name, p.Parameter.Value))),
            new Dictionary<string, string> { ["format"] = "pt", ["model"] = card.Name, ["kind"] = card.Kind });
        File.WriteAllText(Path.Combine(directory, CardFile), card.ToJson());
    }

    public static ModelCard ReadCard(string directory) => ModelCard.FromJson(File.ReadAllText(Path.Combine(directory, CardFile)));

    /// <summary>Loads a model for <paramref name="basis"/>; the basis file must be the one the model was trained on (SHA-256) when it can be read.</summary>
    public static (NeuralModel Model, ModelCard Card) Load(string directory, BasisSet basis, IComputeBackend backend)
    {
        ArgumentNullException.ThrowIfNull(basis);
        var card = ReadCard(directory);
        if (File.Exists(basis.Source) && !string.Equals(NeuralModelFactory.Sha256(basis.Source), card.BasisSha256, StringComparison.OrdinalIgnoreCase))
        {
            throw new ModelMismatchException($"model '{card.Name}' was trained on {card.BasisFile} (SHA-256 {card.BasisSha256[..12]}…), not on {Path.GetFileName(basis.Source)}");
        }
        var model = NeuralModelFactory.FromCard(card, basis, backend);
        LoadWeights(model, Path.Combine(directory, WeightsFile));
        return (model, card);
    }

    /// <summary>Copies stored tensors into the model's parameters by name; every parameter must be present with its shape.</summary>
    public static void LoadWeights(NeuralModel model, string path)
    {
        ArgumentNullException.ThrowIfNull(model);
        var stored = SafeTensors.Read(path).Tensors;
        Apply(model, stored, path);
    }

    /// <summary>Host copies of tensors that live on a device (a GPU backend's parameters), for writing; host tensors pass through.</summary>
    public static IEnumerable<(string Name, Tensor Value)> OnHost(IComputeBackend backend, IEnumerable<(string Name, Tensor Value)> tensors) =>
        tensors.Select(t =>
        {
            if (t.Value.Storage is HostStorage)
            {
                return t;
            }
            var host = Tensor.Zeros(t.Value.ShapeArray());
            backend.Download(t.Value, host.Span);
            return (t.Name, host);
        });

    public static void Apply(NeuralModel model, IReadOnlyDictionary<string, Tensor> stored, string source)
    {
        foreach (var (name, p) in model.Network.NamedParameters())
        {
            if (!stored.TryGetValue(name, out var t) || !t.SameShape(p.Value))
            {
                throw new ModelMismatchException($"{source}: parameter '{name}' {p.Value} is missing or has another shape");
            }
            model.Backend.Upload(t.Span, p.Value);
        }
    }
}
