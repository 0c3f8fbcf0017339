using System.CommandLine;
using MRSNode.Quantification;

namespace MRSNode.Cli.Commands;

/// <summary>--ratio-priors on a command line (quantify and evaluate share it): LCModel's soft concentration-ratio priors or none.</summary>
internal static class RatioPriorOption
{
    public static Option<string?> Create(string defaultNote = "lcmodel by default")
    {
        var option = new Option<string?>("--ratio-priors")
        {
            Description = $"Soft concentration-ratio priors: lcmodel (LCModel 6.3's brain defaults: Asp, GABA, Glc, scyllo-inositol, Tau against NAA+Cr+Cho, GSH against Gln+GSH, lipid/MM ratios) or none; {defaultNote}.",
        };
        option.AcceptOnlyFromAmong([.. RatioPriorSets.Names]);
        return option;
    }

    /// <summary>The set asked for, or <paramref name="fallback"/> when the option was not given.</summary>
    public static RatioPriorSet Read(ParseResult parse, Option<string?> option, RatioPriorSet fallback = RatioPriorSet.LcModel) =>
        parse.GetValue(option) is { } name ? RatioPriorSets.Parse(name) : fallback;
}
