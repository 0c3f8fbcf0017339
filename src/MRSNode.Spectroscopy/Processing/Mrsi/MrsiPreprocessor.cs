using System.Numerics;

namespace MRSNode.Spectroscopy.Processing.Mrsi;

/// <summary>What <see cref="MrsiPreprocessor"/> switches on; every step on by default.</summary>
public sealed record MrsiPreprocessingOptions
{
    public bool SuppressLipids { get; init; } = true;
    public bool AlignFrequencies { get; init; } = true;
    public bool Phase { get; init; } = true;
    public bool RemoveResidualWater { get; init; } = true;
    /// <summary>Lipid components kept from the ring (<see cref="LipidL2Suppression"/>).</summary>
    public int MaxLipidComponents { get; init; } = 64;
    /// <summary>Largest fraction of a metabolite template's (NAA, Cr, Cho) energy the lipid step may take.</summary>
    public double MaxMetaboliteChange { get; init; } = 0.03;
}

/// <summary>A preprocessed MRSI grid: the data, which voxels to fit, the frequency-shift map and every step's report.</summary>
public sealed record MrsiPreprocessingResult(MrsAcquisition Acquisition, MrsiVoxelMask Mask, IReadOnlyList<double> ShiftMapHz, IReadOnlyList<StepReport> Reports)
{
    /// <summary>The voxels to fit: brain voxels (inside the box, with signal, not lipid-dominated).</summary>
    public bool[] FitMask => Mask.Of(MrsiVoxelClass.Brain);
}

/// <summary>
/// Per-voxel preprocessing of an MRSI grid, in this order: coil combination and averaging per voxel (the single-voxel
/// steps, which already loop over voxels); the voxel mask (<see cref="MrsiVoxelMask"/>); lipid suppression of the brain
/// voxels with the ring's lipid basis (<see cref="LipidL2Suppression"/>) — first, while the brain voxels' lipid
/// contamination still has the ring's own frequencies; frequency alignment across voxels (<see cref="MrsiFrequencyAlignment"/>,
/// the water reference's shift map when given); zero-order phase on creatine (a lesion's NAA may be too low);
/// residual water by HLSVD (a short 256-point model per brain voxel, so a grid takes seconds, not minutes).
/// Steps after the mask touch brain voxels only.
/// </summary>
public sealed class MrsiPreprocessor(MrsiPreprocessingOptions? options = null)
{
    private readonly MrsiPreprocessingOptions _options = options ?? new MrsiPreprocessingOptions();

    public MrsiPreprocessingResult Run(MrsAcquisition input, MrsAcquisition? waterReference = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var reports = new List<StepReport>();
        var current = input;
        if (current.Coils > 1)
        {
            (current, var report) = new CoilCombination(waterReference).Apply(current, cancellationToken);
            reports.Add(report);
        }
        if (current.Averages > 1)
        {
            current = current.AverageTransients();
            reports.Add(new StepReport("Averaging", $"{input.Averages} transients averaged per voxel", new Dictionary<string, double> { ["Averages"] = input.Averages }));
        }
        var water = waterReference?.Coils > 1 ? new CoilCombination().Apply(waterReference, cancellationToken).Result : waterReference;
        water = water?.AverageTransients();

        var mask = MrsiVoxelMask.Classify(current);
        reports.Add(new StepReport("Voxel mask",
            $"{mask.Count(MrsiVoxelClass.Brain)} brain, {mask.Count(MrsiVoxelClass.LipidRing)} lipid-ring, {mask.Count(MrsiVoxelClass.OutsideVolume)} outside the box, {mask.Count(MrsiVoxelClass.NoSignal)} without signal",
            Enum.GetValues<MrsiVoxelClass>().ToDictionary(c => c.ToString(), c => (double)mask.Count(c)))
        {
            Series = new Dictionary<string, double[]> { ["Class"] = [.. mask.Classes.Select(c => (double)c)] },
        });
        var brain = mask.Of(MrsiVoxelClass.Brain);

        if (_options.SuppressLipids)
        {
            (current, var report) = new LipidL2Suppression(_options.MaxLipidComponents, _options.MaxMetaboliteChange)
                .Apply(current, brain, mask.Of(MrsiVoxelClass.LipidRing), cancellationToken);
            reports.Add(report);
        }
        var shifts = Enumerable.Repeat(double.NaN, current.Voxels).ToArray();
        if (_options.AlignFrequencies)
        {
            (current, var report) = new MrsiFrequencyAlignment(water).Apply(current, brain, cancellationToken);
            shifts = report.Series["ShiftHz"];
            reports.Add(report);
        }
        if (_options.Phase)
        {
            var (phased, report) = OnVoxels(current, brain, part => new Phasing(ReferencePeak.Creatine).Apply(part, cancellationToken));
            current = phased;
            reports.Add(report);
        }
        if (_options.RemoveResidualWater)
        {
            var (cleaned, report) = OnVoxels(current, brain, part => new ResidualWaterRemoval(components: 16, modelPoints: Math.Min(256, part.Points)).Apply(part, cancellationToken));
            current = cleaned;
            reports.Add(report);
        }
        return new MrsiPreprocessingResult(current, mask, shifts, reports);
    }

    /// <summary>Runs a single-voxel step on the selected voxels only (as one acquisition of them) and puts them back.</summary>
    private static (MrsAcquisition Result, StepReport Report) OnVoxels(MrsAcquisition input, bool[] selected, Func<MrsAcquisition, (MrsAcquisition Result, StepReport Report)> step)
    {
        var voxels = Enumerable.Range(0, input.Voxels).Where(v => selected[v]).ToArray();
        int n = input.Points;
        if (voxels.Length == 0)
        {
            return (input, new StepReport("(no brain voxels)", "skipped", new Dictionary<string, double>()));
        }
        var part = new Complex[voxels.Length * n];
        for (int i = 0; i < voxels.Length; i++)
        {
            input.Fid(voxels[i]).CopyTo(part.AsSpan(i * n, n));
        }
        var (result, report) = step(input.With(part, n, 1, 1, voxels.Length));
        var data = (Complex[])input.Data.Clone();
        for (int i = 0; i < voxels.Length; i++)
        {
            result.Fid(i).CopyTo(data.AsSpan(voxels[i] * n, n));
        }
        return (input.With(data, n, 1, 1, input.Voxels), report);
    }
}
