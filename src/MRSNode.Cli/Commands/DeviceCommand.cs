using System.CommandLine;
using System.Text.Json;
using MRSNode.Quantification.Cuda;

namespace MRSNode.Cli.Commands;

/// <summary>`mrsnode device [--json]`: is there a usable CUDA GPU, and if not, why (what --device auto would do).</summary>
internal static class DeviceCommand
{
    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Print JSON instead of text." };
        var command = new Command("device", "Report CUDA GPUs (driver, name, memory, compute capability, SMs) or why computation falls back to the CPU.") { json };
        command.SetAction(parse =>
        {
            var p = CudaDiscovery.Probe();
            if (parse.GetValue(json))
            {
                Console.Out.WriteLine(JsonSerializer.Serialize(new
                {
                    available = p.Available,
                    reason = p.Reason,
                    driver = p.DriverVersionText,
                    devices = p.Devices.Select(d => new { ordinal = d.Ordinal, name = d.Name, memoryBytes = d.TotalMemoryBytes, computeCapability = $"{d.ComputeMajor}.{d.ComputeMinor}", multiprocessors = d.Multiprocessors }),
                }));
                return 0;
            }
            Console.Out.WriteLine(p.Available ? $"CUDA: {p.Reason}" : $"CUDA: not available ({p.Reason}); --device auto computes on the CPU");
            foreach (var d in p.Devices)
            {
                Console.Out.WriteLine($"  {d}");
            }
            return 0;
        });
        return command;
    }
}
