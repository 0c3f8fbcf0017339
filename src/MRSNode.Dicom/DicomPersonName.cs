namespace MRSNode.Dicom;

/// <summary>
/// A PN value: up to three component groups (alphabetic=ideographic=phonetic), each with five
/// '^'-separated components: family, given, middle, prefix, suffix (PS3.5 §6.2.1).
/// </summary>
public sealed record DicomPersonName(string FamilyName, string GivenName, string MiddleName, string Prefix, string Suffix, string Ideographic = "", string Phonetic = "")
{
    public static DicomPersonName Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var groups = value.Split('=');
        var c = groups[0].Split('^');
        string At(int i) => i < c.Length ? c[i].Trim() : "";
        return new DicomPersonName(At(0), At(1), At(2), At(3), At(4),
            groups.Length > 1 ? groups[1] : "", groups.Length > 2 ? groups[2] : "");
    }

    /// <summary>The DICOM encoding with trailing empty components removed.</summary>
    public override string ToString()
    {
        var alphabetic = string.Join('^', new[] { FamilyName, GivenName, MiddleName, Prefix, Suffix }).TrimEnd('^');
        var all = string.Join('=', new[] { alphabetic, Ideographic, Phonetic }).TrimEnd('=');
        return all;
    }
}
