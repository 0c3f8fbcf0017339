using System.Text.Json;
using MRSNode.Dicom.Network.Dimse;
using MRSNode.TestSupport;
using Xunit;
using Xunit.Abstractions;

namespace MRSNode.Service.Tests.Hostile;

/// <summary>
/// Issue 25, finding 9: a 200 MB object took the node to 1.29 GB. Receiving streams the data set to the spool and
/// files it by reading only its identifiers, so a 256 MiB object (a private OB where a header-only read reaches it)
/// raises the node's peak RSS by far less than its size (before: by about its size). The study is left to settle:
/// this measures intake only. The object is generated while it is sent, so it never sits in the test's memory.
/// </summary>
[SlowTest]
public class LargeObjectTests(ITestOutputHelper output)
{
    private const long ValueBytes = 256L << 20;
    private const string ExplicitVRLittleEndian = "1.2.840.10008.1.2.1";
    private static readonly string _mrsnode = Path.Combine(AppContext.BaseDirectory, "mrsnode.dll");

    [Fact]
    public async Task Serve_256MiBObject_StoredWithPeakRssRisingLessThanAQuarterOfItsSize()
    {
        var data = TestData.NewTempFolder();
        int port = Ports.Free();
        var config = Path.Combine(data, "node.json");
        File.WriteAllText(config, JsonSerializer.Serialize(new
        {
            Node = new { DataDirectory = Path.Combine(data, "node"), Port = port, ListenAddress = "127.0.0.1" },
            Processing = new { SettleSeconds = 3600, Workers = 1 },
            Status = new { Port = 0 },
        }));
        const string uid = "1.2.826.0.1.3680043.10.1447.25.9";
        var header = DeflateBomb.Header(ValueBytes, uid);
        using var node = Peers.StartBackground("dotnet", [_mrsnode, "serve", "--config", config]);
        try
        {
            Assert.True(await Ports.WaitListening(port), "mrsnode serve did not listen");
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2)); // hang detector only
            // The first object pays the fixed costs (JIT, the data dictionary): the baseline is taken after a small one.
            byte[] small = [.. DeflateBomb.Header(1 << 20, uid + ".0"), .. new byte[1 << 20]];
            Assert.Equal(DimseStatus.Success, (await RawStoreScu.StoreAsync(port, DeflateBomb.MRSpectroscopyStorage, uid + ".0", ExplicitVRLittleEndian, small, timeout.Token)).Status);
            long before = DeflateBombTests.PeakRss(node);

            var response = await RawStoreScu.StoreAsync(port, DeflateBomb.MRSpectroscopyStorage, uid, ExplicitVRLittleEndian,
                new ConcatenatedStream(header, ValueBytes), timeout.Token);
            long peak = DeflateBombTests.PeakRss(node);
            output.WriteLine($"{ValueBytes >> 20} MiB object: node VmHWM {before >> 20} MiB after a 1 MiB object, {peak >> 20} MiB after it");

            Assert.Equal(DimseStatus.Success, response.Status);
            var stored = Path.Combine(data, "node", "intake", uid + ".1", uid + ".dcm");
            Assert.True(new FileInfo(stored).Length > ValueBytes);
            Assert.True(peak - before < ValueBytes / 4, $"VmHWM rose {(peak - before) >> 20} MiB for a {ValueBytes >> 20} MiB object");
        }
        finally
        {
            node.Kill(entireProcessTree: true);
            await node.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task Serve_ObjectOverMaxObjectBytes_RefusedWithA700NamingTheLimit()
    {
        var data = TestData.NewTempFolder();
        int port = Ports.Free();
        var config = Path.Combine(data, "node.json");
        File.WriteAllText(config, JsonSerializer.Serialize(new
        {
            Node = new { DataDirectory = Path.Combine(data, "node"), Port = port, ListenAddress = "127.0.0.1", MaxObjectBytes = 1 << 20 },
            Processing = new { SettleSeconds = 3600, Workers = 1 },
            Status = new { Port = 0 },
        }));
        const string uid = "1.2.826.0.1.3680043.10.1447.25.10";
        using var node = Peers.StartBackground("dotnet", [_mrsnode, "serve", "--config", config]);
        try
        {
            Assert.True(await Ports.WaitListening(port), "mrsnode serve did not listen");
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2)); // hang detector only

            var response = await RawStoreScu.StoreAsync(port, DeflateBomb.MRSpectroscopyStorage, uid, ExplicitVRLittleEndian,
                new ConcatenatedStream(DeflateBomb.Header(2 << 20, uid), 2 << 20), timeout.Token);

            Assert.Equal(DimseStatus.OutOfResources, response.Status);
            Assert.Equal("data set exceeds the limit of 1048576 bytes", response.ErrorComment);
            Assert.Empty(Directory.GetFiles(Path.Combine(data, "node", "intake"), "*", SearchOption.AllDirectories));
        }
        finally
        {
            node.Kill(entireProcessTree: true);
            await node.WaitForExitAsync();
        }
    }

    /// <summary>A header followed by <c>zeros</c> zero bytes, produced as read.</summary>
    private sealed class ConcatenatedStream(byte[] header, long zeros) : Stream
    {
        private long _position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => header.Length + zeros;
        public override long Position { get => _position; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            int n = (int)Math.Min(buffer.Length, Length - _position);
            int fromHeader = (int)Math.Clamp(header.Length - _position, 0, n);
            header.AsSpan((int)Math.Min(_position, header.Length), fromHeader).CopyTo(buffer);
            buffer[fromHeader..n].Clear();
            _position += n;
            return n;
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
