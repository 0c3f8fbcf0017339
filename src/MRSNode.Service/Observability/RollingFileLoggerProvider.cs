using System.Globalization;
using Microsoft.Extensions.Logging;

namespace MRSNode.Service.Observability;

/// <summary>
/// Logs to &lt;directory&gt;/mrsnode.log, one line per entry as the console logs it, for a node whose console nobody
/// reads (the Windows service). The file rolls to mrsnode.1.log past <c>maxFileBytes</c>; <c>keptFiles</c> rolled files stay.
/// Filter it as "File" under Logging:File:LogLevel.
/// </summary>
[ProviderAlias("File")]
public sealed class RollingFileLoggerProvider : ILoggerProvider
{
    public const long DefaultMaxFileBytes = 10 * 1024 * 1024;
    public const int DefaultKeptFiles = 5;

    private readonly RollingLogFile _file;

    public RollingFileLoggerProvider(string directory, long maxFileBytes = DefaultMaxFileBytes, int keptFiles = DefaultKeptFiles) =>
        _file = new RollingLogFile(directory, maxFileBytes, keptFiles);

    public string FilePath => _file.FilePath;

    public ILogger CreateLogger(string categoryName) => new RollingFileLogger(categoryName, _file);

    public void Dispose() => _file.Dispose();
}

/// <summary>One category's logger; every category writes to the provider's one file.</summary>
internal sealed class RollingFileLogger(string category, RollingLogFile file) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        var message = formatter(state, exception);
        if (!IsEnabled(logLevel) || (string.IsNullOrEmpty(message) && exception is null))
        {
            return;
        }
        var line = string.Create(CultureInfo.InvariantCulture,
            $"{DateTime.UtcNow:yyyy-MM-dd'T'HH:mm:ss.fff'Z'} {Label(logLevel)}: {category}[{eventId.Id}] {message.ReplaceLineEndings(" ")}");
        file.Write(exception is null ? line : line + Environment.NewLine + exception);
    }

    /// <summary>The console logger's labels, so both read alike.</summary>
    private static string Label(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        _ => "crit",
    };
}

/// <summary>The log file: appended and flushed line by line (a crash keeps what came before it), rolled by size.</summary>
internal sealed class RollingLogFile : IDisposable
{
    private const string BaseName = "mrsnode";
    private readonly Lock _lock = new();
    private readonly string _directory;
    private readonly long _maxFileBytes;
    private readonly int _keptFiles;
    private StreamWriter? _writer;
    private long _bytes;

    public RollingLogFile(string directory, long maxFileBytes, int keptFiles)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxFileBytes, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(keptFiles);
        _directory = Path.GetFullPath(directory);
        _maxFileBytes = maxFileBytes;
        _keptFiles = keptFiles;
        FilePath = Path.Combine(_directory, BaseName + ".log");
    }

    public string FilePath { get; }

    public static string RolledPath(string directory, int generation) =>
        Path.Combine(directory, string.Create(CultureInfo.InvariantCulture, $"{BaseName}.{generation}.log"));

    public void Write(string line)
    {
        var bytes = System.Text.Encoding.UTF8.GetByteCount(line) + Environment.NewLine.Length;
        lock (_lock)
        {
            try
            {
                _writer ??= Open();
                if (_bytes > 0 && _bytes + bytes > _maxFileBytes)
                {
                    Roll();
                    _writer = Open();
                }
                _writer.WriteLine(line);
                _bytes += bytes;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // A full or read-only disk must not stop the node through its own log: the line is lost.
                _writer?.Dispose();
                _writer = null;
            }
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _writer?.Dispose();
            _writer = null;
        }
    }

    private StreamWriter Open()
    {
        Directory.CreateDirectory(_directory);
        var stream = new FileStream(FilePath, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
        _bytes = stream.Length;
        return new StreamWriter(stream) { AutoFlush = true };
    }

    /// <summary>mrsnode.log → mrsnode.1.log → mrsnode.2.log …; the oldest beyond the kept count is deleted.</summary>
    private void Roll()
    {
        _writer!.Dispose();
        _writer = null;
        if (_keptFiles == 0)
        {
            File.Delete(FilePath);
            return;
        }
        File.Delete(RolledPath(_directory, _keptFiles));
        for (var generation = _keptFiles - 1; generation >= 1; generation--)
        {
            var from = RolledPath(_directory, generation);
            if (File.Exists(from))
            {
                File.Move(from, RolledPath(_directory, generation + 1));
            }
        }
        File.Move(FilePath, RolledPath(_directory, 1));
    }
}
