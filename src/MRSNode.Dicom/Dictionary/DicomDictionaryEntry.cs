namespace MRSNode.Dicom;

/// <summary>How a repeating range in PS3.6 (e.g. 60xx) constrains the numbers it spans.</summary>
public enum DicomRangeParity : byte
{
    /// <summary>Every even number in the range (the PS3.6 default for "xx").</summary>
    Even,
    Odd,
    Any,
}

/// <summary>
/// One data dictionary entry. A public entry matches a tag or a repeating range of tags;
/// a private entry matches element offset <see cref="ElementLow"/> (low byte) in the block its
/// creator reserved, within a group range.
/// </summary>
public sealed record DicomDictionaryEntry(
    ushort GroupLow,
    ushort GroupHigh,
    DicomRangeParity GroupParity,
    ushort ElementLow,
    ushort ElementHigh,
    DicomRangeParity ElementParity,
    string ValueRepresentations,
    string Multiplicity,
    string Keyword,
    bool IsRetired,
    string? PrivateCreator = null)
{
    /// <summary>The VR to use when none is on the wire. Ambiguous entries ("US|SS", "OB|OW") list the usual one first.</summary>
    public DicomVR VR => _vr ??= ParseVRs()[0];

    /// <summary>Every VR the standard allows here (more than one for ambiguous entries).</summary>
    public IReadOnlyList<DicomVR> AllowedVRs => _allowed ??= ParseVRs();

    public DicomVM VM => DicomVM.Parse(Multiplicity);

    public bool IsRange => GroupLow != GroupHigh || ElementLow != ElementHigh;

    internal bool Matches(ushort group, ushort element) =>
        InRange(group, GroupLow, GroupHigh, GroupParity) && InRange(element, ElementLow, ElementHigh, ElementParity);

    private static bool InRange(ushort v, ushort low, ushort high, DicomRangeParity parity) =>
        v >= low && v <= high && parity switch
        {
            DicomRangeParity.Even => ((v - low) & 1) == 0,
            DicomRangeParity.Odd => (v & 1) == 1,
            _ => true,
        };

    private DicomVR? _vr;
    private DicomVR[]? _allowed;

    private DicomVR[] ParseVRs() =>
        ValueRepresentations.Length == 0
            ? [DicomVR.UN]
            : ValueRepresentations.Split('|').Select(DicomVR.Parse).ToArray();
}
