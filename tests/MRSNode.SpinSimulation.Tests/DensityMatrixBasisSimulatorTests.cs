using System.Collections.Concurrent;
using MRSNode.Spectroscopy;
using MRSNode.Spectroscopy.Readers;
using MRSNode.SpinSimulation.SpinSystems;
using MRSNode.TestSupport;
using Xunit;
using static MRSNode.SpinSimulation.Tests.TestSpinSystems;

namespace MRSNode.SpinSimulation.Tests;

[UnitTest]
public class DensityMatrixBasisSimulatorTests
{
    private static BasisSimulationRequest Press30(params string[] metabolites) => new()
    {
        FrequencyMHz = 123.261703, Sequence = LocalizationSequence.Press, EchoTimeMs = 30, Te1Ms = 11, Te2Ms = 19,
        Metabolites = metabolites.Length == 0 ? null : metabolites,
    };

    private static DensityMatrixBasisSimulator Simulator() =>
        new(Library(NaaAcetyl(), SpinSystemLibrary.LoadEmbedded().Find("Cr")!, SpinSystemLibrary.LoadEmbedded().Find("Lac")!));

    [Fact]
    public void Simulate_Creatine_FidStartsAtItsFiveProtons()
    {
        var basis = Simulator().Simulate(Press30("Cr"));

        var fid = Assert.Single(basis.Metabolites).Fid;
        Assert.Equal(5.0, fid[0].Real, 9);
        Assert.Equal(0.0, fid[0].Imaginary, 9);
        Assert.Equal(4096, fid.Length);
    }

    [Fact]
    public void Simulate_Singlets_PeakWhereTheIsmrmBasisHasThem()
    {
        var ismrm = LcModelBasisReader.Read(TestData.Path("mrs/ismrm2016/press3T_30ms.BASIS"));

        var simulated = Simulator().Simulate(Press30("NAA", "Cr") with { LinewidthHz = 2 });

        Assert.Equal(ismrm.ReferencePpm, simulated.ReferencePpm);
        foreach (var (name, low, high, expected) in new[] { ("NAA", 1.9, 2.1, 2.008), ("Cr", 2.95, 3.1, 3.027) })
        {
            double ours = simulated.Axis.PeakPpm(simulated.Find(name)!.Fid, low, high);
            double theirs = ismrm.Axis.PeakPpm(ismrm.Find(name)!.Fid, low, high);
            Assert.Equal(theirs, ours, 3);
            Assert.Equal(expected, ours, 2);
        }
    }

    [Fact]
    public void Simulate_Request_RecordsProtocolAndProvenance()
    {
        var basis = Simulator().Simulate(Press30("Lac"));

        Assert.Equal("PRESS", basis.Sequence);
        Assert.Equal(30, basis.EchoTimeMs);
        Assert.Equal(4.65, basis.ReferencePpm);
        Assert.Equal(1 / 4000.0, basis.DwellTimeSeconds);
        Assert.Equal("MRSNode density-matrix simulation, PRESS TE1 11 / TE2 19 ms, 123.262 MHz, ideal pulses, spin systems v99", basis.Source);
    }

    [Theory]
    [InlineData(LocalizationSequence.Steam, "STEAM")]
    [InlineData(LocalizationSequence.SemiLaser, "sLASER")]
    [InlineData(LocalizationSequence.Special, "SPECIAL")]
    [InlineData(LocalizationSequence.MegaPress, "MEGA-PRESS")]
    public void Simulate_EachSequence_NamedAsBasisSetsSpellIt(LocalizationSequence sequence, string expected)
    {
        var request = Press30("Cr") with { Sequence = sequence, Editing = new EditingPulse { OnPpm = 1.9, OffPpm = 7.5 } };

        var basis = Simulator().Simulate(request);

        Assert.Equal(expected, basis.Sequence);
        Assert.Equal(sequence == LocalizationSequence.MegaPress ? 0.0 : 5.0, basis.Metabolites[0].Fid[0].Real, 9);
    }

