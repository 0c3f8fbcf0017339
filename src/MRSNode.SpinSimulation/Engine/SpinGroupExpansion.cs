using MRSNode.SpinSimulation.SpinSystems;

namespace MRSNode.SpinSimulation.Engine;

/// <summary>
/// Splits a spin group into the sets of spins that are actually coupled (connected by non-zero couplings), so each
/// is simulated in the smallest Hilbert space: an entry coupled to nothing is one spin of weight Count (a singlet
/// needs no expansion), while the entries of a coupled set are expanded into Count equivalent protons each, so a
/// methyl coupled to a CH splits it into a 1:3:3:1 quartet.
/// </summary>
internal static class SpinGroupExpansion
{
    /// <summary>2^12 = 4096 states; the largest brain metabolite spin system (glucose) has 7 coupled protons.</summary>
    public const int MaxCoupledSpins = 12;

    public static IReadOnlyList<CoupledSpins> Expand(SpinGroup group, string metabolite)
    {
        ArgumentNullException.ThrowIfNull(group);
        var spins = group.Spins;
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < spins.Count; i++)
        {
            if (spins[i].Count < 1)
            {
                throw new ArgumentException($"{metabolite}: spin {spins[i].Label} has count {spins[i].Count}; it must be at least 1.", nameof(group));
            }
            if (!index.TryAdd(spins[i].Label, i))
            {
                throw new ArgumentException($"{metabolite}: spin label {spins[i].Label} appears twice in one group.", nameof(group));
            }
        }
        var j = new double[spins.Count, spins.Count];
        foreach (var coupling in group.Couplings)
        {
            int a = Lookup(index, coupling.A, metabolite), b = Lookup(index, coupling.B, metabolite);
            if (a == b)
            {
                throw new ArgumentException($"{metabolite}: coupling of {coupling.A} to itself.", nameof(group));
            }
            j[a, b] = j[b, a] = coupling.Hz;
        }
        return Components(spins.Count, j).Select(c => Build(group, c, j, metabolite)).ToList();
    }

    private static int Lookup(Dictionary<string, int> index, string label, string metabolite) =>
        index.TryGetValue(label, out int i) ? i
            : throw new ArgumentException($"{metabolite}: a coupling names spin {label}, which is not in its group.");

    /// <summary>Connected components of the coupling graph, each in the order of the group's spins.</summary>
    private static List<List<int>> Components(int n, double[,] j)
    {
        var component = new int[n];
        Array.Fill(component, -1);
        var result = new List<List<int>>();
        for (int start = 0; start < n; start++)
        {
            if (component[start] >= 0)
            {
                continue;
            }
            var members = new List<int>();
            var stack = new Stack<int>([start]);
            component[start] = result.Count;
            while (stack.TryPop(out int i))
            {
                members.Add(i);
                for (int k = 0; k < n; k++)
                {
                    if (j[i, k] != 0 && component[k] < 0)
                    {
                        component[k] = result.Count;
                        stack.Push(k);
                    }
                }
            }
            members.Sort();
            result.Add(members);
        }
        return result;
    }

    private static CoupledSpins Build(SpinGroup group, List<int> members, double[,] j, string metabolite)
    {
        if (members.Count == 1)
        {
            var only = group.Spins[members[0]];
            return CoupledSpins.Singlet(only.ShiftPpm, group.Weight * only.Count);
        }
        var owner = members.SelectMany(m => Enumerable.Repeat(m, group.Spins[m].Count)).ToArray();
        if (owner.Length > MaxCoupledSpins)
        {
            throw new ArgumentException($"{metabolite}: {owner.Length} coupled protons in one group; the simulator handles at most {MaxCoupledSpins} (split uncoupled parts into separate groups).");
        }
        var couplings = new double[owner.Length, owner.Length];
        for (int a = 0; a < owner.Length; a++)
        {
            for (int b = 0; b < owner.Length; b++)
            {
                // Equivalent protons of one entry: their mutual coupling does not show in the spectrum.
                couplings[a, b] = owner[a] == owner[b] ? 0 : j[owner[a], owner[b]];
            }
        }
        return new CoupledSpins(owner.Select(m => group.Spins[m].ShiftPpm).ToArray(), couplings, group.Weight);
    }
}
