namespace MRSNode.Spectroscopy.Readers;

/// <summary>
/// Reads one MRS file format into <see cref="MrsAcquisition"/>s (a file may hold several: Philips puts
/// the water reference in the same object). Detection is by content, never by file name alone.
/// Every failure is an <see cref="MrsReadException"/> with a message a physicist can act on.
/// </summary>
public interface IMrsReader
{
    /// <summary>Short name shown by `mrsnode info`, e.g. "Siemens RDA".</summary>
    string FormatName { get; }

    /// <summary>True when the file's content is this format (the probe holds its first bytes).</summary>
    bool CanRead(MrsFileProbe probe);

    IReadOnlyList<MrsAcquisition> Read(string path, MrsReadOptions options);
}

/// <summary>The first bytes of a file (up to 64 KiB) and its size, for content-based detection.</summary>
public sealed class MrsFileProbe
{
    public const int HeadLength = 64 * 1024;

    private MrsFileProbe(string path, byte[] head, long length)
    {
        Path = path;
        Head = head;
        Length = length;
    }

    public string Path { get; }
    public byte[] Head { get; }
    public long Length { get; }

    /// <summary>True when the head decodes as printable text (ASCII/Latin-1 with line breaks).</summary>
    public bool LooksLikeText => Head.Length > 0 && Head.Take(4096).All(b => b is 9 or 10 or 13 || (b >= 32 && b != 127));

    public string HeadText => System.Text.Encoding.Latin1.GetString(Head);

    public static MrsFileProbe Open(string path)
    {
        using var stream = File.OpenRead(path);
        var head = new byte[Math.Min(HeadLength, stream.Length)];
        stream.ReadExactly(head);
        return new MrsFileProbe(path, head, stream.Length);
    }

    public static MrsFileProbe FromBytes(string path, byte[] head, long length) => new(path, head, length);
}

/// <summary>Parameters a headerless format cannot carry, and choices the caller makes.</summary>
public sealed record MrsReadOptions
{
    public double? SpectralWidthHz { get; init; }
    public double? FrequencyMHz { get; init; }
    public double? EchoTimeMs { get; init; }
    public string? Nucleus { get; init; }
    /// <summary>Accept nuclei other than 1H (the node quantifies proton spectra only).</summary>
    public bool AllowNonProton { get; init; }

    public static MrsReadOptions Default { get; } = new();
}

/// <summary>An MRS input that cannot be used, with the reason (wrong nucleus, missing attribute, size mismatch, ...).</summary>
public sealed class MrsReadException : MrsInputException
{
    public MrsReadException(string path, string reason) : base($"{System.IO.Path.GetFileName(path)}: {reason}")
    {
        SourcePath = path;
        Reason = reason;
    }

    public MrsReadException() : this("", "unreadable MRS input") { }
    public MrsReadException(string message) : this("", message) { }
    public MrsReadException(string message, Exception inner) : base(message, inner)
    {
        SourcePath = "";
        Reason = message;
    }

    public string SourcePath { get; }
    public string Reason { get; }
}
