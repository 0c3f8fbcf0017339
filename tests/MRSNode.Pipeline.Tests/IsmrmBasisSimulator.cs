using MRSNode.Spectroscopy;
using MRSNode.Spectroscopy.Readers;
using MRSNode.SpinSimulation;
using MRSNode.SpinSimulation.Caching;
using MRSNode.SpinSimulation.SpinSystems;
using MRSNode.TestSupport;

namespace MRSNode.Pipeline.Tests;

/// <summary>
/// A stand-in <see cref="IBasisSimulator"/> for the pipeline's tests: the ISMRM 2016 basis (123.26 MHz, within the
/// field tolerance of any 3 T scanner) stamped with the requested TE and sequence, counting its calls.
/// </summary>
internal sealed class IsmrmBasisSimulator : IBasisSimulator
{
    private static readonly Lazy<BasisSet> _ismrm = new(() => LcModelBasisReader.Read(TestData.Path("mrs/ismrm2016/press3T_30ms.BASIS")));

    private int _calls;

    public int Calls => _calls;

    public BasisSet Simulate(BasisSimulationRequest request, IProgress<BasisSimulationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _calls);
        return _ismrm.Value with { EchoTimeMs = request.EchoTimeMs, Sequence = AcquisitionProtocol.SequenceName(request.Sequence) };
    }

    /// <summary>A cache in a new temporary folder simulating with a new instance of this class.</summary>
    public static (SimulatedBasisCache Cache, IsmrmBasisSimulator Simulator) NewCache()
    {
        var simulator = new IsmrmBasisSimulator();
        return (new SimulatedBasisCache(TestData.NewTempFolder(), new BasisSimulation(simulator, SpinSystemLibrary.LoadEmbedded(), "test")), simulator);
    }
}
