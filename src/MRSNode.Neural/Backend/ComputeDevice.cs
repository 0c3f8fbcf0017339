namespace MRSNode.Neural.Backend;

/// <summary>Where a network computes: the GPU when one is usable, else the CPU (auto); the CPU; or the GPU (cuda).</summary>
public enum ComputeDevice
{
    Auto,
    Cpu,
    Cuda,
}
