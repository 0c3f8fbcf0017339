using System.Security.Cryptography;
using System.Threading.Channels;

namespace MRSNode.Messaging.Tests.RabbitMq;

/// <summary>Test messages and a handler that records what it was handed.</summary>
internal static class WorkMessages
{
    public static WorkMessage New(int n) =>
        new($"20261205T181500{n:000}-{n:x8}", $"jobs/job-{n}", Convert.ToHexStringLower(SHA256.HashData(BitConverter.GetBytes(n))),
            new DateTimeOffset(2026, 12, 5, 18, 15, 0, TimeSpan.Zero).AddSeconds(n));

    /// <summary>Waits for the next item, failing after a generous hang limit.</summary>
    public static async Task<T> NextAsync<T>(this ChannelReader<T> reader, double seconds = 60)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        return await reader.ReadAsync(limit.Token);
    }

    /// <summary>Polls until <paramref name="condition"/> holds (true) or the hang limit passes (false).</summary>
    public static async Task<bool> EventuallyAsync(Func<Task<bool>> condition, double seconds = 60)
    {
        var end = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < end)
        {
            if (await condition())
            {
                return true;
            }
            await Task.Delay(100);
        }
        return false;
    }
}
