using System.CommandLine;
using MRSNode.Neural.Backend;
using MRSNode.Pipeline;
using MRSNode.Pipeline.Composition;
using MRSNode.Quantification;
using Relaxation = MRSNode.Quantification.Relaxation;

namespace MRSNode.Cli.Commands;

/// <summary>
/// The command-line options that decide how a study is quantified, and the CLI's one mapping from them to
/// <see cref="PipelineSettings"/>. quantify carries them all; bench fit and evaluate carry the LCM fit's (an option a
/// command does not carry reads as its default).
/// </summary>
internal sealed class PipelineOptions(string ratioPriorsNote = "lcmodel by default")
{
    public Option<DirectoryInfo?> Config { get; } = new("--config") { Description = "Configuration folder (basis-sets/, models/, reference-ranges.json, confidence-checks.json); default: the one beside mrsnode." };

    public Option<string> Method { get; } = MethodOption();

    public LineshapeOptions Lineshape { get; } = new();

    public Option<string> Crlb { get; } = CrlbOption.Create();

    public Option<string?> RatioPriors { get; } = RatioPriorOption.Create(ratioPriorsNote);

    public Option<double> WaterConcentration { get; } = new("--water-concentration") { Description = "MR-visible water concentration, mM (LCModel WCONC).", DefaultValueFactory = _ => WaterScalingSettings.LcModelDefaults.WaterConcentrationMm };

    public Option<double> WaterAttenuation { get; } = new("--water-attenuation") { Description = "Water relaxation attenuation (LCModel ATTH2O).", DefaultValueFactory = _ => WaterScalingSettings.LcModelDefaults.WaterAttenuation };

    public Option<double> MetaboliteAttenuation { get; } = new("--metabolite-attenuation") { Description = "Metabolite relaxation attenuation (LCModel ATTMET).", DefaultValueFactory = _ => WaterScalingSettings.LcModelDefaults.MetaboliteAttenuation };

    public Option<string?> TissueFractions { get; } = new("--tissue-fractions") { Description = "The voxel's grey matter, white matter and CSF fractions \"gm,wm,csf\" (e.g. 0.6,0.3,0.1): concentrations are then corrected for partial volume and field-specific relaxation (Gasparovic 2006) and given in mM (molal); without, they are institutional units (i.u.). Replaces --water-concentration and the attenuations." };

    public Option<FileInfo?> SiteRanges { get; } = new("--site-ranges") { Description = "A site's reference-range file (the format of config/reference-ranges.json); its ranges are used before the shipped ones." };

    public Option<string> Device { get; } = DeviceOption();

    public Option<bool> AllowBasisMismatch { get; } = new("--allow-basis-mismatch") { Description = "Research use: quantify even when the basis set was made for another echo time, field or sequence; the mismatch is printed on every output and the verdict is at best \"review\"." };

    public Option<DirectoryInfo?> BasisCache { get; } = new("--basis-cache") { Description = "Folder of basis sets simulated when no manifest entry matches the acquisition (reused, not simulated again); default: mrsnode/basis-cache in the user's cache folder." };

    public Option<bool> NoBasisSimulation { get; } = new("--no-basis-simulation") { Description = "Refuse an acquisition no basis-set manifest entry matches instead of simulating its basis set." };

    /// <summary>The settings the command line asks for; <paramref name="ratioPriorsWhenNotGiven"/> when --ratio-priors is not given.</summary>
    public PipelineSettings Read(ParseResult parse, RatioPriorSet ratioPriorsWhenNotGiven = RatioPriorSet.LcModel)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var defaults = new PipelineSettings();
        return new PipelineSettings
        {
            ConfigDirectory = parse.GetValue(Config)?.FullName ?? defaults.ConfigDirectory,
            Method = parse.GetResult(Method) is null ? defaults.Method : MethodSelections.Parse(parse.GetValue(Method)!),
            Fit = Lineshape.Read(parse),
            CrlbCovariance = parse.GetResult(Crlb) is null ? defaults.CrlbCovariance : CrlbCovariances.Parse(parse.GetValue(Crlb)!),
            RatioPriors = RatioPriorOption.Read(parse, RatioPriors, ratioPriorsWhenNotGiven),
            WaterScaling = new WaterScalingSettings(
                Given(parse, WaterConcentration, defaults.WaterScaling.WaterConcentrationMm),
                Given(parse, WaterAttenuation, defaults.WaterScaling.WaterAttenuation),
                Given(parse, MetaboliteAttenuation, defaults.WaterScaling.MetaboliteAttenuation))
            {
                Tissue = parse.GetResult(TissueFractions) is null ? null : Relaxation.TissueFractions.Parse(parse.GetValue(TissueFractions)!),
                TissueSource = "--tissue-fractions",
            },
            SiteReferenceRanges = parse.GetResult(SiteRanges) is null ? null : parse.GetValue(SiteRanges)?.FullName,
            Device = parse.GetResult(Device) is null ? defaults.Device : ComputeDevices.Parse(parse.GetValue(Device)!),
            AllowBasisMismatch = parse.GetResult(AllowBasisMismatch) is not null && parse.GetValue(AllowBasisMismatch),
            BasisCacheDirectory = BasisCacheDirectory(parse),
        };
    }

    /// <summary>Null (no simulation) for a command without --basis-cache or with --no-basis-simulation; else the folder given or the default.</summary>
    private string? BasisCacheDirectory(ParseResult parse)
    {
        if (parse.CommandResult.Command.Options.All(o => o != BasisCache) || (parse.GetResult(NoBasisSimulation) is not null && parse.GetValue(NoBasisSimulation)))
        {
            return null;
        }
        return parse.GetValue(BasisCache)?.FullName ?? DefaultBasisCache();
    }

    /// <summary>$XDG_CACHE_HOME or ~/.cache (Linux, macOS), %LOCALAPPDATA% (Windows), then mrsnode/basis-cache.</summary>
    private static string DefaultBasisCache()
    {
        var root = OperatingSystem.IsWindows()
            ? Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData)
            : Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return Path.Combine(root, "mrsnode", "basis-cache");
    }

    /// <summary>The option's value, or <paramref name="whenAbsent"/> for an option this command does not carry (which would read as default(T)).</summary>
    private static T Given<T>(ParseResult parse, Option<T> option, T whenAbsent) =>
        parse.GetResult(option) is null ? whenAbsent : parse.GetValue(option)!;

    private static Option<string> MethodOption()
    {
        var method = new Option<string>("--method") { Description = "lcm (default), neural or both (the neural model as an advisory second opinion).", DefaultValueFactory = _ => "lcm" };
        method.AcceptOnlyFromAmong([.. MethodSelections.Names]);
        return method;
    }

    private static Option<string> DeviceOption()
    {
        var device = new Option<string>("--device") { Description = "Where the neural method computes: cpu, cuda, or auto (the GPU when usable, else the CPU with one line saying why).", DefaultValueFactory = _ => "cpu" };
        device.AcceptOnlyFromAmong([.. ComputeDevices.Names]);
        return device;
    }
}
