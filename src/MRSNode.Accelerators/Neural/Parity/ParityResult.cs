using System.Globalization;

namespace MRSNode.Accelerators.Neural.Parity;

/// <summary>
/// One op checked against CpuBackend: the largest difference over every output it writes, each divided by the larger
/// of 1 and that output's largest reference magnitude (relative where values are large, absolute near 0), and the
/// op's tolerance.
/// </summary>
public sealed record ParityResult(string Operation, double MaxError, double Tolerance)
{
    public bool Passed => MaxError <= Tolerance;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{(Passed ? "PASS" : "FAIL")}  {Operation,-22} max error {MaxError:0.00E+00}  (tolerance {Tolerance:0.0E+00})");
}
