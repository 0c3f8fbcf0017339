using System.Numerics;
using ILGPU;
using ILGPU.Runtime;
using MRSNode.Quantification.Batch;

namespace MRSNode.Accelerators.BatchFit;

/// <summary>
/// The model columns on an ILGPU accelerator (<see cref="ModelColumnKernel"/>): each fitter's components uploaded once
/// per batch, and the column requests of concurrent fits gathered into one launch. Owns the device buffers of every
/// fitter it prepared; dispose after the batch.
/// </summary>
public sealed class IlgpuModelColumnEngine : IModelColumnEngine, IDisposable
{
    private readonly Accelerator _accelerator;
    private readonly Action<Index1D, ArrayView<double>, ArrayView<int>, ArrayView<int>, ArrayView<double>, ArrayView<double>, ArrayView<double>, ColumnShape> _kernel;
    private readonly List<IlgpuModelColumns> _prepared = [];
    private readonly Lock _launch = new();

    public IlgpuModelColumnEngine(AcceleratorSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        _accelerator = session.Accelerator;
        _kernel = _accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<double>, ArrayView<int>, ArrayView<int>, ArrayView<double>, ArrayView<double>, ArrayView<double>, ColumnShape>(ModelColumnKernel.Run);
    }

    /// <summary>Launches gathered so far (one per batch of concurrent requests), for the benchmark and tests.</summary>
    public int Launches { get; private set; }

    /// <summary>Evaluations computed so far (Σ over launches of the requests each carried).</summary>
    public int Evaluations { get; private set; }

    public IModelColumns Prepare(IReadOnlyList<Complex[]> fids, IReadOnlyList<int> envelopeOf, IReadOnlyList<int> bins)
    {
        ArgumentNullException.ThrowIfNull(fids);
        ArgumentNullException.ThrowIfNull(envelopeOf);
        ArgumentNullException.ThrowIfNull(bins);
        var columns = new IlgpuModelColumns(this, fids, envelopeOf, bins);
        lock (_prepared)
        {
            _prepared.Add(columns);
        }
        return columns;
    }

    /// <summary>One launch for <paramref name="envelopes"/> (evaluation-major, interleaved); the columns, evaluation-major.</summary>
    internal double[] Launch(DeviceComponents components, double[] envelopes, int evaluations)
    {
        var shape = components.Shape;
        lock (_launch) // one accelerator stream: launches from several fitters take turns
        {
            using var env = _accelerator.Allocate1D(envelopes);
            using var output = _accelerator.Allocate1D<double>((long)evaluations * shape.Components * shape.WindowLength);
            _kernel((int)output.Length, components.Fids.View, components.EnvelopeOf.View, components.Bins.View, components.Roots.View, env.View, output.View, shape);
            _accelerator.Synchronize();
            Launches++;
            Evaluations += evaluations;
            return output.GetAsArray1D();
        }
    }

    internal DeviceComponents Upload(IReadOnlyList<Complex[]> fids, IReadOnlyList<int> envelopeOf, IReadOnlyList<int> bins)
    {
        int n = fids[0].Length;
        var interleaved = new double[2 * fids.Count * n];
        for (int j = 0; j < fids.Count; j++)
        {
            if (fids[j].Length != n)
            {
                throw new ArgumentException("Every component needs a FID of the same length.", nameof(fids));
            }
            for (int t = 0; t < n; t++)
            {
                interleaved[(2 * ((j * n) + t))] = fids[j][t].Real;
                interleaved[(2 * ((j * n) + t)) + 1] = fids[j][t].Imaginary;
            }
        }
        var roots = new double[2 * n];
        for (int m = 0; m < n; m++)
        {
            var (sin, cos) = Math.SinCos(2 * Math.PI * m / n);
            roots[2 * m] = cos;
            roots[(2 * m) + 1] = -sin; // e^{−2πi m/N}: the forward transform's sign
        }
        int envelopes = envelopeOf.Max() + 1;
        lock (_launch)
        {
            return new DeviceComponents(
                _accelerator.Allocate1D(interleaved),
                _accelerator.Allocate1D(envelopeOf.ToArray()),
                _accelerator.Allocate1D(bins.ToArray()),
                _accelerator.Allocate1D(roots),
                new ColumnShape(n, fids.Count, bins.Count, envelopes));
        }
    }

    public void Dispose()
    {
        lock (_prepared)
        {
            foreach (var p in _prepared)
            {
                p.Dispose();
            }
            _prepared.Clear();
        }
    }
}

/// <summary>One fitter's components on the device.</summary>
internal sealed record DeviceComponents(
    MemoryBuffer1D<double, Stride1D.Dense> Fids,
    MemoryBuffer1D<int, Stride1D.Dense> EnvelopeOf,
    MemoryBuffer1D<int, Stride1D.Dense> Bins,
    MemoryBuffer1D<double, Stride1D.Dense> Roots,
    ColumnShape Shape) : IDisposable
{
    public void Dispose()
    {
        Fids.Dispose();
        EnvelopeOf.Dispose();
        Bins.Dispose();
        Roots.Dispose();
    }
}
