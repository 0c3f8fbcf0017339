using MRSNode.Quantification.Neural.Models;
using MRSNode.Spectroscopy;

namespace MRSNode.Quantification.Neural.Serialization;

/// <summary>
/// The installed models: every DIR/&lt;name&gt;/model.json under a models folder (config/models). A model matches a
/// basis set when its card names the same file content (SHA-256) — or, when the basis set was not read from a file,
/// the same file name — and the basis has every entry the model was trained on. QNet models come before CNN ones.
/// </summary>
public sealed class ModelCatalog(string modelsDirectory)
{
    public IReadOnlyList<(string Directory, ModelCard Card)> Models()
    {
        if (!Directory.Exists(modelsDirectory))
        {
            return [];
        }
        return Directory.GetDirectories(modelsDirectory)
            .Where(d => File.Exists(Path.Combine(d, ModelDirectory.CardFile)) && File.Exists(Path.Combine(d, ModelDirectory.WeightsFile)))
            .Order(StringComparer.Ordinal)
            .Select(d => (d, ModelDirectory.ReadCard(d)))
            .OrderBy(m => m.Item2.Kind == "qnet" ? 0 : 1)
            .ToList();
    }

    public bool Any() => Models().Count > 0;

    /// <summary>The directory of the first model for <paramref name="basis"/>, or null.</summary>
    public string? Find(BasisSet basis)
    {
        ArgumentNullException.ThrowIfNull(basis);
        string? sha = File.Exists(basis.Source) ? NeuralModelFactory.Sha256(basis.Source) : null;
        foreach (var (directory, card) in Models())
        {
            bool sameFile = sha is not null
                ? string.Equals(sha, card.BasisSha256, StringComparison.OrdinalIgnoreCase)
                : string.Equals(Path.GetFileName(basis.Source), card.BasisFile, StringComparison.OrdinalIgnoreCase);
            if (sameFile && card.Names.All(n => basis.Find(n) is not null))
            {
                return directory;
            }
        }
        return null;
    }
}