    [Fact]
    public void Simulate_AllMetabolites_OneFidEachInLibraryOrderAndProgressToTotal()
    {
        var reports = new ConcurrentBag<BasisSimulationProgress>();

        var basis = Simulator().Simulate(Press30(), new SynchronousProgress(reports.Add));

        Assert.Equal(["NAA", "Cr", "Lac"], basis.Metabolites.Select(m => m.Name));
        Assert.Equal([1, 2, 3], reports.Select(r => r.Done).Order());
        Assert.All(reports, r => Assert.Equal(3, r.Total));
    }

    [Fact]
    public void Simulate_ShippedLibraryPress_EveryMetaboliteFiniteAndNoHang()
    {
        var simulator = new DensityMatrixBasisSimulator();
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var basis = simulator.Simulate(Press30());

        // A hang detector only (the speed is measured by `mrsnode bench basis`, docs/benchmarks.md): under a second there.
        Assert.InRange(watch.Elapsed.TotalSeconds, 0, 300);
        Assert.Equal(simulator.Library.Metabolites.Select(m => m.Name), basis.Metabolites.Select(m => m.Name));
        Assert.All(basis.Metabolites, m => Assert.True(m.Fid.All(z => double.IsFinite(z.Real) && double.IsFinite(z.Imaginary)) && m.Fid[0].Magnitude > 0.1, m.Name));
    }

    [Fact]
    public void Simulate_UnknownMetabolite_ThrowsListingKnownOnes()
    {
        var ex = Assert.Throws<ArgumentException>(() => Simulator().Simulate(Press30("Unobtainium")));

        Assert.Contains("Unobtainium", ex.Message, StringComparison.Ordinal);
        Assert.Contains("NAA, Cr, Lac", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Simulate_CancelledToken_ThrowsOperationCanceled()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => Simulator().Simulate(Press30(), cancellationToken: cts.Token));
    }

    [Fact]
    public void Simulate_CancelledAfterFirstMetabolite_StopsWithOperationCanceled()
    {
        using var cts = new CancellationTokenSource();
        int reports = 0;
        var many = Library(Enumerable.Range(0, 40).Select(i => Metabolite($"M{i}", Group([Spin("A", 3.0), Spin("B", 2.9), Spin("C", 2.5), Spin("D", 2.0), Spin("E", 1.5)],
            Coupling("A", "B", 7), Coupling("B", "C", 7), Coupling("C", "D", 7), Coupling("D", "E", 7)))).ToArray());

        Assert.ThrowsAny<OperationCanceledException>(() => new DensityMatrixBasisSimulator(many).Simulate(Press30(),
            new SynchronousProgress(_ => { Interlocked.Increment(ref reports); cts.Cancel(); }), cts.Token));
        Assert.InRange(reports, 1, 4);
    }

    [Fact]
    public void Simulate_CouplingToMissingSpin_ThrowsArgumentExceptionNotAggregate()
    {
        var broken = Library(Metabolite("Bad", Group([Spin("A", 3.0)], Coupling("A", "Z", 7))));

        var ex = Assert.Throws<ArgumentException>(() => new DensityMatrixBasisSimulator(broken).Simulate(Press30()));

        Assert.Contains("Bad", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Simulate_LinewidthGiven_FidDecaysAsLorentzian()
    {
        var basis = Simulator().Simulate(Press30("NAA") with { LinewidthHz = 4 });

        var fid = basis.Metabolites[0].Fid;
        // |fid(t)| = 3·exp(−π·LW·t) at t = 100 points of 0.25 ms.
        Assert.Equal(3 * Math.Exp(-Math.PI * 4 * 0.025), fid[100].Magnitude, 9);
    }

    /// <summary>Reports on the calling thread (Progress&lt;T&gt; posts to the thread pool, too late for an assertion).</summary>
    private sealed class SynchronousProgress(Action<BasisSimulationProgress> report) : IProgress<BasisSimulationProgress>
    {
        public void Report(BasisSimulationProgress value) => report(value);
    }
}
