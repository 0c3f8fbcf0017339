using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using MRSNode.Dicom;
using MRSNode.Dicom.IO;

namespace MRSNode.Cli.Commands;

/// <summary>
/// `mrsnode bench dicom`: parse throughput of one large multi-frame file and of many small files,
/// measured in the same run against dcmdump (dcmtk) and pydicom when they are installed.
/// </summary>
internal static class DicomParseBenchmark
{
    public static Command CreateCommand()
    {
        var work = new Option<DirectoryInfo?>("--work") { Description = "Scratch folder for the generated files (default: a temp folder, removed after)." };
        var sizeMb = new Option<int>("--size-mb") { Description = "Size of the large multi-frame file in MB.", DefaultValueFactory = _ => 100 };
        var count = new Option<int>("--small-count") { Description = "Number of small files.", DefaultValueFactory = _ => 2000 };
        var repeat = new Option<int>("--repeat") { Description = "Runs per measurement; the best is reported.", DefaultValueFactory = _ => 3 };
        var command = new Command("dicom", "Parse throughput: 100 MB multi-frame file and many small files, with dcmdump and pydicom side by side.")
        {
            work, sizeMb, count, repeat,
        };
        command.SetAction(parse => CliErrors.Run(() =>
            Run(parse.GetValue(work), parse.GetValue(sizeMb), parse.GetValue(count), Math.Max(1, parse.GetValue(repeat)))));
        return command;
    }

