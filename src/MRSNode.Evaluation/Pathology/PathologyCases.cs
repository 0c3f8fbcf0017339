using MRSNode.Spectroscopy.Simulation;

namespace MRSNode.Evaluation.Pathology;

/// <summary>
/// The pathology test set (docs/accuracy.md, "Pathology"): a healthy spectrum, single changes (raised lactate, low NAA,
/// tripled choline), a tumour with and without lipids, lipids without lactate, scalp-lipid contamination, poor water
/// suppression and corrupted transients. Amplitudes in basis units (≈ mM for an LCModel basis).
/// <see cref="LongEcho"/>: the same at TE 144 ms, where lactate's doublet is inverted, to be simulated from a TE 144 basis
/// (the node's density-matrix simulation: <see cref="LongEchoProtocol"/>).
/// </summary>
public static class PathologyCases
{
    /// <summary>
    /// Healthy adult: the middle of <see cref="SimulationParameters.DefaultAmplitudes"/> (Gudmundson 2023 means; NAA
    /// 10.7, NAAG 1.68, Cr = PCr 5.09, GPC 1.71, PCho 0.75, Ins 5.83, Glu 8.8, Lac 0.65 …).
    /// </summary>
    public static IReadOnlyDictionary<string, double> Healthy { get; } =
        SimulationParameters.DefaultAmplitudes.ToDictionary(p => p.Key, p => (p.Value.Min + p.Value.Max) / 2, StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// A high-grade glioma: tNAA 2.6 (NAA 2.2 + NAAG 0.4), tCr 7, tCho tripled (GPC 5.13, PCho 2.25), Lac 6, Ins 7,
    /// Glu 5, Gln 3, GABA 1, Asp 1.
    /// </summary>
    public static IReadOnlyDictionary<string, double> Tumour { get; } = With(Healthy, new()
    {
        ["NAA"] = 2.2, ["NAAG"] = 0.4, ["Cr"] = 3.5, ["PCr"] = 3.5, ["GPC"] = 5.13, ["PCho"] = 2.25,
        ["Lac"] = 6, ["Ins"] = 7, ["Glu"] = 5, ["Gln"] = 3, ["GABA"] = 1, ["Asp"] = 1,
    });

    /// <summary>
    /// Necrotic tumour lipids at short TE: Voigt lines (Lorentzian 14–16 Hz, Gaussian 10–12 Hz, so about 0.17 ppm wide at
    /// 3 T) at 1.31, 0.91, 2.04, 2.24 and 2.80 ppm, 8, 2.4, 0.6, 0.3 and 0.25 × the creatine area: the 1.3 ppm peak about
    /// four times the tCr peak. Positions, widths and shape differ from the fit's Gaussian Lip13/Lip09/Lip20 on purpose
    /// (no inverse crime).
    /// </summary>
    public static IReadOnlyList<LipidLine> TumourLipids { get; } =
    [
        new(1.31, 8, 14, 10),
        new(0.91, 2.4, 14, 10),
        new(2.04, 0.6, 16, 12),
        new(2.24, 0.3, 16, 12),
        new(2.80, 0.25, 16, 12),
    ];

    /// <summary>Scalp (subcutaneous) fat seen through the voxel's side lobes: narrower, slightly shifted lines, 3 × creatine at 1.33 ppm.</summary>
    public static IReadOnlyList<LipidLine> ScalpLipids { get; } =
    [
        new(1.33, 3, 7, 8),
        new(0.93, 0.8, 7, 8),
        new(2.06, 0.3, 8, 8),
    ];

    public static IReadOnlyList<PathologyCase> Standard { get; } =
    [
        new() { Name = "healthy", Description = "healthy adult", Amplitudes = Healthy },
        new() { Name = "raised-lac", Description = "healthy with Lac 6", Amplitudes = With(Healthy, new() { ["Lac"] = 6 }) },
        new() { Name = "low-naa", Description = "healthy with tNAA 2.6 (neuronal loss)", Amplitudes = With(Healthy, new() { ["NAA"] = 2.2, ["NAAG"] = 0.4 }) },
        new() { Name = "tripled-cho", Description = "healthy with tCho × 3", Amplitudes = With(Healthy, new() { ["GPC"] = 5.13, ["PCho"] = 2.25 }) },
        new() { Name = "tumour", Description = "high-grade glioma without lipids", Amplitudes = Tumour },
        new() { Name = "tumour-lipids", Description = "high-grade glioma with necrotic lipids", Amplitudes = Tumour, Lipids = TumourLipids },
        new() { Name = "lipids-no-lac", Description = "tumour lipids, no lactate (e.g. metastasis)", Amplitudes = With(Tumour, new() { ["Lac"] = 0 }), Lipids = TumourLipids },
        new() { Name = "scalp-lipid", Description = "healthy, no lactate, scalp-lipid contamination", Amplitudes = With(Healthy, new() { ["Lac"] = 0 }), Lipids = ScalpLipids },
        new() { Name = "poor-water-supp", Description = "healthy, residual water 150 × the NAA area", Amplitudes = Healthy, ResidualWater = ValueRange.Fixed(150) },
        new() { Name = "bad-transients", Description = "healthy, 32 transients of which 4 hit by motion", Amplitudes = Healthy, Transients = new(32, 4) },
    ];

    /// <summary>
    /// PRESS TE 144 ms as the long-echo cases are simulated and fitted: TE1 16.4 + TE2 127.6 ms (a Siemens-like split;
    /// lactate's methyl doublet is inverted at TE ≈ 1/J whatever the split).
    /// </summary>
    public static (double EchoTimeMs, double Te1Ms, double Te2Ms) LongEchoProtocol { get; } = (144, 16.4, 127.6);

    /// <summary>
    /// TE 144 ms: healthy, raised lactate (inverted doublet) and the tumour without and with its lipids, which at this TE have lost
    /// most of their signal to T2 (a quarter of the short-TE lipid lines kept). No measured macromolecule at this TE.
    /// </summary>
    public static IReadOnlyList<PathologyCase> LongEcho { get; } =
    [
        new() { Name = "te144-healthy", Description = "healthy adult, TE 144 ms", Amplitudes = Healthy },
        new() { Name = "te144-raised-lac", Description = "healthy with Lac 6, TE 144 ms (inverted doublet)", Amplitudes = With(Healthy, new() { ["Lac"] = 6 }) },
        new() { Name = "te144-tumour", Description = "high-grade glioma without lipids, TE 144 ms", Amplitudes = Tumour },
        new()
        {
            Name = "te144-tumour-lipids", Description = "high-grade glioma with necrotic lipids, TE 144 ms", Amplitudes = Tumour,
            Lipids = [.. TumourLipids.Select(l => l with { AreaRelativeToCreatine = l.AreaRelativeToCreatine / 4 })],
        },
    ];

    private static Dictionary<string, double> With(IReadOnlyDictionary<string, double> baseline, Dictionary<string, double> changes)
    {
        var result = new Dictionary<string, double>(baseline, StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in changes)
        {
            result[name] = value;
        }
        return result;
    }
}
