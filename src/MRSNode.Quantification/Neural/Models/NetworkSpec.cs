namespace MRSNode.Quantification.Neural.Models;

/// <summary>The size of a model's network (stored in the model card so a loader rebuilds the same layers).</summary>
public sealed record NetworkSpec(int Channels = 32, int Hidden = 256)
{
    /// <summary>A few thousand weights: for tests.</summary>
    public static NetworkSpec Tiny { get; } = new(8, 32);
}
