using System.Numerics;
using MRSNode.Spectroscopy;

namespace MRSNode.Quantification.Batch;

/// <summary>
/// Many spectra that share one spectral axis and one basis, quantified together: the voxels of an MRSI slab, or
/// many single-voxel jobs of one protocol. <see cref="Fids"/> are preprocessed, coil-combined and averaged FIDs;
/// <see cref="WaterFids"/>, when given, pairs one water FID (or null) with each.
/// </summary>
public sealed record BatchQuantificationRequest(SpectralAxis Axis, IReadOnlyList<Complex[]> Fids, BasisSet Basis, double? EchoTimeMs, LcmOptions Options)
{
    public IReadOnlyList<Complex[]?>? WaterFids { get; init; }
    /// <summary>Dwell time of the water FIDs (s); the metabolite axis's when null.</summary>
    public double? WaterDwellTimeSeconds { get; init; }
}

/// <summary>
/// The batched LCM: the same model and answers as <see cref="LcmQuantifier"/> per spectrum (within the tolerance its
/// implementation states), computed for a whole batch on the CPU's cores or on an accelerator.
/// </summary>
public interface IBatchQuantifier
{
    /// <summary>Where it computes, for logs and reports: "cpu", "ilgpu-cpu", "ilgpu-cuda", ...</summary>
    string Name { get; }

    /// <summary>One result per spectrum, in order; null for a spectrum whose fit failed (the reason goes to <paramref name="failures"/> when given).</summary>
    /// <param name="progress">Spectra finished so far.</param>
    IReadOnlyList<LcmResult?> Quantify(BatchQuantificationRequest request, IProgress<int>? progress = null, IDictionary<int, string>? failures = null, CancellationToken cancellationToken = default);
}