    private static int Run(DirectoryInfo? workDir, int sizeMb, int smallCount, int repeat)
    {
        var dir = workDir?.FullName ?? Path.Combine(Path.GetTempPath(), "mrsnode-bench-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        Directory.CreateDirectory(dir);
        try
        {
            var large = Path.Combine(dir, "large-multiframe.dcm");
            int frames = Math.Max(1, sizeMb * 1024 * 1024 / (1024 * 8));
            BenchmarkFiles.MultiFrameSpectroscopy(frames, 1024).Save(large);
            var smallDir = Path.Combine(dir, "small");
            Directory.CreateDirectory(smallDir);
            var smallFiles = Enumerable.Range(0, smallCount).Select(i =>
            {
                var p = Path.Combine(smallDir, i.ToString("D5", CultureInfo.InvariantCulture) + ".dcm");
                BenchmarkFiles.MultiFrameSpectroscopy(1, 1024).Save(p);
                return p;
            }).ToArray();
            long largeBytes = new FileInfo(large).Length;
            long smallBytes = smallFiles.Sum(f => new FileInfo(f).Length);

            Console.WriteLine($"# mrsnode bench dicom — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, .NET {Environment.Version}, {Environment.OSVersion}");
            Console.WriteLine($"large: {frames} frames, {largeBytes / 1e6:F1} MB; small: {smallCount} files, {smallBytes / 1e6:F1} MB in all; best of {repeat}");
            Console.WriteLine();
            Console.WriteLine("| measurement | large file (s) | large MB/s | small files (s) | small files/s |");
            Console.WriteLine("|---|---:|---:|---:|---:|");

            var ours = Measure(repeat, () => DicomFile.Open(large), () => { foreach (var f in smallFiles) DicomFile.Open(f); });
            Row("MRSNode DicomFile.Open (full parse)", ours, largeBytes, smallCount);
            var header = Measure(repeat, () => DicomFile.Open(large, DicomReadOptions.HeaderOnly), () => { foreach (var f in smallFiles) DicomFile.Open(f, DicomReadOptions.HeaderOnly); });
            Row("MRSNode header only (stops before 5600)", header, largeBytes, smallCount);
            var dumper = new DicomDumper();
            var ourDump = Measure(repeat, () => dumper.Dump(DicomFile.Open(large)), () => { foreach (var f in smallFiles) dumper.Dump(DicomFile.Open(f)); });
            Row("MRSNode dump (parse + print, in-process)", ourDump, largeBytes, smallCount);

            if (Tool("dcmdump") is { } dcmdump)
            {
                var dcm = Measure(repeat,
                    () => Exec(dcmdump, $"-q \"{large}\""),
                    () => Exec(dcmdump, $"-q +sd +r \"{smallDir}\""));
                Row("dcmdump (parse + print, one process per measurement)", dcm, largeBytes, smallCount);
                Console.WriteLine($"| ratio dcmdump / MRSNode dump | {dcm.Large / ourDump.Large:F2}× | | {dcm.Small / ourDump.Small:F2}× | |");
            }
            if (File.Exists("/usr/bin/python3"))
            {
                var script = Path.Combine(dir, "pyread.py");
                File.WriteAllText(script, PythonTimer);
                var py = MeasurePython(script, large, smallDir, repeat);
                if (py is { } p)
                {
                    Row("pydicom dcmread (in-process time)", p, largeBytes, smallCount);
                    Console.WriteLine($"| ratio pydicom / MRSNode full parse | {p.Large / ours.Large:F2}× | | {p.Small / ours.Small:F2}× | |");
                }
            }
            return 0;
        }
        finally
        {
            if (workDir is null)
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }

    private readonly record struct Timing(double Large, double Small);

    private static Timing Measure(int repeat, Action large, Action small)
    {
        large(); // warm-up (JIT, page cache)
        double bestLarge = double.MaxValue, bestSmall = double.MaxValue;
        for (int i = 0; i < repeat; i++)
        {
            var sw = Stopwatch.StartNew();
            large();
            bestLarge = Math.Min(bestLarge, sw.Elapsed.TotalSeconds);
            sw.Restart();
            small();
            bestSmall = Math.Min(bestSmall, sw.Elapsed.TotalSeconds);
        }
        return new Timing(bestLarge, bestSmall);
    }

    private static void Row(string name, Timing t, long largeBytes, int smallCount) =>
        Console.WriteLine(FormattableString.Invariant(
            $"| {name} | {t.Large:F3} | {largeBytes / 1e6 / t.Large:F0} | {t.Small:F3} | {smallCount / t.Small:F0} |"));

    private static readonly string[] _toolFolders = ["/usr/bin/", "/usr/local/bin/"];

    private static string? Tool(string name) => _toolFolders.Select(d => d + name).FirstOrDefault(File.Exists);

    private static void Exec(string file, string args)
    {
        var psi = new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var p = Process.Start(psi)!;
        // Drain both pipes; dcmdump's output is the work being timed, not kept.
        var errTask = p.StandardError.ReadToEndAsync();
        var buffer = new char[1 << 16];
        while (p.StandardOutput.Read(buffer, 0, buffer.Length) > 0) { }
        errTask.Wait();
        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {args} exited with {p.ExitCode}: {errTask.Result}");
        }
    }

    private static Timing? MeasurePython(string script, string large, string smallDir, int repeat)
    {
        var psi = new ProcessStartInfo("/usr/bin/python3", $"\"{script}\" \"{large}\" \"{smallDir}\" {repeat}")
        { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEnd();
        p.StandardError.ReadToEnd();
        p.WaitForExit();
        var parts = output.Trim().Split(' ');
        return p.ExitCode == 0 && parts.Length == 2
            ? new Timing(double.Parse(parts[0], CultureInfo.InvariantCulture), double.Parse(parts[1], CultureInfo.InvariantCulture))
            : null;
    }

    // Reads every element value (dcmread defers conversion; iterating forces it) and reports best times.
    private const string PythonTimer = """
        import os, sys, time
        import pydicom
        large, small_dir, repeat = sys.argv[1], sys.argv[2], int(sys.argv[3])
        files = sorted(os.path.join(small_dir, f) for f in os.listdir(small_dir))
        def walk(ds):
            for e in ds:
                if e.VR == "SQ":
                    for item in e.value:
                        walk(item)
                else:
                    e.value
        def run_large():
            walk(pydicom.dcmread(large))
        def run_small():
            for f in files:
                walk(pydicom.dcmread(f))
        run_large()
        best_l = best_s = 1e9
        for _ in range(repeat):
            t = time.perf_counter(); run_large(); best_l = min(best_l, time.perf_counter() - t)
            t = time.perf_counter(); run_small(); best_s = min(best_s, time.perf_counter() - t)
        print(f"{best_l} {best_s}")
        """;
}
