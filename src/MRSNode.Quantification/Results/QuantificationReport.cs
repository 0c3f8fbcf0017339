using System.Text.Json;
using System.Text.Json.Serialization;

namespace MRSNode.Quantification.Results;

/// <summary>One metabolite (or pool) as reported: the combined answer of the methods that ran.</summary>
public sealed record MetaboliteResult
{
    [JsonPropertyName("name")] public required string Name { get; init; }
    /// <summary>Water-scaled concentration in the unit of <see cref="QuantificationReport.Scaling"/> (institutional units unless corrected); null without a water reference.</summary>
    [JsonPropertyName("concentration")] public double? Concentration { get; init; }
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

    /// <summary>S/N on LCModel's definition (maximum of the fitted spectrum minus baseline, 1.8–4.2 ppm, over twice the RMS of the fit residual).</summary>
    [JsonPropertyName("snrLcModel")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? SnrLcModel { get; init; }

    /// <summary>Lipid signal (fitted 0.9 and 1.3 ppm lipid components) relative to tCr: a measure of contamination from outside the voxel.</summary>
    [JsonPropertyName("lipidToTCr")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? LipidToTCr { get; init; }

    /// <summary>Residual water peak height (4.4–5.0 ppm, before its removal) over the NAA peak height: a measure of water suppression.</summary>
    [JsonPropertyName("residualWaterToNaa")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? ResidualWaterToNaa { get; init; }

    /// <summary>Transients acquired (before averaging), where the data held them.</summary>
    [JsonPropertyName("transients")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Transients { get; init; }

    /// <summary>Transients excluded as corrupted (motion, spikes) by the spectral registration.</summary>
    [JsonPropertyName("transientsRejected")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? TransientsRejected { get; init; }

    /// <summary>Range (max − min) of the per-transient frequency corrections: scanner drift or motion during the acquisition.</summary>
    [JsonPropertyName("frequencyDriftHz")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? FrequencyDriftHz { get; init; }

    /// <summary>The spectrometer frequency (MHz) the ppm values refer to: the QC limits scale with the field.</summary>
    [JsonPropertyName("frequencyMHz")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? FrequencyMHz { get; init; }

    /// <summary>The field (MHz) the ppm values refer to: <see cref="FrequencyMHz"/>, else what the two linewidths imply (null when neither says).</summary>
    public double? FieldMHz() => FrequencyMHz ?? (FwhmPpm > 0 && double.IsFinite(FwhmHz / FwhmPpm) ? FwhmHz / FwhmPpm : null);
}

/// <summary>How the absolute values were scaled, and so what unit they are in (never "mM" unless corrected).</summary>
public sealed record ConcentrationScaling
{
    /// <summary>"i.u." (institutional units: water-scaled, no tissue or relaxation correction) or "mM (corrected, molal)" / "mM (corrected, molar)".</summary>
    [JsonPropertyName("unit")] public required string Unit { get; init; }
    /// <summary>Whether tissue fractions and field-specific relaxation were applied (only then are the values compared with ranges in mM).</summary>
    [JsonPropertyName("corrected")] public bool Corrected { get; init; }
    /// <summary>The scaling in words (method, source of tissue fractions and relaxation times).</summary>
    [JsonPropertyName("description")] public required string Description { get; init; }
    /// <summary>Every parameter that entered the scaling, by name (e.g. WCONC, ATTH2O, ATTMET, fGM, fWM, fCSF, T1/T2 in ms).</summary>
    [JsonPropertyName("parameters")] public IReadOnlyDictionary<string, double> Parameters { get; init; } = new Dictionary<string, double>();
}

/// <summary>A clinical ratio between two metabolites (Cho/NAA, NAA/Cho), flagged as a metabolite is.</summary>
public sealed record RatioResult
{
    /// <summary>e.g. "tCho/tNAA".</summary>
    [JsonPropertyName("name")] public required string Name { get; init; }
    [JsonPropertyName("numerator")] public required string Numerator { get; init; }
    [JsonPropertyName("denominator")] public required string Denominator { get; init; }
    [JsonPropertyName("value")] public double? Value { get; init; }
    [JsonPropertyName("flag")] public required MetaboliteFlag Flag { get; init; }
    [JsonPropertyName("flagReason")] public string? FlagReason { get; init; }
    [JsonPropertyName("referenceRange")] public double[]? ReferenceRange { get; init; }
    [JsonPropertyName("referenceRangeSource")] public string? ReferenceRangeSource { get; init; }
}

/// <summary>What the neural second opinion did: it is advisory and changes the verdict only where its model is validated and the spectrum is in its domain.</summary>
public sealed record NeuralAdvisory
{
    /// <summary>"in domain (validated)", "advisory (not validated)", "out of domain" or "not run".</summary>
    [JsonPropertyName("status")] public required string Status { get; init; }
    /// <summary>Why, in words (the domain limits that were exceeded, or where the model card says it was validated).</summary>
    [JsonPropertyName("explanation")] public required string Explanation { get; init; }
    /// <summary>Whether the advisory was allowed to lower the confidence of this report.</summary>
    [JsonPropertyName("mayLowerConfidence")] public bool MayLowerConfidence { get; init; }
}

/// <summary>One method's raw estimates, as it produced them.</summary>
public sealed record MethodEstimate
{
    [JsonPropertyName("name")] public required string Name { get; init; }
    [JsonPropertyName("amplitude")] public required double Amplitude { get; init; }
    [JsonPropertyName("crlbAbsolute")] public double? CrlbAbsolute { get; init; }
    [JsonPropertyName("crlbPercent")] public double? CrlbPercent { get; init; }
    [JsonPropertyName("concentration")] public double? Concentration { get; init; }
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

    [JsonPropertyName("repetitionTimeMs")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? RepetitionTimeMs { get; init; }

    [JsonPropertyName("sequenceName")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? SequenceName { get; init; }

    [JsonPropertyName("protocolName")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ProtocolName { get; init; }

    [JsonPropertyName("seriesDescription")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? SeriesDescription { get; init; }

    /// <summary>Localisation technique as the header names it (PRESS, STEAM, sLASER…).</summary>
    [JsonPropertyName("localization")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Localization { get; init; }

    /// <summary>Voxel size (mm) along its three axes.</summary>
    [JsonPropertyName("voxelSizeMm")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double[]? VoxelSizeMm { get; init; }

    /// <summary>Voxel centre in patient coordinates (mm, DICOM LPS).</summary>
    [JsonPropertyName("voxelPositionMm")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double[]? VoxelPositionMm { get; init; }
}

/// <summary>The contents of results.json (design.md §3).</summary>
public sealed record QuantificationReport
{
    [JsonPropertyName("schema")] public string Schema { get; init; } = "mrsnode-results/2";
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
    /// <summary>Where the basis set came from (manifest, file or simulated, with the protocol); null where none was chosen.</summary>
    [JsonPropertyName("basis")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public BasisProvenance? Basis { get; init; }
    [JsonPropertyName("lcm")] public MethodResult? Lcm { get; init; }
    [JsonPropertyName("neural")] public MethodResult? Neural { get; init; }

    /// <summary>The abnormal findings in words, most important first (e.g. "Lactate present: Lac/tCr 0.45"), for the verdict box and the SR; null or empty when none.</summary>
    [JsonPropertyName("findings")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Findings { get; init; }

    /// <summary>How absolute values were scaled and their unit; null without a water reference (ratios only).</summary>
    [JsonPropertyName("scaling")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ConcentrationScaling? Scaling { get; init; }

    /// <summary>Clinical ratios between metabolites (Cho/NAA, NAA/Cho).</summary>
    [JsonPropertyName("ratios")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<RatioResult>? Ratios { get; init; }

    /// <summary>The neural second opinion's status; null when no neural method ran.</summary>
    [JsonPropertyName("neuralAdvisory")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public NeuralAdvisory? NeuralAdvisory { get; init; }

    /// <summary>How far the CRLB can be trusted as an error bar (the fit's measured SD/CRLB on simulated spectra), for every report that shows a CRLB.</summary>
    [JsonPropertyName("crlbCalibration")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? CrlbCalibration { get; init; }

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
