namespace MRSNode.SpinSimulation.Sequences;

/// <summary>A localisation sequence at ideal-pulse level: what the engine runs, and how to name it in a basis set.</summary>
public interface ILocalizationSequence
{
    /// <summary>The sequence as <see cref="MRSNode.Spectroscopy.BasisSet.Sequence"/> spells it: PRESS, STEAM, sLASER, SPECIAL, MEGA-PRESS.</summary>
    string Name { get; }

    /// <summary>Its timing for the provenance text, e.g. "TE1 11 / TE2 19 ms", saying which values were assumed.</summary>
    string Timing { get; }

    PulseProgram Program { get; }
}
