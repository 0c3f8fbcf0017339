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
