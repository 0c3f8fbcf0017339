using System.CommandLine;
using System.Text.Json;
using ILGPU.Runtime.CPU;
using MRSNode.Accelerators;
using MRSNode.Accelerators.Devices;
using MRSNode.Accelerators.Neural;
using MRSNode.Accelerators.Neural.Parity;
using MRSNode.Neural.Backend;

namespace MRSNode.Cli.Commands;

/// <summary>
/// `mrsnode device [--json] [--check [--accelerator auto|cuda|opencl|cpu]]`: the accelerators ILGPU sees (CUDA, OpenCL,
/// its CPU accelerator) or why there is no GPU (what --device auto would do); --check runs every kernel on one of them
/// against the CPU reference and prints the errors (exit 1 when one is out of tolerance).
/// </summary>
internal static class DeviceCommand
{
    private static readonly string[] Accelerators = ["auto", "cuda", "opencl", "cpu"];

    public static Command Create(AcceleratorSelection selection)
    {
        var json = new Option<bool>("--json") { Description = "Print JSON instead of text." };
        var check = new Option<bool>("--check") { Description = "Run every kernel on the accelerator against the CPU reference and print the largest errors." };
        var accelerator = new Option<string>("--accelerator")
        {
            Description = "For --check: auto (the CUDA GPU, else ILGPU's CPU accelerator), cuda, opencl or cpu (the CPU accelerator).",
            DefaultValueFactory = _ => "auto",
        };
        accelerator.AcceptOnlyFromAmong(Accelerators);
        var command = new Command("device", "Report the accelerators (CUDA, OpenCL, ILGPU's CPU accelerator) or why computation falls back to the CPU; --check verifies the kernels.")
        {
            json, check, accelerator,
        };
        command.SetAction(parse => CliErrors.Run(() => parse.GetValue(check)
            ? Check(selection.Inventory, parse.GetValue(accelerator)!, parse.GetValue(json))
            : List(selection.Inventory, parse.GetValue(json))));
        return command;
    }

    private static int List(AcceleratorInventory inventory, bool json)
    {
        var cuda = inventory.Devices.Where(d => d.Kind == AcceleratorKind.Cuda).ToList();
        if (json)
        {
            Console.Out.WriteLine(JsonSerializer.Serialize(new
            {
                available = cuda.Count > 0,
                reason = inventory.CudaReason ?? $"{cuda.Count} CUDA device(s)",
                devices = cuda.Select(Describe),
                openClReason = inventory.OpenClReason,
                accelerators = inventory.Devices.Select(Describe),
            }));
            return 0;
        }
        Console.Out.WriteLine(cuda.Count > 0 ? $"CUDA: {cuda.Count} device(s)" : $"CUDA: not available ({inventory.CudaReason}); --device auto computes on the CPU");
        if (inventory.OpenClReason is not null)
        {
            Console.Out.WriteLine($"OpenCL: not available ({inventory.OpenClReason})");
        }
        foreach (var d in inventory.Devices)
        {
            Console.Out.WriteLine($"  {d}");
        }
        return 0;
    }

    private static object Describe(AcceleratorDevice d) => new { kind = AcceleratorDevice.KindName(d.Kind), ordinal = d.Ordinal, name = d.Name, memoryBytes = d.MemoryBytes };

    private static int Check(AcceleratorInventory inventory, string accelerator, bool json)
    {
        using var backend = new IlgpuBackend(Open(inventory, accelerator), ownsSession: true);
        var results = new List<ParityResult>();
        if (!json)
        {
            Console.Out.WriteLine($"checking the kernels on {backend.Description} (GEMM tile {backend.GemmTile}) against the CPU reference");
        }
        foreach (var name in BackendParityChecks.Names)
        {
            var result = BackendParityChecks.Run(name, backend);
            results.Add(result);
            if (!json)
            {
                Console.Out.WriteLine($"  {result}");
            }
        }
        int passed = results.Count(r => r.Passed);
        if (json)
        {
            Console.Out.WriteLine(JsonSerializer.Serialize(new
            {
                device = backend.Description,
                passed,
                failed = results.Count - passed,
                checks = results.Select(r => new { operation = r.Operation, maxError = double.IsFinite(r.MaxError) ? r.MaxError : -1, tolerance = r.Tolerance, passed = r.Passed }),
            }));
        }
        else
        {
            Console.Out.WriteLine($"passed {passed} of {results.Count}");
        }
        return passed == results.Count ? 0 : CliErrors.Failure;
    }

    private static AcceleratorSession Open(AcceleratorInventory inventory, string accelerator)
    {
        AcceleratorDevice? device = accelerator switch
        {
            "cuda" => inventory.FirstOf(AcceleratorKind.Cuda) ?? throw new BackendNotAvailableException($"CUDA requested but not available: {inventory.CudaReason}"),
            "opencl" => inventory.FirstOf(AcceleratorKind.OpenCL) ?? throw new BackendNotAvailableException($"OpenCL requested but not available: {inventory.OpenClReason}"),
            "auto" => inventory.FirstOf(AcceleratorKind.Cuda),
            _ => null,
        };
        // The CPU accelerator shaped like an NVIDIA GPU: the kernels run with the group and tile sizes they have on CUDA.
        return device is null ? AcceleratorSession.CreateCpu(CPUDeviceKind.Nvidia) : AcceleratorSession.Create(device);
    }
}
