using System.Globalization;
using MRSNode.Dicom;
using MRSNode.Dicom.IO;
using MRSNode.Service.Spool;
using MRSNode.Spectroscopy;
using MRSNode.Spectroscopy.Readers;

namespace MRSNode.Service.Studies;

/// <summary>A job the assembler decided on: its manifest, its input files and, for one that cannot run, why.</summary>
public sealed record PlannedJob(JobManifest Manifest, IReadOnlyList<string> InputPaths, string? Failure);

/// <summary>
/// Turns the objects of one settled study into jobs: one per metabolite series, paired with a water reference
/// from another series of the study when the metabolite object carries none of its own (the Philips frames do).
/// Roles come from the readers (content, not headers). Objects that cannot be read become a failed job that
/// keeps them and says why; objects that are not spectroscopy ride along with the first job.
/// </summary>
public sealed class StudyAssembler(MrsFormats formats)
{
    private enum Kind
    {
        Metabolite,
        Water,
        Other,
        Unreadable,
    }

    private sealed record Classified(string Path, Kind Kind, bool HasOwnWater, string SeriesKey, int? SeriesNumber, string? StudyUid, string? CallingAe, string? Problem);

    /// <param name="assemblyId">The assembly folder's name; job ids are derived from it so planning again gives the same ids.</param>
    public IReadOnlyList<PlannedJob> Plan(string assemblyId, IReadOnlyList<string> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var items = files.Order(StringComparer.Ordinal).Select(Classify).ToList();
        var study = items.Select(i => i.StudyUid).FirstOrDefault(u => u is not null) ?? "unidentified";
        var callers = items.Select(i => i.CallingAe).OfType<string>().Distinct().Order(StringComparer.Ordinal).ToList();
        var waterSeries = items.Where(i => i.Kind == Kind.Water).GroupBy(i => i.SeriesKey).ToList();
        var jobs = new List<PlannedJob>();
        string NextId() => $"{assemblyId}-{jobs.Count + 1}";
        JobManifest Manifest(string? series) => new()
        {
            Id = NextId(),
            StudyInstanceUid = study,
            MetaboliteSeriesInstanceUid = series,
            CallingAeTitles = callers,
            CreatedUtc = DateTimeOffset.UtcNow,
        };

        foreach (var series in items.Where(i => i.Kind == Kind.Metabolite).GroupBy(i => i.SeriesKey).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var metabolite = series.ToList();
            var water = metabolite.Any(m => m.HasOwnWater) ? [] : NearestWater(waterSeries, metabolite[0].SeriesNumber);
            var inputs = metabolite.Concat(water).ToList();
            if (jobs.Count == 0)
            {
                inputs.AddRange(items.Where(i => i.Kind == Kind.Other)); // kept with the study's first job
            }
            jobs.Add(new PlannedJob(Manifest(series.Key) with
            {
                MetaboliteFiles = Names(metabolite),
                WaterFiles = Names(water),
                InputFiles = Names(inputs),
            }, Paths(inputs), null));
        }

        foreach (var series in items.Where(i => i.Kind == Kind.Unreadable).GroupBy(i => i.SeriesKey).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var bad = series.ToList();
            jobs.Add(new PlannedJob(Manifest(series.Key) with { InputFiles = Names(bad) }, Paths(bad),
                "cannot be read as MR spectroscopy: " + string.Join("; ", bad.Select(b => b.Problem))));
        }

        if (!items.Any(i => i.Kind == Kind.Metabolite))
        {
            var rest = items.Where(i => i.Kind is Kind.Water or Kind.Other).ToList();
            if (rest.Count > 0)
            {
                var reason = rest.Any(r => r.Kind == Kind.Water)
                    ? "the study holds a water reference but no metabolite acquisition (was the metabolite series sent?)"
                    : "the study holds no MR spectroscopy acquisition: " + string.Join(", ", rest.Select(r => System.IO.Path.GetFileName(r.Path)));
                jobs.Add(new PlannedJob(Manifest(null) with { InputFiles = Names(rest) }, Paths(rest), reason));
            }
        }
        return jobs;
    }

    /// <summary>The water series nearest in series number (scanners acquire it just before or after the metabolite series).</summary>
    private static List<Classified> NearestWater(List<IGrouping<string, Classified>> waterSeries, int? seriesNumber) =>
        waterSeries
            .OrderBy(g => seriesNumber is { } n && g.First().SeriesNumber is { } w ? Math.Abs(w - n) : int.MaxValue)
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .FirstOrDefault()?.ToList() ?? [];

    private Classified Classify(string path)
    {
        string seriesKey = System.IO.Path.GetFileName(path);
        int? seriesNumber = null;
        string? studyUid = null, callingAe = null;
        try
        {
            var file = DicomFile.Open(path, DicomReadOptions.HeaderOnly);
            seriesKey = file.Dataset.GetString(DicomTags.SeriesInstanceUID) ?? seriesKey;
            studyUid = file.Dataset.GetString(DicomTags.StudyInstanceUID);
            callingAe = file.FileMetaInformation.GetString(DicomTags.SourceApplicationEntityTitle);
            seriesNumber = int.TryParse(file.Dataset.GetString(DicomTags.SeriesNumber), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;
            var sopClass = file.Dataset.GetString(DicomTags.SOPClassUID);
            if (sopClass is not (DicomUids.MRSpectroscopyStorage or DicomUids.SiemensCsaNonImageStorage or DicomUids.PhilipsPrivateMRSpectrumStorage))
            {
                return new Classified(path, Kind.Other, false, seriesKey, seriesNumber, studyUid, callingAe, null);
            }
        }
        catch (Exception ex) when (ex is DicomFormatException or DicomValueException)
        {
            return new Classified(path, Kind.Unreadable, false, seriesKey, null, null, null, $"{System.IO.Path.GetFileName(path)}: not a readable DICOM object ({ex.Message})");
        }
        try
        {
            var roles = formats.Read(path).Select(a => a.Role).ToList();
            bool metabolite = roles.Any(r => r is AcquisitionRole.Metabolite or AcquisitionRole.Unknown);
            bool water = roles.Contains(AcquisitionRole.WaterReference);
            var kind = metabolite ? Kind.Metabolite : water ? Kind.Water : Kind.Other;
            return new Classified(path, kind, metabolite && water, seriesKey, seriesNumber, studyUid, callingAe, null);
        }
        catch (MrsReadException ex)
        {
            return new Classified(path, Kind.Unreadable, false, seriesKey, seriesNumber, studyUid, callingAe, ex.Message);
        }
#pragma warning disable CA1031 // a reader bug on hostile input must fail this object's job visibly, not stop the node
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return new Classified(path, Kind.Unreadable, false, seriesKey, seriesNumber, studyUid, callingAe,
                $"{System.IO.Path.GetFileName(path)}: reader error ({ex.GetType().Name}): {ex.Message}");
        }
    }

    private static List<string> Names(IEnumerable<Classified> items) => [.. items.Select(i => System.IO.Path.GetFileName(i.Path))];

    private static List<string> Paths(IEnumerable<Classified> items) => [.. items.Select(i => i.Path)];
}
