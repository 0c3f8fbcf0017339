using MRSNode.Neural.Backend;
using MRSNode.Pipeline;
using MRSNode.Pipeline.Composition;
using MRSNode.Quantification;
using MRSNode.Quantification.Neural;
using MRSNode.Quantification.Neural.Serialization;
using MRSNode.Spectroscopy.Readers;
using MRSNode.TestSupport;
using Xunit;
using Xunit.Abstractions;

namespace MRSNode.Evaluation.Tests;

/// <summary>The per-metabolite LCM fit started from the shipped QNet model's predicted lineshapes.</summary>
[SlowTest]
public class LineshapeSeedingTests(ITestOutputHelper output)
{
    [Fact]
    public void Run_QNetLineshapeSeed_PoolErrorsNoWorseThanTheCommonStart()
    {
        var basis = LcModelBasisReader.Read(TestData.Path("mrs/ismrm2016/press3T_30ms.BASIS"));
        var (model, card) = ModelDirectory.Load(Path.Combine(TestData.Root, "..", "..", "config", "models", "qnet-press3T-30ms"), basis, new CpuBackend(1));
        var lcm = new PipelineSettings { Fit = FitOptions.Default with { Freedom = LineshapeFreedom.PerMetabolite, ShiftSdHz = 1.73, DampingSdHz = 2.3 } }.Lcm;

        var plain = AccuracyEvaluation.Run(basis, 12, 50, 2016, lcm: lcm);
        var seeded = AccuracyEvaluation.Run(basis, 12, 50, 2016, lcm: lcm, lineshapeModel: new NeuralQuantifier(model, card));

        double Pools(IReadOnlyList<MetaboliteAccuracy> rows) => rows.Where(r => AccuracyEvaluation.Pools.Contains(r.Name)).Sum(r => r.SmapePercent);
        output.WriteLine($"sum of pool SMAPE: from the common lineshape {Pools(plain):F1} %, from QNet's lineshapes {Pools(seeded):F1} %");
        // Measured: 29.9 % from the common lineshape, 30.8 % from QNet's (with LCModel's parametric lipids/MM always
        // fitted and the baseline stiffness chosen per spectrum; before them 32.0 and 31.3 %). Before the fit's gradient
        // was exact the common start stopped in nearby minima (47.2 % against 34.4 % seeded). On these 12 spectra the
        // two starts are within a point of each other: the seed must not cost more than that, and the common start
        // must do at least as well as the seed once did.
        Assert.True(Pools(seeded) <= Pools(plain) + 1.5, $"seeded {Pools(seeded):F1} % vs plain {Pools(plain):F1} %");
        Assert.InRange(Pools(plain), 0, 34.4);
    }

    [Fact]
    public void LineshapeDeviations_TwoComponents_AreAboutTheirMeans()
    {
        var result = new NeuralResult([], [], 0, 0, 0, new Dictionary<string, double>())
        {
            Lineshapes = new Dictionary<string, (double, double)> { ["NAA"] = (1, 2), ["Cr"] = (3, 6) },
        };

        var deviations = result.LineshapeDeviations()!;

        Assert.Equal((-1.0, -2.0), deviations["NAA"]);
        Assert.Equal((1.0, 2.0), deviations["Cr"]);
        Assert.Null((result with { Lineshapes = null }).LineshapeDeviations());
    }

    [Fact]
    public void LineshapeStart_TwoComponents_CarriesTheMeanDampingAndTheGaussian()
    {
        var result = new NeuralResult([], [], 0, 0, 0, new Dictionary<string, double>())
        {
            Lineshapes = new Dictionary<string, (double, double)> { ["NAA"] = (1, 2), ["Cr"] = (3, 6) },
            GaussianHz = 3.5,
        };

        var start = result.LineshapeStart()!;
        var perMetabolite = start.ApplyTo(FitOptions.Default with { Freedom = LineshapeFreedom.PerMetabolite });
        var global = start.ApplyTo(FitOptions.Default);

        Assert.Equal(4.0, start.LorentzHz);
        Assert.Equal(3.5, start.GaussHz);
        Assert.Equal((1.0, 2.0), perMetabolite.InitialDeviations!["Cr"]);
        Assert.Equal(4.0, perMetabolite.InitialLorentzHz);
        Assert.Equal(3.5, perMetabolite.InitialGaussHz);
        Assert.Same(FitOptions.Default, global);
        Assert.Null((result with { Lineshapes = null }).LineshapeStart());
    }
}
