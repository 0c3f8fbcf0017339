using System.Globalization;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Cli.Tests.Commands;

[SlowTest]
public class EvaluateCommandTests
{
    private static readonly string _basis = TestData.Path("mrs/ismrm2016/press3T_30ms.BASIS");
    private static readonly string _model = Path.GetFullPath(Path.Combine(TestData.Root, "..", "..", "config", "models", "qnet-press3T-30ms"));

    /// <summary>The mean CRLB column of one row of the evaluation table.</summary>
    private static double MeanCrlb(string table, string name)
    {
        var row = table.Split('\n').Single(l => l.StartsWith($"| {name} |", StringComparison.Ordinal));
        return double.Parse(row.Split('|', StringSplitOptions.TrimEntries)[7], CultureInfo.InvariantCulture);
    }

    [Fact]
    public void Evaluate_CrlbActiveVersusAll_SameEstimatesWiderBoundsWhenAllAreFree()
    {
        string[] common = ["evaluate", "--basis", _basis, "--count", "3", "--snr", "20", "--seed", "5"];

        var all = MrsnodeProcess.Run([.. common]);
        var active = MrsnodeProcess.Run([.. common, "--crlb", "active"]);

        Assert.True(all.ExitCode == 0 && active.ExitCode == 0, all.StdErr + active.StdErr);
        // Progress goes to stderr from the start (issue 23: nothing was printed for the first 15 s), the table to stdout.
        Assert.StartsWith("simulating 3 spectra and fitting them on", all.StdErr);
        Assert.Contains("fitted 3 of 3 (", all.StdErr);
        Assert.DoesNotContain("fitted", all.StdOut);
        Assert.Contains("CRLB over all amplitudes", all.StdOut);
        Assert.Contains("CRLB over the non-zero amplitudes", active.StdOut);
        // The SMAPE column (the estimates) is the same; freeing the amplitudes at zero can only widen a bound.
        string Smape(string table, string name) => table.Split('\n').Single(l => l.StartsWith($"| {name} |", StringComparison.Ordinal)).Split('|')[4];
        foreach (var name in new[] { "NAA", "tCr", "Glx", "tCho" })
        {
            Assert.Equal(Smape(active.StdOut, name), Smape(all.StdOut, name));
            Assert.True(MeanCrlb(all.StdOut, name) >= MeanCrlb(active.StdOut, name) * 0.999, $"{name}: all {MeanCrlb(all.StdOut, name)} < active {MeanCrlb(active.StdOut, name)}");
        }
    }

    [Fact]
    public void Evaluate_UnknownCrlbConvention_ExitsWithTheChoices()
    {
        var r = MrsnodeProcess.Run("evaluate", "--basis", _basis, "--count", "2", "--crlb", "lcmodel");

        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains("lcmodel", r.StdErr + r.StdOut);
        Assert.Contains("active", r.StdErr + r.StdOut);
    }

    [Fact]
    public void Evaluate_SeedModelWithGlobalLineshape_ClearError()
    {
        var r = MrsnodeProcess.Run("evaluate", "--basis", _basis, "--count", "2", "--seed-model", _model);

        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains("--seed-model needs --lineshape group or metabolite", r.StdErr);
    }

    [Fact]
    public void Evaluate_OwnNaaLineshapeAlways_SaysSoInTheHeader()
    {
        var r = MrsnodeProcess.Run("evaluate", "--basis", _basis, "--count", "2", "--snr", "50", "--seed", "3", "--own-naa-lineshape", "always");

        Assert.True(r.ExitCode == 0, r.StdErr);
        Assert.Contains("LCM lineshape Global, tNAA's own lineshape Always;", r.StdOut);
        Assert.Contains("| tNAA |", r.StdOut);
    }

    [Fact]
    public void Evaluate_OwnNaaLineshapeUnknown_ClearError()
    {
        var r = MrsnodeProcess.Run("evaluate", "--basis", _basis, "--count", "2", "--own-naa-lineshape", "sometimes");

        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains("unknown --own-naa-lineshape 'sometimes': use misfit, always or never", r.StdErr);
    }

    [Fact]
    public void Evaluate_ModelComparisonSeeded_SaysWhereTheLcmStarted()
    {
        var r = MrsnodeProcess.Run("evaluate", "--basis", _basis, "--model", _model, "--seed-model", _model, "--protocol", "hatami",
            "--count", "2", "--snr", "0", "--seed", "3", "--lineshape", "metabolite", "--shift-sd", "5.77", "--damping-sd", "2.89");

        Assert.True(r.ExitCode == 0, r.StdErr);
        Assert.Contains("lineshapes started from model qnet-press3T-30ms", r.StdOut);
        Assert.Contains("| NAA |", r.StdOut);
        Assert.Contains("qnet's predicted lineshapes against the truth (every metabolite of every spectrum): |shift error| median", r.StdOut);
    }

    [Fact]
    public void Evaluate_OracleOnHatamiProtocol_PrintsTheFloorBelowLeastSquares()
    {
        var r = MrsnodeProcess.Run("evaluate", "--basis", _basis, "--protocol", "hatami", "--oracle", "--count", "6", "--snr", "10", "--seed", "4");

        Assert.True(r.ExitCode == 0, r.StdErr);
        var mean = r.StdOut.Split('\n').Single(l => l.StartsWith("| mean (metabolites) |", StringComparison.Ordinal))
            .Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(4, mean.Length);
        Assert.True(mean[0] > mean[1] && mean[1] > mean[2] && mean[2] >= mean[3], string.Join(", ", mean));
    }

    [Fact]
    public void Evaluate_OracleOnInVivoProtocol_ClearError()
    {
        var r = MrsnodeProcess.Run("evaluate", "--basis", _basis, "--protocol", "invivo", "--oracle", "--count", "2");

        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains("--oracle needs --protocol hatami", r.StdErr);
    }
}
