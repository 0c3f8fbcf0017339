using System.Text.Json;
using System.Text.Json.Serialization;

namespace MRSNode.Quantification.Results;

/// <summary>One metabolite (or pool) as reported: the combined answer of the methods that ran.</summary>
public sealed record MetaboliteResult
{
    [JsonPropertyName("name")] public required string Name { get; init; }
    /// <summary>Water-scaled concentration in mM (institutional units); null without a water reference.</summary>
    [JsonPropertyName("concentrationMm")] public double? ConcentrationMm { get; init; }
    [JsonPropertyName("ratioToTCr")] public double? RatioToTCr { get; init; }
    [JsonPropertyName("crlbPercent")] public double? CrlbPercent { get; init; }
    /// <summary>normal, low, high, unreliable, not detected — or "not assessed" where no reference range exists.</summary>
    [JsonPropertyName("flag")] public required MetaboliteFlag Flag { get; init; }
    /// <summary>Why the flag is what it is, in words.</summary>
    [JsonPropertyName("flagReason")] public string? FlagReason { get; init; }
    [JsonPropertyName("isPool")] public bool IsPool { get; init; }
    /// <summary>The reference range used, as [low, high], in the unit of <see cref="ReferenceRangeUnit"/>.</summary>
    [JsonPropertyName("referenceRange")] public double[]? ReferenceRange { get; init; }
    [JsonPropertyName("referenceRangeUnit")] public string? ReferenceRangeUnit { get; init; }
    [JsonPropertyName("referenceRangeSource")] public string? ReferenceRangeSource { get; init; }
}

/// <summary>Spectral quality of the metabolite acquisition.</summary>
public sealed record QualityResult
{
    /// <summary>NAA peak height in the real, phased spectrum over the noise SD in a signal-free region (see <see cref="SnrDefinition"/>).</summary>
    [JsonPropertyName("snr")] public required double Snr { get; init; }
    [JsonPropertyName("snrDefinition")] public required string SnrDefinition { get; init; }
    [JsonPropertyName("fwhmPpm")] public required double FwhmPpm { get; init; }
    [JsonPropertyName("fwhmHz")] public required double FwhmHz { get; init; }
    /// <summary>FWHM of the fitted lineshape alone (a model singlet, without the basis's own width): LCModel's "FWHM". Null when the method fits no lineshape.</summary>
    [JsonPropertyName("lineshapeFwhmPpm")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? LineshapeFwhmPpm { get; init; }

    [JsonPropertyName("lineshapeFwhmHz")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? LineshapeFwhmHz { get; init; }

    [JsonPropertyName("fitResidualRelative")] public double? FitResidualRelative { get; init; }
    [JsonPropertyName("frequencyOffsetHz")] public double? FrequencyOffsetHz { get; init; }
    [JsonPropertyName("zeroOrderPhaseDegrees")] public double? ZeroOrderPhaseDegrees { get; init; }
}

/// <summary>One method's raw estimates, as it produced them.</summary>
public sealed record MethodEstimate
{
    [JsonPropertyName("name")] public required string Name { get; init; }
    [JsonPropertyName("amplitude")] public required double Amplitude { get; init; }
    [JsonPropertyName("crlbAbsolute")] public double? CrlbAbsolute { get; init; }
    [JsonPropertyName("crlbPercent")] public double? CrlbPercent { get; init; }
    [JsonPropertyName("concentrationMm")] public double? ConcentrationMm { get; init; }
    [JsonPropertyName("ratioToTCr")] public double? RatioToTCr { get; init; }
}

public sealed record MethodResult
{
    [JsonPropertyName("method")] public required MethodKind Method { get; init; }
    [JsonPropertyName("version")] public required string Version { get; init; }
    [JsonPropertyName("estimates")] public required IReadOnlyList<MethodEstimate> Estimates { get; init; }
    [JsonPropertyName("seconds")] public double Seconds { get; init; }
    [JsonPropertyName("details")] public IReadOnlyDictionary<string, double>? Details { get; init; }
    /// <summary>The soft concentration-ratio priors the fit applied (LCModel syntax), for the audit; absent for methods without.</summary>
    [JsonPropertyName("ratioPriors")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? RatioPriors { get; init; }
}

/// <summary>What was quantified and how (for the methods section of a report and for audits).</summary>
public sealed record InputSummary
{
    [JsonPropertyName("metaboliteFile")] public required string MetaboliteFile { get; init; }
    [JsonPropertyName("waterFile")] public string? WaterFile { get; init; }
    [JsonPropertyName("basisSet")] public required string BasisSet { get; init; }
    [JsonPropertyName("format")] public string? Format { get; init; }
    [JsonPropertyName("frequencyMHz")] public double FrequencyMHz { get; init; }
    [JsonPropertyName("echoTimeMs")] public double? EchoTimeMs { get; init; }
    [JsonPropertyName("points")] public int Points { get; init; }
    [JsonPropertyName("spectralWidthHz")] public double SpectralWidthHz { get; init; }
    [JsonPropertyName("averages")] public int? Averages { get; init; }
    [JsonPropertyName("preprocessing")] public IReadOnlyList<string> Preprocessing { get; init; } = [];
}

/// <summary>The contents of results.json (design.md §3).</summary>
public sealed record QuantificationReport
{
    [JsonPropertyName("schema")] public string Schema { get; init; } = "mrsnode-results/1";
    [JsonPropertyName("software")] public required string Software { get; init; }
    [JsonPropertyName("createdUtc")] public required DateTime CreatedUtc { get; init; }
    [JsonPropertyName("input")] public required InputSummary Input { get; init; }
    [JsonPropertyName("metabolites")] public required IReadOnlyList<MetaboliteResult> Metabolites { get; init; }
    [JsonPropertyName("qc")] public required QualityResult Qc { get; init; }
    /// <summary>reliable, review or not usable.</summary>
    [JsonPropertyName("verdict")] public required StudyVerdict Verdict { get; init; }
    [JsonPropertyName("reasons")] public required IReadOnlyList<string> Reasons { get; init; }
    /// <summary>Which reference-range file the flags used: its version and cited source.</summary>
    [JsonPropertyName("referenceRanges")] public string? ReferenceRanges { get; init; }
    [JsonPropertyName("lcm")] public MethodResult? Lcm { get; init; }
    [JsonPropertyName("neural")] public MethodResult? Neural { get; init; }

    private static readonly JsonSerializerOptions _options = new()
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public string ToJson() => JsonSerializer.Serialize(this, _options);

    public static QuantificationReport FromJson(string json) =>
        JsonSerializer.Deserialize<QuantificationReport>(json, _options) ?? throw new JsonException("empty results.json");
}
