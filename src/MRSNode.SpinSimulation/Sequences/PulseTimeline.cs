namespace MRSNode.SpinSimulation.Sequences;

/// <summary>
/// Builds a step list from events at times after the excitation pulse (ms): the free evolution between them is
/// filled in, events at the same time keep the order they were added, and the list ends at the echo top. A shaped
/// pulse is placed by its start and lasts its duration.
/// </summary>
public sealed class PulseTimeline
{
    private readonly List<(double TimeMs, int Order, SequenceStep Step)> _events = [];

    public PulseTimeline At(double timeMs, SequenceStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        if (!(timeMs >= 0) || double.IsInfinity(timeMs))
        {
            throw new ArgumentOutOfRangeException(nameof(timeMs), timeMs, "an event must lie at or after the excitation.");
        }
        _events.Add((timeMs, _events.Count, step));
        return this;
    }

    /// <summary>The steps: the events in time order with evolution between them, then evolution up to <paramref name="echoMs"/>.</summary>
    public IReadOnlyList<SequenceStep> EndingAt(double echoMs)
    {
        var steps = new List<SequenceStep>();
        double now = 0;
        foreach (var e in _events.OrderBy(e => e.TimeMs).ThenBy(e => e.Order))
        {
            if (e.TimeMs > echoMs)
            {
                throw new ArgumentOutOfRangeException(nameof(echoMs), echoMs, $"an event at {e.TimeMs} ms lies after the echo.");
            }
            if (e.TimeMs < now - 1e-9)
            {
                throw new ArgumentException($"an event at {e.TimeMs} ms starts before the shaped pulse before it ends ({now} ms).");
            }
            AddEvolution(steps, e.TimeMs - now);
            steps.Add(e.Step);
            // A shaped pulse occupies its duration; an ideal event none.
            now = e.TimeMs + (e.Step is Pulses.ShapedPulseStep shaped ? shaped.Pulse.DurationMs : 0);
        }
        AddEvolution(steps, echoMs - now);
        return steps;
    }

    private static void AddEvolution(List<SequenceStep> steps, double ms)
    {
        if (ms > 0)
        {
            steps.Add(new EvolutionStep(ms));
        }
    }
}
