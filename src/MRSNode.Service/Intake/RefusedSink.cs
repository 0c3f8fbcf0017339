using MRSNode.Dicom.Network.Dimse;

namespace MRSNode.Service.Intake;

/// <summary>Where a refused object's bytes go: nowhere. Carries the status to answer once the data set has been drained.</summary>
internal sealed class RefusedSink(DimseStatus status, string reason) : Stream
{
    public DimseStatus Status { get; } = status;
    public string Reason { get; } = reason;

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => 0;
    public override long Position { get => 0; set => throw new NotSupportedException(); }

    public override void Flush() { }
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) { }
    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;
}
