using System.Diagnostics;
using MRSNode.Dicom.IO;
using MRSNode.TestSupport;
using Xunit;
using Xunit.Abstractions;

namespace MRSNode.Dicom.Tests.IO;

/// <summary>
/// Mutation fuzzing of the reader: every input either parses or raises DicomFormatException,
/// within a time bound and with allocations bounded by the input size. CI runs a few thousand
/// cases; set MRSNODE_FUZZ_CASES for a long run (recorded in docs/benchmarks.md).
/// </summary>
[UnitTest]
public class DicomFileFuzzTests(ITestOutputHelper output)
{
    private static readonly int _cases = int.TryParse(Environment.GetEnvironmentVariable("MRSNODE_FUZZ_CASES"), out var n) ? n : 1500;
    private static readonly int _seed = int.TryParse(Environment.GetEnvironmentVariable("MRSNODE_FUZZ_SEED"), out var s) ? s : 20261121;

    // Lengths and tags that hit boundary conditions in length checks and delimiter handling.
    private static readonly uint[] _interesting = [0, 1, 2, 3, 0x7F, 0xFF, 0xFFFF, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFE, 0xFFFFFFFF, 0xE000FFFE, 0xE00DFFFE, 0xE0DDFFFE];

    [Fact]
    public void Open_MutatedRealFiles_ParseOrThrowFormatExceptionWithinBounds()
    {
        var seeds = SeedFiles();
        RunCases(seeds, Mutate, "mutated");
    }

    [Fact]
    public void Open_TruncatedRealFiles_ThrowFormatExceptionOrParsePrefix()
    {
        var seeds = SeedFiles();
        RunCases(seeds, (rng, seed) => seed[..rng.Next(0, seed.Length)], "truncated");
    }

    [Fact]
    public void Open_RandomBytes_ThrowFormatException()
    {
        RunCases([[]], (rng, _) =>
        {
            var bytes = new byte[rng.Next(0, 4096)];
            rng.NextBytes(bytes);
            if (rng.Next(2) == 0 && bytes.Length > 132)
            {
                "DICM"u8.CopyTo(bytes.AsSpan(128));
            }
            return bytes;
        }, "random");
    }

    private void RunCases(byte[][] seeds, Func<Random, byte[], byte[]> make, string kind)
    {
        var rng = new Random(_seed);
        int parsed = 0, rejected = 0;
        long worstTicks = 0;
        var worker = Task.Run(() =>
        {
            for (int i = 0; i < _cases; i++)
            {
                var seed = seeds[rng.Next(seeds.Length)];
                var input = make(rng, seed);
                long before = GC.GetAllocatedBytesForCurrentThread();
                var sw = Stopwatch.StartNew();
                try
                {
                    var file = DicomFile.Open(new MemoryStream(input, writable: false));
                    new DicomDumper().Dump(file); // every value must also be printable
                    parsed++;
                }
                catch (DicomFormatException)
                {
                    rejected++;
                }
                catch (Exception ex)
                {
                    var path = Path.Combine(TestData.NewTempFolder(), $"fuzz-{kind}-{i}.dcm");
                    File.WriteAllBytes(path, input);
                    Assert.Fail($"case {i} ({kind}, seed {_seed}) threw {ex.GetType().Name}: {ex.Message}; input saved to {path}\n{ex.StackTrace}");
                }
                worstTicks = Math.Max(worstTicks, sw.ElapsedTicks);
                long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
                // The data set itself, the 64 KiB read buffer, the dump text: all proportional to the input.
                Assert.True(allocated <= 64L * input.Length + 4_000_000, $"case {i} ({kind}) allocated {allocated} bytes for a {input.Length}-byte input");
            }
        });
        Assert.True(worker.Wait(TimeSpan.FromMinutes(5)), $"{kind} fuzzing did not finish: a hang");
        Assert.Equal(_cases, parsed + rejected);
        var worstMs = worstTicks * 1000.0 / Stopwatch.Frequency;
        output.WriteLine($"{kind}: {_cases} cases, {parsed} parsed, {rejected} rejected, slowest {worstMs:F1} ms");
        Assert.True(worstMs < 2000, $"slowest {kind} case took {worstMs:F0} ms");
    }

    private static byte[] Mutate(Random rng, byte[] seed)
    {
        var b = (byte[])seed.Clone();
        int edits = rng.Next(1, 9);
        for (int e = 0; e < edits; e++)
        {
            int at = rng.Next(0, b.Length);
            switch (rng.Next(5))
            {
                case 0: // flip a bit
                    b[at] ^= (byte)(1 << rng.Next(8));
                    break;
                case 1: // random byte
                    b[at] = (byte)rng.Next(256);
                    break;
                case 2: // an interesting 32-bit value (lengths, delimiter tags)
                    if (at + 4 <= b.Length)
                    {
                        BitConverter.TryWriteBytes(b.AsSpan(at), _interesting[rng.Next(_interesting.Length)]);
                    }
                    break;
                case 3: // delete a chunk
                    int len = rng.Next(1, Math.Min(64, b.Length - at) + 1);
                    b = [.. b.AsSpan(0, at), .. b.AsSpan(at + len)];
                    break;
                default: // duplicate a chunk
                    int dl = rng.Next(1, Math.Min(64, b.Length - at) + 1);
                    b = [.. b.AsSpan(0, at + dl), .. b.AsSpan(at, dl), .. b.AsSpan(at + dl)];
                    break;
            }
            if (b.Length == 0)
            {
                break;
            }
        }
        return b;
    }

    /// <summary>The vendor files in every syntax we write, with defined and undefined lengths.</summary>
    private static byte[][] SeedFiles()
    {
        var seeds = new List<byte[]>();
        foreach (var f in TestData.VendorDicomFiles)
        {
            var file = DicomFile.Open(TestData.Path(f));
            seeds.Add(File.ReadAllBytes(TestData.Path(f)));
            foreach (var ts in DicomTransferSyntax.Uncompressed)
            {
                foreach (var defined in new[] { true, false })
                {
                    using var ms = new MemoryStream();
                    file.Save(ms, ts, new DicomWriteOptions { DefinedLengthSequences = defined });
                    seeds.Add(ms.ToArray());
                }
            }
        }
        return [.. seeds];
    }
}
