using System.Runtime.ExceptionServices;
using MRSNode.Spectroscopy;
using MRSNode.SpinSimulation.Engine;
using MRSNode.SpinSimulation.Sequences;
using MRSNode.SpinSimulation.SpinSystems;

namespace MRSNode.SpinSimulation;

/// <summary>
/// Simulates a basis set with the density-matrix engine (ideal pulses, or shaped ones where the request asks): each
/// metabolite's spin groups under the request's sequence, metabolites in parallel. Each FID is in MRSNode's convention (a singlet at δ ppm rotates at
/// (ReferencePpm − δ)·F0 Hz) and proton-normalised: N equivalent uncoupled protons give FID(0) = N after a full
/// spin echo (STEAM scaled ×2 to match; MEGA-PRESS DIFF = ON − OFF).
/// </summary>
public sealed class DensityMatrixBasisSimulator(SpinSystemLibrary library) : IBasisSimulator
{
    public DensityMatrixBasisSimulator() : this(SpinSystemLibrary.LoadEmbedded())
    {
    }

    public SpinSystemLibrary Library { get; } = library ?? throw new ArgumentNullException(nameof(library));

    /// <summary>What <see cref="Simulate"/> would record as the basis's source, without simulating.</summary>
    public BasisSimulationProvenance Describe(BasisSimulationRequest request)
    {
        Validate(request);
        return BasisSimulationProvenance.Of(request, LocalizationSequences.For(request), Library.Version);
    }

    public BasisSet Simulate(BasisSimulationRequest request, IProgress<BasisSimulationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        Validate(request);
        var sequence = LocalizationSequences.For(request);
        var program = sequence.Program;
        var metabolites = Select(request.Metabolites);
        var runner = new PulseProgramRunner(request.FrequencyMHz, request.ReferencePpm);
        var results = new BasisMetabolite[metabolites.Count];
        int done = 0;
        var options = new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount };
        // Largest spin systems first, so the two cores finish together.
        var order = Enumerable.Range(0, metabolites.Count).OrderByDescending(i => metabolites[i].Protons).ToArray();
        try
        {
            Parallel.ForEach(order, options, i =>
            {
                var lines = runner.Lines(metabolites[i], program, cancellationToken);
                var fid = FidSynthesis.Fid(lines, request.Points, request.SpectralWidthHz, request.LinewidthHz, cancellationToken);
                results[i] = new BasisMetabolite(metabolites[i].Name, fid);
                progress?.Report(new BasisSimulationProgress(Interlocked.Increment(ref done), metabolites.Count, metabolites[i].Name));
            });
        }
        catch (AggregateException e) when (e.InnerExceptions.Count == 1)
        {
            // A bad spin system (ArgumentException) reaches the caller as itself, as it would without the parallel loop.
            ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
            throw;
        }
        var provenance = BasisSimulationProvenance.Of(request, sequence, Library.Version);
        return new BasisSet(results, request.FrequencyMHz, 1 / request.SpectralWidthHz, request.Points, request.EchoTimeMs, provenance.Text)
        {
            ReferencePpm = request.ReferencePpm,
            Sequence = sequence.Name,
        };
    }

    private List<MetaboliteSpinSystem> Select(IReadOnlyList<string>? names)
    {
        if (names is null)
        {
            return Library.Metabolites.ToList();
        }
        var selected = new List<MetaboliteSpinSystem>();
        foreach (var name in names)
        {
            var metabolite = Library.Find(name)
                ?? throw new ArgumentException($"no spin system for metabolite '{name}'; known: {string.Join(", ", Library.Metabolites.Select(m => m.Name))}.", nameof(names));
            if (!selected.Contains(metabolite))
            {
                selected.Add(metabolite);
            }
        }
        return selected;
    }

    private static void Validate(BasisSimulationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!(request.FrequencyMHz > 0) || double.IsInfinity(request.FrequencyMHz))
        {
            throw new ArgumentOutOfRangeException(nameof(request), request.FrequencyMHz, "the frequency must be positive (MHz).");
        }
        if (request.Points < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(request), request.Points, "the basis needs at least one point.");
        }
        if (!(request.SpectralWidthHz > 0) || double.IsInfinity(request.SpectralWidthHz))
        {
            throw new ArgumentOutOfRangeException(nameof(request), request.SpectralWidthHz, "the spectral width must be positive (Hz).");
        }
        if (!(request.LinewidthHz >= 0) || double.IsInfinity(request.LinewidthHz))
        {
            throw new ArgumentOutOfRangeException(nameof(request), request.LinewidthHz, "the line width must be zero or positive (Hz).");
        }
    }
}
