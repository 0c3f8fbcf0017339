using System.Numerics;
using MRSNode.Spectroscopy.Readers;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Spectroscopy.Tests.Readers;

/// <summary>Peak positions and mirror checks on magnitude spectra, and shared test plumbing.</summary>
internal static class SpectrumCheck
{
    public static readonly MrsReadOptions Defaults = MrsReadOptions.Default;

    /// <summary>Phase-aligned sum of every FID of the first voxel's coils and averages (weights conj(fid[0])).</summary>
    public static Complex[] Combined(MrsAcquisition a)
    {
        var sum = new Complex[a.Points];
        for (int avg = 0; avg < a.Averages; avg++)
        {
            for (int c = 0; c < a.Coils; c++)
            {
                var fid = a.Fid(0, avg, c);
                var w = Complex.Conjugate(fid[0]);
                for (int t = 0; t < a.Points; t++)
                {
                    sum[t] += fid[t] * w;
                }
            }
        }
        return sum;
    }

    public static double[] Magnitude(ReadOnlySpan<Complex> fid) => SpectralAxis.Spectrum(fid).Select(z => z.Magnitude).ToArray();

    /// <summary>The ppm of the largest magnitude in [low, high], refined by a parabola through the top three bins.</summary>
    public static double PeakPpm(ReadOnlySpan<Complex> fid, SpectralAxis axis, double low, double high)
    {
        var m = Magnitude(fid);
        int a = (int)Math.Ceiling(axis.IndexOf(high)), b = (int)Math.Floor(axis.IndexOf(low));
        int best = a;
        for (int i = a; i <= b; i++)
        {
            if (m[i] > m[best])
            {
                best = i;
            }
        }
        double shift = 0;
        if (best > 0 && best < m.Length - 1)
        {
            double den = m[best - 1] - 2 * m[best] + m[best + 1];
            shift = den != 0 ? 0.5 * (m[best - 1] - m[best + 1]) / den : 0;
        }
        return axis.ReferencePpm - (best + shift - axis.Points / 2) * axis.HzPerPoint / axis.FrequencyMHz;
    }

    /// <summary>Largest height above the local minimum (±0.15 ppm) of any point within ±halfWidth ppm of <paramref name="ppm"/>.</summary>
    public static double Prominence(ReadOnlySpan<Complex> fid, SpectralAxis axis, double ppm, double halfWidth = 0.04)
    {
        var m = Magnitude(fid);
        int a = Math.Max(0, (int)Math.Ceiling(axis.IndexOf(ppm + halfWidth)));
        int b = Math.Min(m.Length - 1, (int)Math.Floor(axis.IndexOf(ppm - halfWidth)));
        int half = Math.Max(1, (int)Math.Round(0.15 * axis.FrequencyMHz / axis.HzPerPoint));
        double best = 0;
        for (int i = a; i <= b; i++)
        {
            double low = double.MaxValue;
            for (int j = Math.Max(0, i - half); j <= Math.Min(m.Length - 1, i + half); j++)
            {
                low = Math.Min(low, m[j]);
            }
            best = Math.Max(best, m[i] - low);
        }
        return best;
    }

    /// <summary>
    /// Asserts the strongest peak in [expected ± window] lies within ±tolerance of <paramref name="expected"/>
    /// and the mirror position (2·reference − peak) holds less than 10 % of its prominence. Returns the peak ppm.
    /// </summary>
    public static double AssertPeak(ReadOnlySpan<Complex> fid, SpectralAxis axis, double expected, double tolerance = 0.05, double window = 0.12, double maxMirror = 0.1)
    {
        double ppm = PeakPpm(fid, axis, expected - window, expected + window);
        Assert.InRange(ppm, expected - tolerance, expected + tolerance);
        double peak = Prominence(fid, axis, ppm);
        double mirror = Prominence(fid, axis, 2 * axis.ReferencePpm - ppm);
        Assert.True(peak > 0, "no peak");
        Assert.True(mirror < maxMirror * peak, $"mirror at {2 * axis.ReferencePpm - ppm:F3} ppm is {mirror / peak:P0} of the peak at {ppm:F3} ppm");
        return ppm;
    }

    public static double AssertPeak(MrsAcquisition a, double expected, double tolerance = 0.05, double window = 0.12, double maxMirror = 0.1) =>
        AssertPeak(Combined(a), a.Axis, expected, tolerance, window, maxMirror);

    /// <summary>max |a − b| / max |a|.</summary>
    public static double RelativeDifference(ReadOnlySpan<Complex> a, ReadOnlySpan<Complex> b)
    {
        Assert.Equal(a.Length, b.Length);
        double diff = 0, scale = 0;
        for (int i = 0; i < a.Length; i++)
        {
            diff = Math.Max(diff, (a[i] - b[i]).Magnitude);
            scale = Math.Max(scale, a[i].Magnitude);
        }
        return diff / scale;
    }

