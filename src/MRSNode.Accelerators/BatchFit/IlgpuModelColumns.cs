using System.Numerics;
using MRSNode.Quantification.Batch;

namespace MRSNode.Accelerators.BatchFit;

/// <summary>
/// One fitter's components on the accelerator. Concurrent fits' requests are gathered: a caller that finds no launch
/// under way takes every pending request into one launch; those arriving meanwhile wait and go in the next. So with k
/// spectra in flight a launch carries up to k evaluations, with no timer and no fixed batch size.
/// </summary>
internal sealed class IlgpuModelColumns : IModelColumns, IDisposable
{
    private readonly IlgpuModelColumnEngine _engine;
    private readonly DeviceComponents _components;
    private readonly IModelColumns _host;
    private readonly object _gate = new(); // an object, not a Lock: the waiters need Monitor.Wait/PulseAll
    private List<Request> _pending = [];
    private bool _launching;

    public IlgpuModelColumns(IlgpuModelColumnEngine engine, IReadOnlyList<Complex[]> fids, IReadOnlyList<int> envelopeOf, IReadOnlyList<int> bins)
    {
        _engine = engine;
        _components = engine.Upload(fids, envelopeOf, bins);
        _host = new CpuModelColumnEngine().Prepare(fids, envelopeOf, bins);
    }

    /// <summary>On the host: the derivatives' two or three transforms per Jacobian are not worth a launch.</summary>
    public void Forward(Complex[] data) => _host.Forward(data);

    public double[][] Columns(IReadOnlyList<Complex[]> envelopes)
    {
        ArgumentNullException.ThrowIfNull(envelopes);
        var shape = _components.Shape;
        if (envelopes.Count != shape.Envelopes || envelopes.Any(e => e.Length != shape.Points))
        {
            throw new ArgumentException($"Expected {shape.Envelopes} envelopes of {shape.Points} points.", nameof(envelopes));
        }
        var request = new Request(envelopes);
        List<Request> batch;
        lock (_gate)
        {
            _pending.Add(request);
            while (true)
            {
                if (request.Result is not null)
                {
                    return request.Result;
                }
                if (request.Failure is not null)
                {
                    throw new InvalidOperationException("The accelerator launch carrying this request failed.", request.Failure);
                }
                if (!_launching)
                {
                    batch = _pending;
                    _pending = [];
                    _launching = true;
                    break;
                }
                Monitor.Wait(_gate);
            }
        }
        try
        {
            Compute(batch);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Every request of the failed launch gets the failure: its waiters must not wait for a result that will not come.
            foreach (var r in batch)
            {
                r.Failure = e;
            }
            throw;
        }
        finally
        {
            lock (_gate)
            {
                _launching = false;
                Monitor.PulseAll(_gate);
            }
        }
        return request.Result!;
    }

    private void Compute(List<Request> batch)
    {
        var shape = _components.Shape;
        int perEvaluation = 2 * shape.Envelopes * shape.Points;
        var envelopes = new double[batch.Count * perEvaluation];
        for (int e = 0; e < batch.Count; e++)
        {
            for (int g = 0; g < shape.Envelopes; g++)
            {
                var env = batch[e].Envelopes[g];
                int offset = (e * perEvaluation) + (2 * g * shape.Points);
                for (int t = 0; t < shape.Points; t++)
                {
                    envelopes[offset + (2 * t)] = env[t].Real;
                    envelopes[offset + (2 * t) + 1] = env[t].Imaginary;
                }
            }
        }
        var columns = _engine.Launch(_components, envelopes, batch.Count);
        for (int e = 0; e < batch.Count; e++)
        {
            var result = new double[shape.Components][];
            for (int j = 0; j < shape.Components; j++)
            {
                result[j] = new double[shape.WindowLength];
                Array.Copy(columns, ((e * shape.Components) + j) * shape.WindowLength, result[j], 0, shape.WindowLength);
            }
            batch[e].Result = result;
        }
    }

    public void Dispose() => _components.Dispose();

    private sealed class Request(IReadOnlyList<Complex[]> envelopes)
    {
        public IReadOnlyList<Complex[]> Envelopes => envelopes;

        public double[][]? Result { get; set; }

        public Exception? Failure { get; set; }
    }
}
