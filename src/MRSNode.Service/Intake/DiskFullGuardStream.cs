using MRSNode.Service.Spool;

namespace MRSNode.Service.Intake;

/// <summary>
/// The spool file an object is streamed into, made to survive a full disk: a write that fails with ENOSPC is
/// recorded in <see cref="Failure"/> and the rest of the data set is drained and dropped, so the SCP still reads the
/// whole object and answers A700 instead of the association dying mid-object. Any other write error propagates.
/// </summary>
internal sealed class DiskFullGuardStream(Stream inner) : Stream
{
    /// <summary>The spool file itself (the file store completes or abandons it).</summary>
    public Stream Inner { get; } = inner;

    /// <summary>The disk-full error that stopped the writes, or null.</summary>
    public IOException? Failure { get; private set; }

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => Inner.Length;
    public override long Position { get => Inner.Position; set => throw new NotSupportedException(); }

    public override void Flush()
    {
        if (Failure is null)
        {
            Inner.Flush();
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (Failure is not null)
        {
            return;
        }
        try
        {
            Inner.Write(buffer);
        }
        catch (IOException ex) when (DiskFull.Is(ex))
        {
            Failure = ex;
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (Failure is not null)
        {
            return;
        }
        try
        {
            await Inner.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException ex) when (DiskFull.Is(ex))
        {
            Failure = ex;
        }
    }
}
