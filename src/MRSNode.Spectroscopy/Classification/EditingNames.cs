namespace MRSNode.Spectroscopy.Classification;

/// <summary>
/// Sequence-name families that mean an edited or J-resolved acquisition, whatever the vendor: Siemens
/// (<c>svs_edit</c>, <c>*mega*</c>, <c>eja_svs_mpress</c>, <c>*hermes*</c>, <c>*hercules*</c>), Philips scan and
/// examination names with MEGA/HERMES, GE (<c>mega</c>, <c>jpress</c>), and DICOM's Pulse Sequence Name, Sequence
/// Name, Protocol Name and Series Description. Conservative on purpose: "MEGA" anywhere means edited, since
/// fitting an edited spectrum as unedited gives confident wrong numbers.
/// </summary>
internal static class EditingNames
{
    /// <summary>The editing scheme the names say, with the name that says it; null when none does.</summary>
    public static (EditingScheme Scheme, string Name)? Editing(Provenance provenance)
    {
        foreach (var name in Names(provenance))
        {
            var upper = name.ToUpperInvariant();
            if (upper.Contains("HERCULES", StringComparison.Ordinal))
            {
                return (EditingScheme.Hercules, name);
            }
            if (upper.Contains("HERMES", StringComparison.Ordinal))
            {
                return (EditingScheme.Hermes, name);
            }
            if (upper.Contains("MEGA", StringComparison.Ordinal) || upper.Contains("MPRESS", StringComparison.Ordinal) || upper.Contains("SVS_EDIT", StringComparison.Ordinal))
            {
                return (EditingScheme.Mega, name);
            }
            if (upper.Contains("EDIT", StringComparison.Ordinal))
            {
                return (EditingScheme.Unknown, name);
            }
        }
        return null;
    }

    /// <summary>The name that says J-resolved (GE <c>jpress</c>, "J-PRESS", "JRES"), or null.</summary>
    public static string? JResolved(Provenance provenance) =>
        Names(provenance).FirstOrDefault(name =>
        {
            var upper = name.ToUpperInvariant();
            return upper.Contains("JPRESS", StringComparison.Ordinal) || upper.Contains("J-PRESS", StringComparison.Ordinal) || upper.Contains("JRES", StringComparison.Ordinal);
        });

    private static IEnumerable<string> Names(Provenance provenance) =>
        new[] { provenance.SequenceName, provenance.ProtocolName, provenance.SeriesDescription }.OfType<string>().Where(n => n.Length > 0);
}
