using System.IO.Compression;

namespace MRSNode.Dicom.IO;

/// <summary>
/// Inflates a deflated data set, refusing (with <see cref="DicomFormatException"/>) to produce more than
/// <see cref="DicomReadOptions.MaxInflatedBytes"/> or more than <see cref="DicomReadOptions.MaxInflateRatio"/>
/// times the deflated bytes consumed: a 2 MB deflate bomb stops within a few dozen MB, before anything holds them.
/// </summary>
internal sealed class BoundedInflateStream : ForwardReadStream
{
    private readonly CountingStream _deflated;
    private readonly DeflateStream _inflater;
    private readonly DicomReadOptions _options;
    private readonly long _offsetBase;

    /// <param name="deflated">The deflated bytes; left open.</param>
    /// <param name="offsetBase">Where the inflated data starts in the file, for error messages.</param>
    public BoundedInflateStream(Stream deflated, DicomReadOptions options, long offsetBase = 0)
    {
        _deflated = new CountingStream(deflated);
        _inflater = new DeflateStream(_deflated, CompressionMode.Decompress, leaveOpen: true);
        _options = options;
        _offsetBase = offsetBase;
    }

    /// <summary>Bytes inflated so far.</summary>
    public long Inflated { get; private set; }

    public override int Read(Span<byte> buffer)
    {
        int n;
        try
        {
            n = _inflater.Read(buffer);
        }
        catch (InvalidDataException ex)
        {
            throw new DicomFormatException("corrupt deflated data", _offsetBase + Inflated, null, ex);
        }
        Inflated += n;
        if (Inflated > _options.MaxInflatedBytes)
        {
            throw new DicomFormatException($"inflated size exceeds the limit of {_options.MaxInflatedBytes} bytes", _offsetBase + Inflated);
        }
        if (Inflated > _options.InflateRatioFloorBytes && Inflated > _deflated.Count * _options.MaxInflateRatio)
        {
            throw new DicomFormatException(
                $"inflated size exceeds the limit of {_options.MaxInflateRatio} times the deflated size ({Inflated} bytes from {_deflated.Count})",
                _offsetBase + Inflated);
        }
        return n;
    }

    /// <summary>Inflates to the end, keeping nothing; returns the inflated size or throws past a limit.</summary>
    public long Drain()
    {
        var sink = new byte[64 * 1024];
        while (Read(sink) > 0)
        {
        }
        return Inflated;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inflater.Dispose();
        }
        base.Dispose(disposing);
    }

    /// <summary>Counts the deflated bytes the inflater has taken, for the ratio.</summary>
    private sealed class CountingStream(Stream inner) : ForwardReadStream
    {
        public long Count { get; private set; }

        public override int Read(Span<byte> buffer)
        {
            int n = inner.Read(buffer);
            Count += n;
            return n;
        }
    }
}
