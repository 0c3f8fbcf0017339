using System.Text.Json.Serialization;

namespace MRSNode.SpinSimulation.SpinSystems;

/// <summary>
/// One proton (or a set of <see cref="Count"/> magnetically equivalent protons) of a spin group: its chemical shift
/// and the key of the published table it comes from (<see cref="SpinSystemLibrary.Sources"/>).
/// </summary>
public sealed record Spin
{
    /// <summary>Position label as in the source table, e.g. "2CH", "3CH3", "6'CH2".</summary>
    [JsonPropertyName("label")] public required string Label { get; init; }
    [JsonPropertyName("shiftPpm")] public required double ShiftPpm { get; init; }
    /// <summary>Magnetically equivalent protons this entry stands for (3 for a methyl). The engine expands coupled ones.</summary>
    [JsonPropertyName("count")] public int Count { get; init; } = 1;
    [JsonPropertyName("source")] public required string Source { get; init; }
}

/// <summary>A scalar coupling between two spins of the same group, by label.</summary>
public sealed record Coupling
{
    [JsonPropertyName("a")] public required string A { get; init; }
    [JsonPropertyName("b")] public required string B { get; init; }
    [JsonPropertyName("hz")] public required double Hz { get; init; }
    [JsonPropertyName("source")] public required string Source { get; init; }
}

/// <summary>
/// A scalar coupling of a proton of the group (by label) to a heteronucleus (31P, 14N) of the molecule. The pulses do
/// not touch that nucleus, so it stays in one spin state m throughout and shifts the proton by m·J: the group is
/// simulated once per state (<see cref="SpinGroup.ProtonOnlyStates"/>). Each nucleus name stands for one atom of the group.
/// </summary>
public sealed record HeteronuclearCoupling
{
    [JsonPropertyName("spin")] public required string Spin { get; init; }
    /// <summary>"31P" (spin ½) or "14N" (spin 1).</summary>
    [JsonPropertyName("nucleus")] public required string Nucleus { get; init; }
    [JsonPropertyName("hz")] public required double Hz { get; init; }
    [JsonPropertyName("source")] public required string Source { get; init; }

    /// <summary>The spin quantum number of a nucleus this library couples to.</summary>
    public static double SpinQuantumNumber(string nucleus) => nucleus switch
    {
        "31P" => 0.5,
        "14N" => 1,
        _ => throw new ArgumentException($"heteronucleus {nucleus} is not supported (31P, 14N)", nameof(nucleus)),
    };
}

/// <summary>
/// Spins coupled among themselves and to no spin of another group (e.g. NAA's aspartyl ABX and its acetyl
/// singlet are two groups), so each group is simulated in its own, smaller, Hilbert space and the signals added,
/// each times <see cref="Weight"/> (e.g. 0.36 and 0.64 for the α and β anomers of glucose).
/// </summary>
public sealed record SpinGroup
{
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("spins")] public required IReadOnlyList<Spin> Spins { get; init; }
    [JsonPropertyName("couplings")] public IReadOnlyList<Coupling> Couplings { get; init; } = [];
    [JsonPropertyName("weight")] public double Weight { get; init; } = 1.0;
    [JsonPropertyName("heteronuclear")] public IReadOnlyList<HeteronuclearCoupling> Heteronuclear { get; init; } = [];

    /// <summary>
    /// This group as proton-only groups, one per spin state of its heteronuclei: in each the coupled protons are moved
    /// by m·J (Hz, converted at <paramref name="frequencyMHz"/>) and the weight is shared equally among the 2I+1 states
    /// of each nucleus (they are equally populated). Exact for ideal proton pulses and weak heteronuclear coupling
    /// (MHz apart); the group itself when it has no heteronuclear couplings.
    /// </summary>
    public IReadOnlyList<SpinGroup> ProtonOnlyStates(double frequencyMHz)
    {
        if (Heteronuclear.Count == 0)
        {
            return [this];
        }
        if (!(frequencyMHz > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(frequencyMHz), frequencyMHz, "the frequency must be positive (MHz)");
        }
        IEnumerable<(double Weight, Dictionary<string, double> OffsetHz)> states = [(Weight, new Dictionary<string, double>(StringComparer.Ordinal))];
        foreach (var nucleus in Heteronuclear.GroupBy(h => h.Nucleus, StringComparer.Ordinal))
        {
            double spin = HeteronuclearCoupling.SpinQuantumNumber(nucleus.Key);
            int levels = (int)Math.Round(2 * spin + 1);
            var m = Enumerable.Range(0, levels).Select(k => k - spin).ToList();
            states = states.SelectMany(state => m.Select(mk =>
            {
                var offsets = new Dictionary<string, double>(state.OffsetHz, StringComparer.Ordinal);
                foreach (var coupling in nucleus)
                {
                    offsets[coupling.Spin] = offsets.GetValueOrDefault(coupling.Spin) + mk * coupling.Hz;
                }
                return (state.Weight / levels, offsets);
            })).ToList();
        }
        return states.Select(state => this with
        {
            Weight = state.Weight,
            Heteronuclear = [],
            Spins = Spins.Select(s => state.OffsetHz.TryGetValue(s.Label, out double hz) ? s with { ShiftPpm = s.ShiftPpm + hz / frequencyMHz } : s).ToList(),
        }).ToList();
    }
}

/// <summary>One metabolite's spin system: its groups, the name used in basis sets, and other names it goes by.</summary>
public sealed record MetaboliteSpinSystem
{
    /// <summary>The basis-set name (LCModel convention: NAA, Cr, PCr, GPC, PCh, Ins, Glu, ...).</summary>
    [JsonPropertyName("name")] public required string Name { get; init; }
    [JsonPropertyName("fullName")] public required string FullName { get; init; }
    [JsonPropertyName("aliases")] public IReadOnlyList<string> Aliases { get; init; } = [];
    [JsonPropertyName("groups")] public required IReadOnlyList<SpinGroup> Groups { get; init; }
    [JsonPropertyName("notes")] public string? Notes { get; init; }

    /// <summary>Protons in the molecule (weighted by group weight): what a basis signal is normalised by.</summary>
    [JsonIgnore] public double Protons => Groups.Sum(g => g.Weight * g.Spins.Sum(s => s.Count));
}
