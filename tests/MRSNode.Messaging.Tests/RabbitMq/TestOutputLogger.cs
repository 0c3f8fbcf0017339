using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace MRSNode.Messaging.Tests.RabbitMq;

/// <summary>The queue's log lines in the test's output, for a failure's story.</summary>
internal sealed class TestOutputLogger<T>(ITestOutputHelper output) : ILogger<T>
{
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        try
        {
            output.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {logLevel} {eventId.Id} {formatter(state, exception)}");
        }
        catch (InvalidOperationException)
        {
            // the test has finished; a late line from a background consumer has nowhere to go
        }
    }
}
