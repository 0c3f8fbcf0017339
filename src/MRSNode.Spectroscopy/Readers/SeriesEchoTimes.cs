namespace MRSNode.Spectroscopy.Readers;

/// <summary>
/// Several files of one series at different echo times (a multi-echo series, e.g. TE 30/144/288 saved as one series)
/// are one multi-echo acquisition, not several spectra to pick from: each of them is marked with every echo time of
/// its series (<see cref="AcquisitionDesign.EchoTimesMs"/>), so the classifier refuses the job instead of the first
/// file being fitted alone. Water references are left out: their TE often differs by design.
/// </summary>
public static class SeriesEchoTimes
{
    public static IReadOnlyList<MrsAcquisition> Mark(IReadOnlyList<MrsAcquisition> acquisitions)
    {
        ArgumentNullException.ThrowIfNull(acquisitions);
        var echoTimes = acquisitions
            .Where(a => a.Role != AcquisitionRole.WaterReference && !string.IsNullOrEmpty(a.Provenance.SeriesInstanceUid) && a.EchoTimeMs is not null)
            .GroupBy(a => a.Provenance.SeriesInstanceUid!, StringComparer.Ordinal)
            .Select(g => (Series: g.Key, Times: g.Select(a => a.EchoTimeMs!.Value).Concat(g.SelectMany(a => a.Design.EchoTimesMs)).Distinct().Order().ToList()))
            .Where(g => g.Times.Count > 1)
            .ToDictionary(g => g.Series, g => g.Times, StringComparer.Ordinal);
        if (echoTimes.Count == 0)
        {
            return acquisitions;
        }
        return acquisitions
            .Select(a => a.Role != AcquisitionRole.WaterReference && a.Provenance.SeriesInstanceUid is { } series && echoTimes.TryGetValue(series, out var times)
                ? a.WithDesign(a.Design with { EchoTimesMs = times })
                : a)
            .ToList();
    }
}
