namespace MRSNode.Dicom;

/// <summary>
/// The PS3.6 data dictionary plus known private dictionaries, generated from dcmtk's
/// dicom.dic / private.dic by tools/MRSNode.Dicom.Generator (see DicomDictionaryData.g.cs).
/// </summary>
public static class DicomDictionary
{
    private static readonly Dictionary<uint, DicomDictionaryEntry> _exact = [];
    private static readonly List<DicomDictionaryEntry> _ranges = [];
    private static readonly Dictionary<string, DicomDictionaryEntry> _byKeyword = new(StringComparer.Ordinal);
    // Private entries keyed by (creator, group, element offset); ranged groups are expanded.
    private static readonly Dictionary<(string Creator, ushort Group, byte Offset), DicomDictionaryEntry> _private = [];

    static DicomDictionary()
    {
        foreach (var e in DicomDictionaryData.Public)
        {
            if (e.IsRange)
            {
                _ranges.Add(e);
            }
            else
            {
                // Later entries override earlier ones, as in dcmtk's dictionary files.
                _exact[((uint)e.GroupLow << 16) | e.ElementLow] = e;
            }
            if (!e.IsRetired || !_byKeyword.ContainsKey(e.Keyword))
            {
                _byKeyword[e.Keyword] = e;
            }
        }
        foreach (var e in DicomDictionaryData.Private)
        {
            for (int g = e.GroupLow; g <= e.GroupHigh; g += e.GroupLow == e.GroupHigh ? 1 : 2)
            {
                _private[(e.PrivateCreator!, (ushort)g, (byte)e.ElementLow)] = e;
            }
        }
    }

    public static int PublicEntryCount => DicomDictionaryData.Public.Length;

    public static int PrivateEntryCount => DicomDictionaryData.Private.Length;

    /// <summary>The public entry for a tag, or null (private data elements need their creator: see the overload).</summary>
    public static DicomDictionaryEntry? Find(DicomTag tag)
    {
        if (_exact.TryGetValue(tag.Value, out var entry))
        {
            return entry;
        }
        foreach (var r in _ranges)
        {
            if (r.Matches(tag.Group, tag.Element))
            {
                return r;
            }
        }
        return null;
    }

    /// <summary>The entry for a tag, resolving a private data element through its creator's name.</summary>
    public static DicomDictionaryEntry? Find(DicomTag tag, string? privateCreator)
    {
        if (tag.IsPrivate && tag.Element >= 0x1000)
        {
            return privateCreator is not null && _private.TryGetValue((privateCreator, tag.Group, (byte)tag.Element), out var p) ? p : null;
        }
        return Find(tag);
    }

    public static DicomDictionaryEntry? FindByKeyword(string keyword) =>
        _byKeyword.GetValueOrDefault(keyword);
}
