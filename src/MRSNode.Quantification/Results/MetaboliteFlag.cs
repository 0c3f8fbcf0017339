using System.Text.Json.Serialization;

namespace MRSNode.Quantification.Results;

/// <summary>What the checks say about one metabolite or pool (results.json, the reports' tables and the SR).</summary>
[JsonConverter(typeof(MetaboliteFlagJsonConverter))]
public enum MetaboliteFlag
{
    /// <summary>Reliable and within the reference range.</summary>
    Normal,

    /// <summary>Reliable and below the reference range.</summary>
    Low,

    /// <summary>Reliable and above the reference range.</summary>
    High,

    /// <summary>Measured, but its uncertainty is too large (or the methods disagree) to compare with a range.</summary>
    Unreliable,

    /// <summary>Fitted at zero or without a finite uncertainty.</summary>
    NotDetected,

    /// <summary>Reliable, but no reference range exists for it in the unit measured.</summary>
    NotAssessed,
}

/// <summary>The words of <see cref="MetaboliteFlag"/>, as results.json, the reports and the SR write them.</summary>
public static class MetaboliteFlags
{
    public static string Text(this MetaboliteFlag flag) => flag switch
    {
        MetaboliteFlag.Normal => "normal",
        MetaboliteFlag.Low => "low",
        MetaboliteFlag.High => "high",
        MetaboliteFlag.Unreliable => "unreliable",
        MetaboliteFlag.NotDetected => "not detected",
        MetaboliteFlag.NotAssessed => "not assessed",
        _ => throw new ArgumentOutOfRangeException(nameof(flag), flag, null),
    };

    /// <summary>Whether the flag compares the value with a reference range (normal, low, high).</summary>
    public static bool IsRangeVerdict(this MetaboliteFlag flag) => flag is MetaboliteFlag.Normal or MetaboliteFlag.Low or MetaboliteFlag.High;
}

/// <summary>Writes <see cref="MetaboliteFlag"/> as its word.</summary>
public sealed class MetaboliteFlagJsonConverter() : WordJsonConverter<MetaboliteFlag>(MetaboliteFlags.Text);
