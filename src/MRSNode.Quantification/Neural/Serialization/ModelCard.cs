using System.Text.Json;
using System.Text.Json.Serialization;

namespace MRSNode.Quantification.Neural.Serialization;

/// <summary>Which acquisitions a model applies to.</summary>
public sealed record AcquisitionCard(double FrequencyMHz, double FieldTesla, double? EchoTimeMs, string Sequence);

/// <summary>The model grid (see <see cref="Input.ModelGrid"/>).</summary>
public sealed record GridCard(double FrequencyMHz, double ReferencePpm, int Points, double SpanPpm, double LowPpm, double HighPpm);

/// <summary>The imperfection head's ranges and the physics layer's settings (QNet).</summary>
public sealed record PhysicsCard(double[] Phase1, double[] ShiftHz, double[] DampingHz, double[] GaussianHz, int BaselineTerms, double PivotPpm, double Ridge);

/// <summary>How the model was trained.</summary>
public sealed record TrainingCard
{
    public int Seed { get; init; }
    public int Samples { get; init; }
    public int Epochs { get; init; }
    public int Steps { get; init; }
    public int BatchSize { get; init; }
    public double LearningRate { get; init; }
    public double WeightDecay { get; init; }
    public double Seconds { get; init; }
    public double SamplesPerSecond { get; init; }
    public double FinalLoss { get; init; }
    public string Device { get; init; } = "cpu";
    /// <summary>The simulation ranges the training spectra were drawn from (SimulationParameters, as text).</summary>
    public IReadOnlyDictionary<string, string> Simulation { get; init; } = new Dictionary<string, string>();
}

/// <summary>Accuracy on a held-out simulated set.</summary>
public sealed record ValidationCard
{
    public int Count { get; init; }
    public int Seed { get; init; }
    public string Snr { get; init; } = "";
    public double Loss { get; init; }
    /// <summary>Hatami's SMAPE per entry: Σ|a − â| / Σ(a + â) × 100.</summary>
    public IReadOnlyDictionary<string, double> SmapePercent { get; init; } = new Dictionary<string, double>();
    public double MeanSmapePercent { get; init; }
}

/// <summary>
/// model.json: everything needed to rebuild, check and trust a model in model.safetensors — the basis set (file name and
/// SHA-256) and entry names it was trained on, the acquisition it applies to, the input grid and normalisation, the
/// network and physics settings, the simulation ranges, training seed and steps, validation metrics, where it was
/// validated for clinical use and its training domain (optional sections of format 1: absent means not validated,
/// domain unknown), and the engine version.
/// </summary>
public sealed record ModelCard
{
    public const string CurrentFormat = "mrsnode-neural-model/1";

    public string Format { get; init; } = CurrentFormat;
    public required string Name { get; init; }
    /// <summary>"qnet" or "cnn".</summary>
    public required string Kind { get; init; }
    public required string BasisFile { get; init; }
    public required string BasisSha256 { get; init; }
    public required IReadOnlyList<string> Names { get; init; }
    public required IReadOnlyList<int> Groups { get; init; }
    public required AcquisitionCard Acquisition { get; init; }
    public required GridCard Grid { get; init; }
    public string Normalisation { get; init; } = "window spectrum ÷ its largest magnitude (scale); amplitude = output × scale / kappa";
    public double Kappa { get; init; }
    public int Channels { get; init; }
    public int Hidden { get; init; }
    public PhysicsCard? Physics { get; init; }
    public float[] LossWeights { get; init; } = [];
    public TrainingCard Training { get; init; } = new();
    public ValidationCard? Validation { get; init; }
    /// <summary>Where the model was validated for clinical use; absent: not validated (its estimates are advisory only).</summary>
    public ModelValidityCard? Validity { get; init; }
    /// <summary>The training domain in measured quantities; absent: unknown (every study is treated as outside it).</summary>
    public TrainingDomainCard? Domain { get; init; }
    public string EngineVersion { get; init; } = "";

    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        // The card is read by people too: keep ÷, ×, – and µ as they are (it is a file, not HTML).
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Options);

    public static ModelCard FromJson(string json) =>
        JsonSerializer.Deserialize<ModelCard>(json, Options) ?? throw new JsonException("empty model card");
}
