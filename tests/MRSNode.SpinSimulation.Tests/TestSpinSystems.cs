using MRSNode.SpinSimulation.SpinSystems;

namespace MRSNode.SpinSimulation.Tests;

/// <summary>Small spin systems defined in code, so engine tests do not depend on the shipped library's values.</summary>
internal static class TestSpinSystems
{
    public const string Source = "test";

    public static Spin Spin(string label, double ppm, int count = 1) => new() { Label = label, ShiftPpm = ppm, Count = count, Source = Source };

    public static Coupling Coupling(string a, string b, double hz) => new() { A = a, B = b, Hz = hz, Source = Source };

    public static SpinGroup Group(IReadOnlyList<Spin> spins, params Coupling[] couplings) => new() { Spins = spins, Couplings = couplings };

    public static MetaboliteSpinSystem Metabolite(string name, params SpinGroup[] groups) => new() { Name = name, FullName = name, Groups = groups };

    /// <summary>NAA's acetyl singlet (2.008 ppm, 3 protons) alone.</summary>
    public static MetaboliteSpinSystem NaaAcetyl() => Metabolite("NAA", Group([Spin("2CH3", 2.008, 3)]));

    /// <summary>A GABA-like AX pair: 4CH2-like spin at 3.01 ppm coupled (7.5 Hz) to a 3CH2-like spin at 1.89 ppm.</summary>
    public static MetaboliteSpinSystem GabaLikePair() =>
        Metabolite("GabaLike", Group([Spin("A", 3.01), Spin("X", 1.89)], Coupling("A", "X", 7.5)));

    public static SpinSystemLibrary Library(params MetaboliteSpinSystem[] metabolites) =>
        new() { Version = 99, Sources = new Dictionary<string, string> { [Source] = "defined in the test" }, Metabolites = metabolites };
}
