using MRSNode.Neural.Backend;
using MRSNode.Neural.Layers;

namespace MRSNode.Neural.Training;

/// <summary>
/// AdamW (Loshchilov &amp; Hutter 2019): Adam on the gradient, weight decay applied to the weights directly (only to
/// parameters marked <see cref="Parameter.Decays"/>). The learning rate comes from a schedule per step.
/// </summary>
public sealed class AdamW
{
    private readonly IComputeBackend _backend;
    private readonly List<(string Name, Parameter Parameter, Tensor M, Tensor V)> _state;

    public AdamW(IComputeBackend backend, IEnumerable<(string Name, Parameter Parameter)> parameters, ILearningRateSchedule schedule,
        float beta1 = 0.9f, float beta2 = 0.999f, float epsilon = 1e-8f, float weightDecay = 1e-4f)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        _backend = backend;
        Schedule = schedule;
        Beta1 = beta1;
        Beta2 = beta2;
        Epsilon = epsilon;
        WeightDecay = weightDecay;
        _state = parameters.Where(p => p.Parameter.Trainable)
            .Select(p => (p.Name, p.Parameter, backend.Allocate(p.Parameter.Value.ShapeArray()), backend.Allocate(p.Parameter.Value.ShapeArray())))
            .ToList();
    }

    public ILearningRateSchedule Schedule { get; }
    public float Beta1 { get; }
    public float Beta2 { get; }
    public float Epsilon { get; }
    public float WeightDecay { get; }

    /// <summary>Steps taken so far (restored from a checkpoint with <see cref="Restore"/>).</summary>
    public int Steps { get; private set; }

    /// <summary>The learning rate of the next step.</summary>
    public float LearningRate => Schedule.At(Steps);

    public void Step()
    {
        float lr = Schedule.At(Steps);
        Steps++;
        foreach (var (_, p, m, v) in _state)
        {
            _backend.AdamWUpdate(p.Value, p.Gradient, m, v, new AdamWStep(lr, Beta1, Beta2, Epsilon, p.Decays ? WeightDecay : 0, Steps));
        }
    }

    /// <summary>The moments by name ("…​.adam_m", "….adam_v") for a checkpoint.</summary>
    public IEnumerable<(string Name, Tensor Value)> State() =>
        _state.SelectMany(s => new[] { (s.Name + ".adam_m", s.M), (s.Name + ".adam_v", s.V) });

    public void Restore(int steps, IReadOnlyDictionary<string, Tensor> state)
    {
        ArgumentNullException.ThrowIfNull(state);
        Steps = steps;
        foreach (var (name, _, m, v) in _state)
        {
            if (state.TryGetValue(name + ".adam_m", out var sm) && state.TryGetValue(name + ".adam_v", out var sv))
            {
                _backend.Copy(sm, m);
                _backend.Copy(sv, v);
            }
        }
    }
}
