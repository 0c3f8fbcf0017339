using System.Numerics;
using MRSNode.Quantification.Fitting;
using MRSNode.Spectroscopy;
using Xunit;
using Xunit.Abstractions;
using MRSNode.TestSupport;

namespace MRSNode.Quantification.Tests.Fitting;

[UnitTest]
public class LineshapeModelTests(ITestOutputHelper output)
{
    /// <summary>
    /// Central differences of step h err by h²/6·f''' against f'. Each parameter enters as e^{(2πi·shift − π·damping)t}
    /// (or e^{−c·G²t²}, or e^{−iφ}) with t ≤ 0.51 s here, so f'''/f' is at most about (2π·0.51)² ≈ 10 per Hz² (per rad² for
    /// the phases): with h = 1e-4 the truncation is ~2e-8 of the column, and rounding (1e-16·|f| / h) is ~1e-12 of it.
    /// 1e-6 of the column's largest value leaves room for both and still fails any wrong factor or sign.
    /// </summary>
    private const double Step = 1e-4;
    private const double RelativeTolerance = 1e-6;

    private static readonly string[] Kinds = ["shift", "Lorentzian", "Gaussian (FWHM²)", "zero-order phase", "first-order phase"];

    [Theory]
    [InlineData(LineshapeFreedom.Global, false)]
    [InlineData(LineshapeFreedom.PerMetabolite, false)]
    [InlineData(LineshapeFreedom.PerMetabolite, true)]
    public void ModelDerivatives_EveryParameterKind_MatchesCentralDifferences(LineshapeFreedom freedom, bool ownWidths)
    {
        var setup = IsmrmSetup.Create(freedom, ownWidths);
        var (model, amplitudes, data) = (setup.Model, setup.Amplitudes, setup.DataWindow);
        var p = Point(model);
        var analytic = model.ModelDerivatives(p, amplitudes);
        var dataAnalytic = model.PhasedDataDerivatives(p, data);
        Assert.Equal(model.ParameterCount, analytic.Length);
        for (int q = 0; q < model.ParameterCount; q++)
        {
            var numeric = CentralDifference(pp => Model(model, pp, amplitudes), p, q);
            var numericData = CentralDifference(pp => model.PhasedData(pp, data), p, q);
            double scale = Math.Max(MaxAbs(numeric), MaxAbs(numericData));
            double error = MaxAbsDifference(analytic[q], numeric);
            double dataError = MaxAbsDifference(dataAnalytic[q] ?? new double[numericData.Length], numericData);
            output.WriteLine($"{Kind(q)}: max |d| {scale:G4}, model error {error / scale:G3}, data error {dataError / scale:G3}");
            Assert.True(scale > 0, $"{Kind(q)} moves nothing");
            Assert.InRange(error, 0, RelativeTolerance * scale);
            Assert.InRange(dataError, 0, RelativeTolerance * scale);
        }
    }

    [Fact]
    public void ModelDerivatives_NegativeLorentzian_ColumnChangesSignWithIt()
    {
        // The model uses |L|: at −L its derivative is minus that at +L (and the central difference agrees).
        var (model, amplitudes, _) = IsmrmModel(LineshapeFreedom.Global);
        var p = Point(model);
        var minus = (double[])p.Clone();
        minus[LineshapeParameters.LorentzHz] = -p[LineshapeParameters.LorentzHz];
        var positive = model.ModelDerivatives(p, amplitudes)[LineshapeParameters.LorentzHz];
        var negative = model.ModelDerivatives(minus, amplitudes)[LineshapeParameters.LorentzHz];
        var numeric = CentralDifference(pp => Model(model, pp, amplitudes), minus, LineshapeParameters.LorentzHz);
        Assert.Equal(0, MaxAbsDifference(negative, positive.Select(v => -v).ToArray()), 12);
        Assert.InRange(MaxAbsDifference(negative, numeric), 0, RelativeTolerance * MaxAbs(numeric));
    }

    /// <summary>The ISMRM basis on the challenge grid, the fitter's default window (0.2–4.0 ppm), groups per freedom, a synthetic spectrum.</summary>
    internal static (LineshapeModel Model, double[] Amplitudes, Complex[] DataWindow) IsmrmModel(LineshapeFreedom freedom)
    {
        var setup = IsmrmSetup.Create(freedom);
        return (setup.Model, setup.Amplitudes, setup.DataWindow);
    }

    /// <summary>A point away from every special value: shift 2.5 Hz, L 3 Hz, G 4 Hz (G² 16 Hz²), φ0 0.6, φ1 0.05; groups' δ and ε alternate in sign.</summary>
    internal static double[] Point(LineshapeModel model)
    {
        var p = new double[model.ParameterCount];
        p[LineshapeParameters.ShiftHz] = 2.5;
        p[LineshapeParameters.LorentzHz] = 3;
        p[LineshapeParameters.GaussSquaredHz2] = 16;
        p[LineshapeParameters.Phase0Rad] = 0.6;
        p[LineshapeParameters.Phase1RadPerPpm] = 0.05;
        for (int g = 0; g < model.GroupCount; g++)
        {
            p[LineshapeParameters.GroupShift(g)] = g % 2 == 0 ? 0.7 : -0.4;
            p[LineshapeParameters.GroupDamping(g)] = g % 2 == 0 ? -0.3 : 0.5;
            if (model.GroupGaussParameter(g) is int own and >= 0)
            {
                p[LineshapeParameters.GroupDamping(g)] = 5; // a width of its own, not a deviation
                p[own] = 30;
            }
        }
        return p;
    }

    internal static string Kind(int q) => q < LineshapeParameters.GlobalCount
        ? Kinds[q]
        : $"group parameter {q - LineshapeParameters.GlobalCount}";

    private static double[] Model(LineshapeModel model, double[] p, double[] amplitudes)
    {
        var columns = model.Columns(p);
        var sum = new double[columns[0].Length];
        for (int j = 0; j < columns.Length; j++)
        {
            for (int k = 0; k < sum.Length; k++)
            {
                sum[k] += amplitudes[j] * columns[j][k];
            }
        }
        return sum;
    }

    internal static double[] CentralDifference(Func<double[], double[]> f, double[] p, int q)
    {
        var up = (double[])p.Clone();
        var down = (double[])p.Clone();
        up[q] += Step;
        down[q] -= Step;
        var a = f(up);
        var b = f(down);
        return a.Zip(b, (x, y) => (x - y) / (2 * Step)).ToArray();
    }

    private static double MaxAbs(double[] v) => v.Max(Math.Abs);

    private static double MaxAbsDifference(double[] a, double[] b) => a.Zip(b, (x, y) => Math.Abs(x - y)).Max();
}
