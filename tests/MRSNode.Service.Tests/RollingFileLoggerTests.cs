using Microsoft.Extensions.Logging;
using MRSNode.Service.Observability;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Service.Tests;

[UnitTest]
public class RollingFileLoggerTests
{
    private static string[] Lines(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>ILogger.Log itself, as the generated LoggerMessage methods call it.</summary>
    private static void Write(ILogger logger, LogLevel level, string message, int eventId = 0) =>
        logger.Log(level, new EventId(eventId), message, null, (text, _) => text);

    [Fact]
    public void Log_InformationAndError_WritesOneLineEachWithLevelCategoryAndMessage()
    {
        var folder = Path.Combine(TestData.NewTempFolder(), "logs");
        using var provider = new RollingFileLoggerProvider(folder);
        var logger = provider.CreateLogger("MRSNode.Service.Intake");

        Write(logger, LogLevel.Information, "listening on port 11112", 7);
        Write(logger, LogLevel.Error, "two\nlines");
        Write(logger, LogLevel.None, "never");

        var lines = Lines(Path.Combine(folder, "mrsnode.log"));
        Assert.Equal(Path.Combine(folder, "mrsnode.log"), provider.FilePath);
        Assert.Equal(2, lines.Length);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z info: MRSNode\.Service\.Intake\[7\] listening on port 11112$", lines[0]);
        Assert.EndsWith(" fail: MRSNode.Service.Intake[0] two lines", lines[1]);
    }

    [Fact]
    public void Log_PastMaxFileBytes_RollsAndKeepsOnlyTheKeptFiles()
    {
        var folder = TestData.NewTempFolder();
        using (var provider = new RollingFileLoggerProvider(folder, maxFileBytes: 300, keptFiles: 2))
        {
            var logger = provider.CreateLogger("c");
            for (var i = 0; i < 40; i++)
            {
                Write(logger, LogLevel.Information, $"message {i:D3}"); // 48 bytes a line: 6 lines a file
            }
        }

        Assert.Equal(["mrsnode.1.log", "mrsnode.2.log", "mrsnode.log"], Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.All(Directory.GetFiles(folder), f => Assert.InRange(new FileInfo(f).Length, 1, 300));
        Assert.EndsWith("message 039", Lines(Path.Combine(folder, "mrsnode.log"))[^1]);
        Assert.EndsWith("message 035", Lines(Path.Combine(folder, "mrsnode.1.log"))[^1]);
        Assert.EndsWith("message 029", Lines(Path.Combine(folder, "mrsnode.2.log"))[^1]);
    }
}
