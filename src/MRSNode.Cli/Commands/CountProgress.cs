using System.Diagnostics;
using System.Globalization;

namespace MRSNode.Cli.Commands;

/// <summary>
/// "fitted 120 of 500 (14 s)" on stderr, at most every <see cref="Interval"/> and once at the end: a long evaluation
/// shows at once that it is working (stdout keeps only the table, so it can still be redirected to a file).
/// </summary>
internal sealed class CountProgress(string verb, int total, TextWriter? writer = null) : IProgress<int>
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    private readonly TextWriter _writer = writer ?? Console.Error;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Lock _gate = new();
    private TimeSpan _last = -Interval; // so the first report prints at once

    public void Report(int value)
    {
        lock (_gate)
        {
            var now = _clock.Elapsed;
            if (value < total && now - _last < Interval)
            {
                return;
            }
            _last = now;
            _writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{verb} {value} of {total} ({now.TotalSeconds:F0} s)"));
        }
    }
}
