using MRSNode.Dicom;

namespace MRSNode.Reporting.Dicom;

/// <summary>The patient, study and source instances an output belongs to (copied from the input so the output joins its study).</summary>
public sealed record SourceIdentity
{
    public string? PatientName { get; init; }
    public string? PatientId { get; init; }
    public string? PatientBirthDate { get; init; }
    public string? PatientSex { get; init; }
    public required string StudyInstanceUid { get; init; }
    public string? StudyId { get; init; }
    public string? AccessionNumber { get; init; }
    public string? StudyDate { get; init; }
    public string? StudyTime { get; init; }
    public string? StudyDescription { get; init; }
    public string? ReferringPhysicianName { get; init; }
    public string? SourceSeriesInstanceUid { get; init; }
    /// <summary>(SOP class, SOP instance) of each source object.</summary>
    public IReadOnlyList<(string SopClassUid, string SopInstanceUid)> SourceInstances { get; init; } = [];
    /// <summary>The series of a source instance where it differs from <see cref="SourceSeriesInstanceUid"/> (a water reference sent as its own series).</summary>
    public IReadOnlyDictionary<string, string> SeriesOfInstance { get; init; } = new Dictionary<string, string>();

    /// <summary>The series a source instance belongs to.</summary>
    public string? SeriesOf(string sopInstanceUid) => SeriesOfInstance.TryGetValue(sopInstanceUid, out var series) ? series : SourceSeriesInstanceUid;

    /// <summary>For inputs that are not DICOM: what the reader found (identifiers may be absent; the study UID is then new).</summary>
    public static SourceIdentity FromProvenance(string? patientId, string? studyInstanceUid, string? seriesInstanceUid, IReadOnlyList<string> sopInstanceUids) => new()
    {
        PatientId = patientId,
        StudyInstanceUid = studyInstanceUid ?? DicomUidGenerator.Default.Generate(),
        SourceSeriesInstanceUid = seriesInstanceUid,
        SourceInstances = sopInstanceUids.Select(uid => (DicomUids.MRSpectroscopyStorage, uid)).ToList(),
    };

    public static SourceIdentity FromDataset(DicomDataset source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return new SourceIdentity
        {
            PatientName = source.GetString(DicomTags.PatientName),
            PatientId = source.GetString(DicomTags.PatientID),
            PatientBirthDate = source.GetString(DicomTags.PatientBirthDate),
            PatientSex = source.GetString(DicomTags.PatientSex),
            StudyInstanceUid = source.GetString(DicomTags.StudyInstanceUID) ?? DicomUidGenerator.Default.Generate(),
            StudyId = source.GetString(DicomTags.StudyID),
            AccessionNumber = source.GetString(DicomTags.AccessionNumber),
            StudyDate = source.GetString(DicomTags.StudyDate),
            StudyTime = source.GetString(DicomTags.StudyTime),
            StudyDescription = source.GetString(DicomTags.StudyDescription),
            ReferringPhysicianName = source.GetString(DicomTags.ReferringPhysicianName),
            SourceSeriesInstanceUid = source.GetString(DicomTags.SeriesInstanceUID),
            SourceInstances = source.GetString(DicomTags.SOPInstanceUID) is { } uid
                ? [(source.GetString(DicomTags.SOPClassUID) ?? DicomUids.MRSpectroscopyStorage, uid)]
                : [],
        };
    }
}
