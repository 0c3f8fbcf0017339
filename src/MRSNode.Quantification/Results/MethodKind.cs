using System.Text.Json.Serialization;

namespace MRSNode.Quantification.Results;

/// <summary>A quantification method: the classical LCModel-class fit or a neural model.</summary>
[JsonConverter(typeof(MethodKindJsonConverter))]
public enum MethodKind
{
    Lcm,
    Neural,
}

/// <summary>The names of <see cref="MethodKind"/>, as results.json, the CLI and the configuration write them.</summary>
public static class MethodKinds
{
    public static string Text(this MethodKind kind) => kind switch
    {
        MethodKind.Lcm => "lcm",
        MethodKind.Neural => "neural",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}

/// <summary>Writes <see cref="MethodKind"/> as its name.</summary>
public sealed class MethodKindJsonConverter() : WordJsonConverter<MethodKind>(MethodKinds.Text);
