using System.IO.Pipes;
using System.Text;
using MRSNode.Dicom.Network.Pdus;
using MRSNode.TestSupport;
using Xunit;
using static MRSNode.Dicom.Network.Tests.Pdus.Raw;

namespace MRSNode.Dicom.Network.Tests.Pdus;

[UnitTest]
public class PduStreamTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    private static PduStream Over(byte[] bytes, uint maxPData = 16384) => new(new MemoryStream(bytes, writable: false), maxPData);

    private static AssociateRequest SampleRequest() => new("STORESCP", "STORESCU",
        [new PresentationContextRequest(1, "1.2.840.10008.1.1", ["1.2.840.10008.1.2"]),
         new PresentationContextRequest(3, "1.2.840.10008.5.1.4.1.1.2", ["1.2.840.10008.1.2.1", "1.2.840.10008.1.2"])],
        new UserInformation
        {
            MaxPduLength = 65536,
            AsyncOperations = (2, 3),
            RoleSelections = [new RoleSelection("1.2.840.10008.5.1.4.1.1.2", true, false)],
            OtherSubItems = [new RawSubItem(0x58, new byte[] { 1, 0, 0, 3, 0x61, 0x62, 0x63, 0, 0 })],
        });

    /// <summary>A stream that hands out at most one byte per read, like a slow socket.</summary>
    private sealed class TrickleStream(byte[] data) : Stream
    {
        private readonly MemoryStream _inner = new(data);
        public int Reads { get; private set; }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => _inner.Length;
        public override long Position { get => _inner.Position; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count)
        {
            Reads++;
            return _inner.Read(buffer, offset, Math.Min(1, count));
        }
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Reads++;
            return _inner.ReadAsync(buffer[..Math.Min(1, buffer.Length)], cancellationToken);
        }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    // ---- End of stream ------------------------------------------------------------------------------

    [Fact]
    public async Task ReadAsync_EmptyStream_ReturnsNull() =>
        Assert.Null(await Over([]).ReadAsync(None));

    [Fact]
    public async Task ReadAsync_CleanEofBetweenPdus_ReturnsEachPduThenNull()
    {
        var pdus = Over(Concat(PynetdicomPdus.AReleaseRq, PynetdicomPdus.PDataTf, PynetdicomPdus.APAbort));

        Assert.IsType<ReleaseRequest>(await pdus.ReadAsync(None));
        var p = Assert.IsType<PDataTransfer>(await pdus.ReadAsync(None));
        Assert.Equal(PynetdicomPdus.PDataTf[12..], p.Values[0].Data.ToArray());
        Assert.Equal(new Abort(2, 4), await pdus.ReadAsync(None));
        Assert.Null(await pdus.ReadAsync(None));
        Assert.Null(await pdus.ReadAsync(None));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    public async Task ReadAsync_EofMidHeader_ThrowsEndOfStream(int headerBytes)
    {
        var ex = await Assert.ThrowsAsync<EndOfStreamException>(async () => await Over(PynetdicomPdus.AReleaseRq[..headerBytes]).ReadAsync(None));

        Assert.Contains($"after {headerBytes} of 6 bytes", ex.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(100)]
    public async Task ReadAsync_EofMidBody_ThrowsEndOfStream(int bodyBytes)
    {
        var truncated = PynetdicomPdus.AAssociateRq[..(6 + bodyBytes)];

        var ex = await Assert.ThrowsAsync<EndOfStreamException>(async () => await Over(truncated).ReadAsync(None));

        Assert.Contains($"after {bodyBytes} of 209 bytes", ex.Message);
    }

    [Fact]
    public async Task ReadAsync_EofMidSecondPdu_ReturnsFirstThenThrowsEndOfStream()
    {
        var pdus = Over(Concat(PynetdicomPdus.AReleaseRp, PynetdicomPdus.AAbort[..8]));

        Assert.IsType<ReleaseResponse>(await pdus.ReadAsync(None));
        await Assert.ThrowsAsync<EndOfStreamException>(async () => await pdus.ReadAsync(None));
    }

    [Fact]
    public async Task ReadAsync_OneByteReads_ReassemblesWholePdu()
    {
        var trickle = new TrickleStream(PynetdicomPdus.AAssociateRqRole);
        var pdus = new PduStream(trickle, 16384);

        var rq = Assert.IsType<AssociateRequest>(await pdus.ReadAsync(None));

        Assert.Equal("GETSCU", rq.CallingAeTitle);
        Assert.Equal("1.2.840.10008.5.1.4.1.1.2", rq.UserInformation.RoleSelections[0].SopClassUid);
        Assert.True(trickle.Reads >= PynetdicomPdus.AAssociateRqRole.Length);
        Assert.Null(await pdus.ReadAsync(None));
    }

    // ---- Length limits, checked before allocation -----------------------------------------------------

    [Fact]
    public async Task ReadAsync_PDataClaiming4GB_ThrowsBeforeAllocating()
    {
        var pdus = Over(Convert.FromHexString("04" + "00" + "FFFFFFFF" + "00000010"));
        await Over(PynetdicomPdus.AReleaseRq).ReadAsync(None); // warm up JIT and the async machinery

        long before = GC.GetAllocatedBytesForCurrentThread();
        var ex = await Assert.ThrowsAsync<PduFormatException>(async () => await pdus.ReadAsync(None));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(AbortReason.InvalidPduParameterValue, ex.Reason);
        Assert.Contains("4294967295", ex.Message);
        Assert.True(allocated < 1 << 20, $"allocated {allocated} bytes");
    }

    [Fact]
    public async Task ReadAsync_PDataClaiming4GBWithDefaultLimit_ThrowsBeforeAllocating()
    {
        var stream = new MemoryStream(Convert.FromHexString("04" + "00" + "FFFFFFFF"));
        var pdus = new PduStream(stream, 0);

        long before = GC.GetAllocatedBytesForCurrentThread();
        var ex = await Assert.ThrowsAsync<PduFormatException>(async () => await pdus.ReadAsync(None));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(AbortReason.InvalidPduParameterValue, ex.Reason);
        Assert.Equal(6, stream.Position);
        Assert.True(allocated < 1 << 20, $"allocated {allocated} bytes");
    }

    [Fact]
    public void Constructor_ZeroMaxPDataLength_Means64MiB()
    {
        Assert.Equal(64u << 20, new PduStream(new MemoryStream(), 0).MaxPDataLength);
        Assert.Equal(16384u, new PduStream(new MemoryStream(), 16384).MaxPDataLength);
    }

    [Fact]
    public void Constructor_NullStream_ThrowsArgumentNull() =>
        Assert.Equal("stream", Assert.Throws<ArgumentNullException>(() => new PduStream(null!, 0)).ParamName);

    [Fact]
    public async Task ReadAsync_HttpRequest_ThrowsUnrecognizedPdu()
    {
        var http = Encoding.ASCII.GetBytes("GET / HTTP/1.1\r\nHost: pacs.example\r\n\r\n");

        var ex = await Assert.ThrowsAsync<PduFormatException>(async () => await Over(http).ReadAsync(None));

        Assert.Equal(AbortReason.UnrecognizedPdu, ex.Reason);
        Assert.Contains("0x47", ex.Message);
    }

    [Theory]
    [InlineData(0x00)]
    [InlineData(0x08)]
    [InlineData(0x16)] // a TLS handshake record on a plain port
    [InlineData(0xFF)]
    public async Task ReadAsync_UnknownPduType_ThrowsUnrecognizedPduWithoutReadingBody(byte type)
    {
        var stream = new MemoryStream(Concat([type, 0], U32(4), [0, 0, 0, 0]));

        var ex = await Assert.ThrowsAsync<PduFormatException>(async () => await new PduStream(stream, 16384).ReadAsync(None));

        Assert.Equal(AbortReason.UnrecognizedPdu, ex.Reason);
        Assert.Equal(6, stream.Position);
    }

    private static byte[] PDataOfLength(uint length) => Raw.Pdu(0x04, Pdv(1, 0x02, new byte[length - 6]));

    [Theory]
    [InlineData(16u)]
    [InlineData(16384u)]
    public async Task ReadAsync_PDataExactlyAtLimit_Decodes(uint limit)
    {
        var bytes = PDataOfLength(limit);
        Assert.Equal((int)limit + 6, bytes.Length);

        var p = Assert.IsType<PDataTransfer>(await Over(bytes, limit).ReadAsync(None));

        Assert.Equal((int)limit - 6, Assert.Single(p.Values).Data.Length);
    }

    [Theory]
    [InlineData(16u)]
    [InlineData(16384u)]
    public async Task ReadAsync_PDataOneByteOverLimit_ThrowsWithoutReadingBody(uint limit)
    {
        var stream = new MemoryStream(PDataOfLength(limit + 1));

        var ex = await Assert.ThrowsAsync<PduFormatException>(async () => await new PduStream(stream, limit).ReadAsync(None));

        Assert.Equal(AbortReason.InvalidPduParameterValue, ex.Reason);
        Assert.Equal(6, stream.Position);
    }

    [Theory]
    [InlineData(0u)]
    [InlineData(uint.MaxValue)]
    [InlineData(3_000_000_000u)]
    public void Constructor_UnlimitedOrHugeLimit_CappedAt64MiB(uint configured)
    {
        Assert.Equal(PduStream.AbsoluteMaxPDataLength, new PduStream(new MemoryStream(), configured).MaxPDataLength);
        Assert.Equal(64u << 20, PduStream.AbsoluteMaxPDataLength);
    }

    [Fact]
    public async Task ReadAsync_ControlPduLimitIndependentOfPDataLimit_AcceptsLargeAssociateRequest()
    {
        // A 20 KB A-ASSOCIATE-RQ is read even when P-DATA is limited to 16 bytes.
        var rq = SampleRequest() with
        {
            PresentationContexts = Enumerable.Range(0, 400).Select(i => new PresentationContextRequest((byte)(2 * (i % 128) + 1), "1.2.840.10008.5.1.4.1.1." + i, ["1.2.840.10008.1.2"])).ToArray(),
        };
        var bytes = PduCodec.Encode(rq);
        Assert.True(bytes.Length > 16384);

        var decoded = Assert.IsType<AssociateRequest>(await Over(bytes, 16).ReadAsync(None));

        Assert.Equal(400, decoded.PresentationContexts.Count);
    }

    [Fact]
    public async Task ReadAsync_AssociateRequestOfExactly1MiB_Decodes()
    {
        var bytes = AssociateRequestOfBodyLength(PduStream.MaxControlPduLength);
        Assert.Equal(PduStream.MaxControlPduLength + 6, bytes.Length);

        var rq = Assert.IsType<AssociateRequest>(await Over(bytes, 16).ReadAsync(None));

        Assert.Equal(20, rq.PresentationContexts.Count);
    }

    [Theory]
    [InlineData(0x01)]
    [InlineData(0x02)]
    [InlineData(0x03)]
    [InlineData(0x05)]
    [InlineData(0x06)]
    [InlineData(0x07)]
    public async Task ReadAsync_ControlPduOver1MiB_ThrowsWithoutReadingBody(byte type)
    {
        var stream = new MemoryStream(Concat([type, 0], U32(PduStream.MaxControlPduLength + 1)));

        long before = GC.GetAllocatedBytesForCurrentThread();
        var ex = await Assert.ThrowsAsync<PduFormatException>(async () => await new PduStream(stream, uint.MaxValue).ReadAsync(None));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(AbortReason.InvalidPduParameterValue, ex.Reason);
        Assert.Equal(6, stream.Position);
        Assert.True(allocated < 1 << 20, $"allocated {allocated} bytes");
    }

    [Fact]
    public async Task ReadAsync_AbortOfExactly1MiB_ReadsBodyThenRejectsItsSize()
    {
        var stream = new MemoryStream(Concat([0x07, 0], U32(PduStream.MaxControlPduLength), new byte[PduStream.MaxControlPduLength]));

        var ex = await Assert.ThrowsAsync<PduFormatException>(async () => await new PduStream(stream, 16384).ReadAsync(None));

        Assert.Equal(AbortReason.InvalidPduParameterValue, ex.Reason);
        Assert.Equal(PduStream.MaxControlPduLength + 6, stream.Position); // the limit let the body through; the codec refused it
    }

    /// <summary>A valid A-ASSOCIATE-RQ whose PDU length field is exactly <paramref name="bodyLength"/>.</summary>
    private static byte[] AssociateRequestOfBodyLength(int bodyLength)
    {
        static AssociateRequest Build(int lastUidLength)
        {
            var contexts = new List<PresentationContextRequest>();
            for (int i = 0; i < 19; i++)
            {
                contexts.Add(new PresentationContextRequest((byte)(2 * i + 1), "1." + new string('2', 55000), ["1.2.840.10008.1.2"]));
            }
            contexts.Add(new PresentationContextRequest(39, "1." + new string('3', lastUidLength - 2), ["1.2.840.10008.1.2"]));
            return new AssociateRequest("A", "B", contexts, new UserInformation());
        }
        int guess = 1000;
        int size = PduCodec.Encode(Build(guess)).Length - 6;
        var bytes = PduCodec.Encode(Build(guess + bodyLength - size));
        Assert.Equal(bodyLength, bytes.Length - 6);
        return bytes;
    }

    // ---- Write then read --------------------------------------------------------------------------

    public static TheoryData<string> AllPduKinds => new()
    {
        "associate-rq", "associate-ac", "associate-rj", "p-data", "release-rq", "release-rp", "abort",
    };

    private static Pdu Sample(string kind) => kind switch
    {
        "associate-rq" => SampleRequest(),
        "associate-ac" => new AssociateAccept("STORESCP", "STORESCU",
            [new PresentationContextResponse(1, PresentationContextResult.Acceptance, "1.2.840.10008.1.2"),
             new PresentationContextResponse(3, PresentationContextResult.TransferSyntaxesNotSupported, "")],
            new UserInformation { MaxPduLength = 0, RoleSelections = [new RoleSelection("1.2.3", false, true)] }),
        "associate-rj" => new AssociateReject(RejectResult.Transient, RejectSource.ServiceProviderAcse, AssociateReject.ReasonProtocolVersionNotSupported),
        "p-data" => new PDataTransfer([new Pdv(1, true, true, new byte[] { 1, 2, 3 }), new Pdv(3, false, false, new byte[1000])]),
        "release-rq" => new ReleaseRequest(),
        "release-rp" => new ReleaseResponse(),
        _ => new Abort(Abort.SourceServiceProvider, AbortReason.UnexpectedPdu),
    };

    [Theory]
    [MemberData(nameof(AllPduKinds))]
    public async Task WriteAsyncThenReadAsync_EveryPduType_ReturnsEqualPdu(string kind)
    {
        var pdu = Sample(kind);
        var ms = new MemoryStream();
        var pdus = new PduStream(ms, 16384);

        await pdus.WriteAsync(pdu, None);
        Assert.Equal(PduCodec.Encode(pdu), ms.ToArray());
        ms.Position = 0;
        var read = await pdus.ReadAsync(None);

        Assert.NotNull(read);
        PduAssert.Equal(pdu, read);
        Assert.Null(await pdus.ReadAsync(None));
    }

    [Fact]
    public async Task WriteAsyncThenReadAsync_OverAnonymousPipe_ReturnsEqualPdusThenNullOnClose()
    {
        using var server = new AnonymousPipeServerStream(PipeDirection.Out);
        using var client = new AnonymousPipeClientStream(PipeDirection.In, server.ClientSafePipeHandle);
        var writer = new PduStream(server, 16384);
        var reader = new PduStream(client, 16384);
        var sent = ((IEnumerable<object[]>)AllPduKinds).Select(k => Sample((string)k[0])).ToList();

        var writing = Task.Run(async () =>
        {
            foreach (var pdu in sent)
            {
                await writer.WriteAsync(pdu, None);
            }
            await server.DisposeAsync();
        });
        var received = new List<Pdu>();
        while (await reader.ReadAsync(None) is { } pdu)
        {
            received.Add(pdu);
        }
        await writing;

        Assert.Equal(sent.Count, received.Count);
        for (int i = 0; i < sent.Count; i++)
        {
            PduAssert.Equal(sent[i], received[i]);
        }
    }

    [Fact]
    public async Task ReadAsync_MalformedBodyWithinLimit_ThrowsCodecReason()
    {
        var pdu = Raw.Pdu(0x04, Pdv(1, 0x80, [1]));

        var ex = await Assert.ThrowsAsync<PduFormatException>(async () => await Over(pdu).ReadAsync(None));

        Assert.Equal(AbortReason.InvalidPduParameterValue, ex.Reason);
        Assert.Contains("reserved bits", ex.Message);
    }

    [Fact]
    public async Task ReadAsync_Cancelled_ThrowsOperationCanceled()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await Over(PynetdicomPdus.AReleaseRq).ReadAsync(cts.Token));
    }
}
