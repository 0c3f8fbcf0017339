using System.CommandLine;
using MRSNode.Quantification;

namespace MRSNode.Cli.Commands;

/// <summary>The LCM fit's lineshape freedom and priors on a command line (quantify and evaluate share them).</summary>
internal sealed class LineshapeOptions
{
    public Option<string> Freedom { get; } = new("--lineshape")
    {
        Description = "LCM lineshape freedom: global (one shift and damping for all; default), group or metabolite (each its own, with Gaussian priors).",
        DefaultValueFactory = _ => "global",
    };

    public Option<double?> ShiftSd { get; } = new("--shift-sd") { Description = "Prior SD (Hz) of a component's own shift (with --lineshape group|metabolite; default 0.5, LCModel's)." };

    public Option<double?> DampingSd { get; } = new("--damping-sd") { Description = "Prior SD (Hz, FWHM) of a component's damping deviation (default 0.15, LCModel's)." };

    public Option<string> OwnNaa { get; } = new("--own-naa-lineshape")
    {
        Description = "When a fit gives tNAA its own shift and damping: misfit (where the common lineshape leaves more than noise: brain fits whose baseline the data free, lipid-rich fits whose residual exceeds 2 noise SDs; default), always (every fit) or never.",
        DefaultValueFactory = _ => "misfit",
    };

    public FitOptions Read(ParseResult parse) => FitOptionsFrom(parse.GetValue(Freedom)!, parse.GetValue(ShiftSd), parse.GetValue(DampingSd)) with
    {
        OwnNaaLineshape = parse.GetValue(OwnNaa) switch
        {
            "misfit" => Quantification.OwnNaaLineshape.WhereMisfit,
            "always" => Quantification.OwnNaaLineshape.Always,
            "never" => Quantification.OwnNaaLineshape.Never,
            var other => throw new ArgumentException($"unknown --own-naa-lineshape '{other}': use misfit, always or never"),
        },
    };

    /// <summary>"LCM lineshape …" for a table's header, with the priors when they are used.</summary>
    internal static string Describe(FitOptions fit) => (fit.Freedom == LineshapeFreedom.Global
        ? "LCM lineshape Global"
        : FormattableString.Invariant($"LCM lineshape {fit.Freedom} (shift SD {fit.ShiftSdHz} Hz, damping SD {fit.DampingSdHz} Hz)"))
        + (fit.OwnNaaLineshape == FitOptions.Default.OwnNaaLineshape ? "" : $", tNAA's own lineshape {fit.OwnNaaLineshape}");

    /// <summary>The fit options a command line asks for: the defaults, with the lineshape freedom and priors given.</summary>
    internal static FitOptions FitOptionsFrom(string lineshape, double? shiftSdHz, double? dampingSdHz)
    {
        var fit = FitOptions.Default with { Freedom = FitOptions.ParseFreedom(lineshape) };
        if (shiftSdHz is { } s)
        {
            fit = s > 0 ? fit with { ShiftSdHz = s } : throw new ArgumentException("--shift-sd must be above 0 Hz");
        }
        if (dampingSdHz is { } d)
        {
            fit = d > 0 ? fit with { DampingSdHz = d } : throw new ArgumentException("--damping-sd must be above 0 Hz");
        }
        return fit;
    }
}
