using MRSNode.Service.Intake;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Service.Tests.Intake;

[UnitTest]
public sealed class DiskFullGuardStreamTests
{
    /// <summary>A file system seam: accepts <paramref name="room"/> bytes, then fails every write with the given HResult.</summary>
    private sealed class FillingStream(int room, int hresult) : MemoryStream
    {
        public override void Write(ReadOnlySpan<byte> buffer)
        {
            if (Length + buffer.Length > room)
            {
                throw new IOException("No space left on device", hresult);
            }
            base.Write(buffer);
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Write(buffer.Span);
            return ValueTask.CompletedTask;
        }
    }

    [Fact]
    public async Task WriteAsync_DiskFills_FailureRecordedAndTheRestDrained()
    {
        var inner = new FillingStream(10, 28);
        using var guard = new DiskFullGuardStream(inner);

        await guard.WriteAsync(new byte[8]);
        await guard.WriteAsync(new byte[8]); // ENOSPC
        await guard.WriteAsync(new byte[2]); // would fit, but the object is lost already: dropped

        Assert.NotNull(guard.Failure);
        Assert.Equal(8, inner.Length);
    }

    [Fact]
    public async Task WriteAsync_OtherIOError_Propagates()
    {
        using var guard = new DiskFullGuardStream(new FillingStream(0, 5));

        var ex = await Assert.ThrowsAsync<IOException>(() => guard.WriteAsync(new byte[1]).AsTask());

        Assert.Equal(5, ex.HResult);
        Assert.Null(guard.Failure);
    }
}
