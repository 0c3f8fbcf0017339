using System.CommandLine;
using MRSNode.Quantification;

namespace MRSNode.Cli.Commands;

/// <summary>--crlb on a command line (quantify and evaluate share it): which amplitudes the CRLB covariance frees.</summary>
internal static class CrlbOption
{
    public static Option<string> Create()
    {
        var option = new Option<string>("--crlb")
        {
            Description = "CRLB covariance: all (every amplitude free, those fitted at zero too; default) or active (amplitudes at zero held fixed, as LCModel).",
            DefaultValueFactory = _ => "all",
        };
        option.AcceptOnlyFromAmong([.. CrlbCovariances.Names]);
        return option;
    }
}
