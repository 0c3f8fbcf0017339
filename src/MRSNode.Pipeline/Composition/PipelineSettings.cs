using MRSNode.Neural.Backend;
using MRSNode.Quantification;

namespace MRSNode.Pipeline.Composition;

/// <summary>
/// Everything that decides how a study is quantified, in one record: the node maps its Processing options to it, the
/// CLI its command line (each in one place), and <see cref="PipelineComposer"/> turns it into a pipeline. Defaults
/// are the node's shipped ones.
/// </summary>
public sealed record PipelineSettings
{
    /// <summary>config/ beside the executable: basis-sets/, models/, reference-ranges.json, confidence-checks.json.</summary>
    public static string ShippedConfigDirectory => Path.Combine(AppContext.BaseDirectory, "config");

    public string ConfigDirectory { get; init; } = ShippedConfigDirectory;

    /// <summary>
    /// lcm (the default: the validated method), neural or both (every installed method; the neural one as an advisory
    /// second opinion, see <see cref="NeuralAdvisor"/>); anything but lcm loads the models in config/models.
    /// </summary>
    public MethodSelection Method { get; init; } = MethodSelection.Lcm;

    /// <summary>The LCM fit's lineshape freedom and priors.</summary>
    public FitOptions Fit { get; init; } = FitOptions.Default;

    public CrlbCovariance CrlbCovariance { get; init; } = LcmOptions.Default.CrlbCovariance;

    public RatioPriorSet RatioPriors { get; init; } = LcmOptions.Default.RatioPriors;

    public WaterScalingSettings WaterScaling { get; init; } = WaterScalingSettings.LcModelDefaults;

    /// <summary>A site's reference-range file, used before the shipped ranges (node: Processing:SiteReferenceRanges; CLI: --site-ranges); null: none.</summary>
    public string? SiteReferenceRanges { get; init; }

    /// <summary>Where the neural method computes.</summary>
    public ComputeDevice Device { get; init; } = ComputeDevice.Cpu;

    /// <summary>CPU threads of the neural method's backend: one, as each job is one worker's.</summary>
    public int NeuralThreads { get; init; } = 1;

    /// <summary>Research use only (never the node's): quantify with a basis set made for another TE, field or sequence, saying so on every output.</summary>
    public bool AllowBasisMismatch { get; init; }

    /// <summary>
    /// Where basis sets simulated on a manifest miss are cached (node: Processing:BasisCacheDirectory, default
    /// &lt;DataDirectory&gt;/basis-cache; CLI: --basis-cache, default under the user's cache folder); null: no simulation,
    /// an acquisition without a manifest entry is refused.
    /// </summary>
    public string? BasisCacheDirectory { get; init; }

    /// <summary>Whether a run loads neural models (and so needs a compute backend): not for lcm.</summary>
    public bool UsesModels => Method != MethodSelection.Lcm;

    public string ModelsDirectory => Path.Combine(ConfigDirectory, "models");

    public string BasisManifest => Path.Combine(ConfigDirectory, "basis-sets", "manifest.json");

    /// <summary>The LCM options these settings give (the water scaling comes with each request).</summary>
    public LcmOptions Lcm => LcmOptions.Default with { Fit = Fit, CrlbCovariance = CrlbCovariance, RatioPriors = RatioPriors };

    /// <summary>A job on these files with these settings' method, water scaling and basis manifest.</summary>
    public QuantificationRequest Request(IReadOnlyList<string> metaboliteFiles, IReadOnlyList<string>? waterFiles = null) => new()
    {
        MetaboliteFiles = metaboliteFiles,
        WaterFiles = waterFiles ?? [],
        BasisManifest = BasisManifest,
        Method = Method,
        WaterScaling = WaterScaling,
        AllowBasisMismatch = AllowBasisMismatch,
    };
}
