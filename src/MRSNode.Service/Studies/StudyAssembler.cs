using System.Globalization;
using MRSNode.Dicom;
using MRSNode.Dicom.IO;
using MRSNode.Service.Spool;
using MRSNode.Spectroscopy;
using MRSNode.Spectroscopy.Readers;

namespace MRSNode.Service.Studies;

/// <summary>A job the assembler decided on: its manifest, its input files and, for one that cannot run, why.</summary>
public sealed record PlannedJob(JobManifest Manifest, IReadOnlyList<string> InputPaths, string? Failure)
{
    /// <summary>Water objects not paired because they belong to another patient, study or sender (for the audit trail).</summary>
    public IReadOnlyList<ForeignWater> ForeignWater { get; init; } = [];
}

/// <summary>A water object refused for a metabolite series: its UIDs, its sender, and what differed ("patient", "study", "sender"); no patient data.</summary>
public sealed record ForeignWater(string? SopClassUid, string? SopInstanceUid, string? StudyInstanceUid, string? CallingAe, string MetaboliteSeriesUid, string? MetaboliteCallingAe, IReadOnlyList<string> Differences);

/// <summary>
/// Turns the objects of one settled study into jobs: one per metabolite series, paired with a water reference
/// from another series of the study when the metabolite object carries none of its own (the Philips frames do);
/// a water series that does not fit (TE, voxel, frame of reference) is not paired, and the job's notes say why.
/// Roles come from the readers (content, not headers). Objects that cannot be read become a failed job that
/// keeps them and says why; objects that are not spectroscopy ride along with the first job, or with the first MRSI
/// job when there is one, whose manifest then names the study's MR images (<see cref="JobManifest.ImageFiles"/>) for
/// its maps to be drawn over.
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
        public SourceIdentity? Identity { get; init; }
        public string? SopClassUid { get; init; }
        public string? SopInstanceUid { get; init; }

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

        // A series is also split by identity (SourceIdentity): an object another peer sent under the series' UID is
        // never averaged with the series; it makes a job of its own.
        var metaboliteSeries = items.Where(i => i.Kind == Kind.Metabolite).GroupBy(i => (i.SeriesKey, i.Identity)).OrderBy(g => g.Key.SeriesKey, StringComparer.Ordinal).ToList();
        var others = items.Where(i => i.Kind == Kind.Other).ToList();
        var imagesGoWith = metaboliteSeries.FirstOrDefault(s => s.Any(i => i.Acquisition is { Voxels: > 1 }))?.Key ?? metaboliteSeries.FirstOrDefault()?.Key;
        foreach (var series in metaboliteSeries)
        {
            var metabolite = series.ToList();
            var (water, refused, waterNotes, foreign) = metabolite.Any(m => m.HasOwnWater) ? ([], [], [], []) : PairWater(waterSeries, metabolite[0]);
            if (metaboliteSeries.Count(s => s.Key.SeriesKey == series.Key.SeriesKey) > 1)
            {
                waterNotes = [MixedSeriesNote, .. waterNotes];
            }
            var inputs = metabolite.Concat(water).Concat(refused).Concat(foreign.Select(f => f.Water)).ToList(); // refused water stays with the job, for review
            bool withImages = imagesGoWith is { } key && key.SeriesKey == series.Key.SeriesKey && Equals(key.Identity, series.Key.Identity);
            if (withImages)
            {
                inputs.AddRange(others); // kept with the study's first (MRSI) job
            }
            jobs.Add(new PlannedJob(Manifest(series.Key.SeriesKey) with
            {
                StudyInstanceUid = metabolite[0].StudyUid ?? study,
                MetaboliteFiles = Names(metabolite),
                WaterFiles = Names(water),
                InputFiles = Names(inputs),
                ImageFiles = withImages ? Names(others.Where(o => o.SopClassUid is DicomUids.MRImageStorage or DicomUids.EnhancedMRImageStorage)) : [],
                Notes = waterNotes,
            }, Paths(inputs), null)
            {
                ForeignWater = [.. foreign.Select(f => new ForeignWater(f.Water.SopClassUid, f.Water.SopInstanceUid, f.Water.StudyUid, f.Water.CallingAe, series.Key.SeriesKey, metabolite[0].CallingAe, f.Differences))],
            });
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
    /// <remarks>
    /// Before any of that, a water object of another patient, study or sending AE (<see cref="SourceIdentity"/>) is
    /// never a candidate: it stays with the job's inputs (nothing received is dropped; inputs are never sent) and the
    /// notes say only that one was ignored, without whose.
    /// </remarks>
    private static (List<Classified> Water, List<Classified> Refused, List<string> Notes, List<(Classified Water, IReadOnlyList<string> Differences)> Foreign) PairWater(
        List<IGrouping<string, Classified>> waterSeries, Classified metabolite)
    {
        var foreign = waterSeries.SelectMany(g => g)
            .Select(w => (Water: w, Differences: metabolite.Identity is { } m && w.Identity is { } o ? m.Differences(o) : ["sender"]))
            .Where(f => f.Differences.Count > 0)
            .ToList();
        var notes = foreign.Count == 0 ? new List<string>() : [ForeignWaterNote(foreign.Count)];
        string? note = null;
        List<Classified> refused = [];
        foreach (var series in waterSeries
            .Select(g => (g.Key, Items: g.Where(w => !foreign.Any(f => ReferenceEquals(f.Water, w))).ToList()))
            .Where(g => g.Items.Count > 0)
            .OrderBy(g => metabolite.SeriesNumber is { } n && g.Items[0].SeriesNumber is { } w ? Math.Abs(w - n) : int.MaxValue)
            .ThenBy(g => g.Key, StringComparer.Ordinal))
        {
            var water = series.Items[0];
            if (metabolite.Acquisition is not { } m || water.Acquisition is not { } w || WaterReferenceMatch.Check(m, w).Refusal is not { } why)
            {
                return (series.Items, [], notes, foreign); // what could not be checked the pipeline reports, as for files given by hand
            }
            refused = refused.Count == 0 ? series.Items : refused;
            note ??= $"the water reference series {water.SeriesNumber?.ToString(CultureInfo.InvariantCulture) ?? System.IO.Path.GetFileName(water.Path)} was not used: {why}";
        }
        return ([], refused, note is null ? notes : [.. notes, note], foreign);
    }

    /// <summary>For each part of a metabolite series whose objects came from more than one patient, study or sender.</summary>
    public const string MixedSeriesNote = "objects of this series came from more than one patient, study or sender and were quantified separately";

    /// <summary>No patient data, no AE title: the report is read by whoever opens the study.</summary>
    public static string ForeignWaterNote(int count) => count == 1
        ? "a water reference from another sender, patient or study was ignored"
        : $"{count.ToString(CultureInfo.InvariantCulture)} water reference objects from another sender, patient or study were ignored";

    private Classified Classify(string path)
    {
        string seriesKey = System.IO.Path.GetFileName(path);
        int? seriesNumber = null;
        string? studyUid = null, callingAe = null, sopClass = null, sopInstanceUid = null;
        SourceIdentity? identity = null;
        try
        {
            var file = DicomFile.Open(path, DicomReadOptions.Identifiers); // no bulk data: only what files the object
            seriesKey = file.Dataset.GetString(DicomTags.SeriesInstanceUID) ?? seriesKey;
            studyUid = file.Dataset.GetString(DicomTags.StudyInstanceUID);
            callingAe = file.FileMetaInformation.GetString(DicomTags.SourceApplicationEntityTitle);
            identity = SourceIdentity.From(file);
            sopInstanceUid = file.Dataset.GetString(DicomTags.SOPInstanceUID);
            seriesNumber = int.TryParse(file.Dataset.GetString(DicomTags.SeriesNumber), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;
            sopClass = file.Dataset.GetString(DicomTags.SOPClassUID);
            if (sopClass is not (DicomUids.MRSpectroscopyStorage or DicomUids.SiemensCsaNonImageStorage or DicomUids.PhilipsPrivateMRSpectrumStorage))
            {
                return new Classified(path, Kind.Other, false, seriesKey, seriesNumber, studyUid, callingAe, null) { SopClassUid = sopClass };
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
                Identity = identity,
                SopClassUid = sopClass,
                SopInstanceUid = sopInstanceUid,
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
