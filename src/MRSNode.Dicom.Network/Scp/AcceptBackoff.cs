namespace MRSNode.Dicom.Network.Scp;

/// <summary>
/// The accept loop's reaction to failures (EMFILE when the process runs out of file descriptors, ENOBUFS): wait
/// 10 ms, doubling up to <see cref="MaxDelay"/>, instead of retrying at once — a hot retry loop spins a core, and
/// the runtime then fails to create the threads it injects for the starving pool. Tracks the episode so it is logged
/// once when it starts and once when it ends, not per failure.
/// </summary>
internal sealed class AcceptBackoff(TimeProvider time)
{
    public static readonly TimeSpan InitialDelay = TimeSpan.FromMilliseconds(10);
    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(1);

    private long _failures;
    private long _episodeStart;

    public TimeSpan Delay { get; private set; } = InitialDelay;

    /// <summary>Records a failure; true when it starts an episode (log it).</summary>
    public bool Failed()
    {
        bool first = _failures++ == 0;
        if (first)
        {
            _episodeStart = time.GetTimestamp();
            Delay = InitialDelay;
        }
        else
        {
            Delay = TimeSpan.FromTicks(Math.Min(Delay.Ticks * 2, MaxDelay.Ticks));
        }
        return first;
    }

    /// <summary>Records a success; returns the episode it ends (failures and duration), or null when there was none.</summary>
    public (long Failures, TimeSpan Duration)? Succeeded()
    {
        if (_failures == 0)
        {
            return null;
        }
        var episode = (_failures, time.GetElapsedTime(_episodeStart));
        _failures = 0;
        Delay = InitialDelay;
        return episode;
    }
}