    /// <summary>Copies test files into a fresh temp folder; returns the folder.</summary>
    public static string CopyToTemp(params string[] relative)
    {
        var dir = TestData.NewTempFolder();
        foreach (var r in relative)
        {
            File.Copy(TestData.Path(r), Path.Combine(dir, Path.GetFileName(r)));
        }
        return dir;
    }

    /// <summary>Runs a read, expecting an MrsReadException; returns its message.</summary>
    public static string ReadFails(Action read)
    {
        var ex = Assert.Throws<MrsReadException>(read);
        Assert.False(string.IsNullOrWhiteSpace(ex.Reason));
        return ex.Message;
    }
}

/// <summary>Feeds mutated copies of a file to a reader: only success or MrsReadException may come out, never a hang.</summary>
internal static class Fuzzer
{
    public static readonly TimeSpan PerVariantTimeout = TimeSpan.FromSeconds(20);
    private const string Specials = "0123456789-+.eE \n:$,'\"[]{}";

    /// <summary>Random mutation of bytes: truncation, byte flips (biased to the first <paramref name="hotBytes"/>), insertion, deletion, duplication.</summary>
    public static byte[] Mutate(byte[] original, Random random, int hotBytes)
    {
        var bytes = original.ToList();
        int kind = random.Next(6);
        int Position() => random.Next(2) == 0 && hotBytes > 0 ? random.Next(Math.Min(hotBytes, Math.Max(1, bytes.Count))) : random.Next(Math.Max(1, bytes.Count));
        switch (kind)
        {
            case 0:
                return [.. bytes.Take(random.Next(bytes.Count))];
            case 1:
            case 2:
                for (int i = 0, n = 1 + random.Next(8); i < n && bytes.Count > 0; i++)
                {
                    int p = Position();
                    bytes[p] = random.Next(3) switch
                    {
                        0 => (byte)random.Next(256),
                        1 => (byte)(bytes[p] ^ (1 << random.Next(8))),
                        _ => (byte)Specials[random.Next(Specials.Length)],
                    };
                }
                return [.. bytes];
            case 3:
                {
                    int p = Position();
                    var insert = new byte[1 + random.Next(16)];
                    random.NextBytes(insert);
                    bytes.InsertRange(Math.Min(p, bytes.Count), insert);
                    return [.. bytes];
                }
            case 4:
                {
                    int p = Position();
                    bytes.RemoveRange(Math.Min(p, bytes.Count), Math.Min(1 + random.Next(64), Math.Max(0, bytes.Count - p)));
                    return [.. bytes];
                }
            default:
                {
                    int p = Position();
                    int n = Math.Min(1 + random.Next(64), Math.Max(0, bytes.Count - p));
                    bytes.InsertRange(p, bytes.GetRange(p, n));
                    return [.. bytes];
                }
        }
    }

    /// <summary>
    /// Runs <paramref name="read"/> under a timeout; fails on any exception but MrsReadException. True when the
    /// reader rejected the input (MrsReadException), false when it read it.
    /// </summary>
    public static bool Run(string description, Action read)
    {
        var task = Task.Run(() =>
        {
            try
            {
                read();
                return false;
            }
            catch (MrsReadException)
            {
                return true;
            }
        });
        bool done;
        try
        {
            done = task.Wait(PerVariantTimeout);
        }
        catch (AggregateException ex)
        {
            throw new Xunit.Sdk.XunitException($"{description}: {ex.InnerException?.GetType().Name}: {ex.InnerException?.Message}\n{ex.InnerException?.StackTrace}");
        }
        Assert.True(done, $"{description}: no answer within {PerVariantTimeout.TotalSeconds} s");
        return task.Result;
    }

    /// <summary>Writes <paramref name="variants"/> mutations of <paramref name="original"/> as <paramref name="fileName"/> in a temp folder and reads each.</summary>
    public static void FuzzFile(byte[] original, string fileName, int variants, int seed, int hotBytes, Action<string> read, Action<string>? prepareFolder = null)
    {
        var random = new Random(seed);
        var dir = TestData.NewTempFolder();
        prepareFolder?.Invoke(dir);
        var path = Path.Combine(dir, fileName);
        int rejected = 0;
        for (int v = 0; v < variants; v++)
        {
            File.WriteAllBytes(path, Mutate(original, random, hotBytes));
            rejected += Run($"{fileName} variant {v} (seed {seed})", () => read(path)) ? 1 : 0;
        }
        // Not a vacuous pass: some mutations must have reached the reader's checks.
        Assert.InRange(rejected, 1, variants);
    }
}
