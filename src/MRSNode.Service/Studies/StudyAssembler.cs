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
/// from another series of the study when the metabolite object carries none of its own (the Philips frames do);
/// a water series that does not fit (TE, voxel, frame of reference) is not paired, and the job's notes say why.
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

    private sealed record Classified(string Path, Kind Kind, bool HasOwnWater, string SeriesKey, int? SeriesNumber, string? StudyUid, string? CallingAe, string? Problem)
    {
        /// <summary>The metabolite (or, for a water object, the water) acquisition as read: what the pairing compares.</summary>
        public MrsAcquisition? Acquisition { get; init; }
    }

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
            var (water, refused, waterNote) = metabolite.Any(m => m.HasOwnWater) ? ([], [], null) : PairWater(waterSeries, metabolite[0]);
            var inputs = metabolite.Concat(water).Concat(refused).ToList(); // a refused water series stays with the job, for review
            if (jobs.Count == 0)
            {
                inputs.AddRange(items.Where(i => i.Kind == Kind.Other)); // kept with the study's first job
            }
            jobs.Add(new PlannedJob(Manifest(series.Key) with
            {
                MetaboliteFiles = Names(metabolite),
                WaterFiles = Names(water),
                InputFiles = Names(inputs),
                Notes = waterNote is null ? [] : [waterNote],
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

    /// <summary>
    /// The water series nearest in series number (scanners acquire it just before or after the metabolite series)
    /// among those that fit the metabolite acquisition (<see cref="WaterReferenceMatch"/>: TE, voxel, frame of
    /// reference). When none fits, no water, and why for the nearest one: the study is then quantified as ratios and
    /// its report says which series was left out and why.
    /// </summary>
    private static (List<Classified> Water, List<Classified> Refused, string? Note) PairWater(List<IGrouping<string, Classified>> waterSeries, Classified metabolite)
    {
        string? note = null;
        List<Classified> refused = [];
        foreach (var series in waterSeries
            .OrderBy(g => metabolite.SeriesNumber is { } n && g.First().SeriesNumber is { } w ? Math.Abs(w - n) : int.MaxValue)
            .ThenBy(g => g.Key, StringComparer.Ordinal))
        {
            var water = series.First();
            if (metabolite.Acquisition is not { } m || water.Acquisition is not { } w || WaterReferenceMatch.Check(m, w).Refusal is not { } why)
            {
                return ([.. series], [], null); // what could not be checked the pipeline reports, as for files given by hand
            }
            refused = refused.Count == 0 ? [.. series] : refused;
            note ??= $"the water reference series {water.SeriesNumber?.ToString(CultureInfo.InvariantCulture) ?? System.IO.Path.GetFileName(water.Path)} was not used: {why}";
        }
        return ([], refused, note);
    }

    private Classified Classify(string path)
    {
        string seriesKey = System.IO.Path.GetFileName(path);
        int? seriesNumber = null;
        string? studyUid = null, callingAe = null;
        try
        {
            var file = DicomFile.Open(path, DicomReadOptions.Identifiers); // no bulk data: only what files the object
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
            var acquisitions = formats.Read(path);
            var metaboliteAcquisition = acquisitions.FirstOrDefault(a => a.Role is AcquisitionRole.Metabolite or AcquisitionRole.Unknown);
            var waterAcquisition = acquisitions.FirstOrDefault(a => a.Role == AcquisitionRole.WaterReference);
            bool metabolite = metaboliteAcquisition is not null;
            bool water = waterAcquisition is not null;
            var kind = metabolite ? Kind.Metabolite : water ? Kind.Water : Kind.Other;
            return new Classified(path, kind, metabolite && water, seriesKey, seriesNumber, studyUid, callingAe, null)
            {
                Acquisition = metaboliteAcquisition ?? waterAcquisition,
            };
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
