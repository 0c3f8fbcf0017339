using System.Numerics;
using MRSNode.Spectroscopy;

namespace MRSNode.SpinSimulation.Tests.Caching;

/// <summary>An <see cref="IBasisSimulator"/> that counts its calls and returns singlets (NAA at 2.008, Cr at 3.027 ppm).</summary>
internal sealed class FakeBasisSimulator : IBasisSimulator
{
    private int _calls;

    public int Calls => _calls;

    public BasisSet Simulate(BasisSimulationRequest request, IProgress<BasisSimulationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _calls);
        var names = request.Metabolites ?? ["NAA", "Cr"];
        var metabolites = new List<BasisMetabolite>();
        for (int i = 0; i < names.Count; i++)
        {
            double ppm = names[i].Equals("Cr", StringComparison.OrdinalIgnoreCase) ? 3.027 : 2.008;
            metabolites.Add(new BasisMetabolite(names[i], Singlet(request, ppm)));
            progress?.Report(new BasisSimulationProgress(i + 1, names.Count, names[i]));
        }
        return new BasisSet(metabolites, request.FrequencyMHz, 1 / request.SpectralWidthHz, request.Points, request.EchoTimeMs, "fake")
        {
            ReferencePpm = request.ReferencePpm,
            Sequence = request.Sequence.ToString(),
        };
    }

    private static Complex[] Singlet(BasisSimulationRequest request, double ppm)
    {
        var fid = new Complex[request.Points];
        double f = (request.ReferencePpm - ppm) * request.FrequencyMHz;
        for (int t = 0; t < fid.Length; t++)
        {
            double time = t / request.SpectralWidthHz;
            fid[t] = Complex.Exp(new Complex(-Math.PI * 3 * time, 2 * Math.PI * f * time));
        }
        return fid;
    }
}
