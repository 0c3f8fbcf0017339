namespace MRSNode.Dicom.Network.Scp;

/// <summary>
/// Counts events and says when to report them: the first at once, then at most one report per interval carrying the
/// count since the last — so a flood yields a line a minute, not a line per event. Thread-safe.
/// </summary>
internal sealed class RateLimitedCount(TimeSpan interval)
{
    private long _pending;
    private long _lastReport = long.MinValue;

    /// <summary>Adds one event; returns the count to report now (this one included), or null to stay quiet.</summary>
    public long? Add()
    {
        Interlocked.Increment(ref _pending);
        long now = Environment.TickCount64;
        long last = Interlocked.Read(ref _lastReport);
        if ((last != long.MinValue && now - last < (long)interval.TotalMilliseconds) || Interlocked.CompareExchange(ref _lastReport, now, last) != last)
        {
            return null;
        }
        return Interlocked.Exchange(ref _pending, 0);
    }
}
