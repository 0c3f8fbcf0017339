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

    /// <summary>
    /// What tells one result of these inputs from another (quantified or not, basis set, methods, ranges): part of the
    /// derived output UIDs (<see cref="OutputUids"/>), so a rerun after a configuration change makes new objects instead
    /// of ones a PACS drops as duplicates of the old result. Null: the inputs and software alone.
    /// </summary>
    public string? ResultKey { get; init; }

    /// <summary>
    /// What was corrected to make the copied values conformant (<see cref="CopiedValueNormaliser"/>): one sentence per
    /// attribute, naming it but never its value, for the report's reasons.
    /// </summary>
    public IReadOnlyList<string> Corrections { get; init; } = [];

    /// <summary>The series a source instance belongs to.</summary>
    public string? SeriesOf(string sopInstanceUid) => SeriesOfInstance.TryGetValue(sopInstanceUid, out var series) ? series : SourceSeriesInstanceUid;

    /// <summary>For inputs that are not DICOM: what the reader found (identifiers may be absent; the study UID is then new).</summary>
    public static SourceIdentity FromProvenance(string? patientId, string? studyInstanceUid, string? seriesInstanceUid, IReadOnlyList<string> sopInstanceUids)
    {
        var values = new CopiedValueNormaliser();
        return new()
        {
            PatientId = values.Text("the patient ID", DicomVR.LO, patientId),
            StudyInstanceUid = studyInstanceUid ?? DicomUidGenerator.Default.Generate(),
            SourceSeriesInstanceUid = seriesInstanceUid,
            SourceInstances = sopInstanceUids.Select(uid => (DicomUids.MRSpectroscopyStorage, uid)).ToList(),
            Corrections = values.Notes,
        };
    }

    /// <summary>The source's patient and study, read leniently and made conformant for the outputs (<see cref="Corrections"/> says what changed).</summary>
    public static SourceIdentity FromDataset(DicomDataset source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var values = new CopiedValueNormaliser();
        return new SourceIdentity
        {
            PatientName = values.Text("the patient's name", DicomVR.PN, source.GetString(DicomTags.PatientName)),
            PatientId = values.Text("the patient ID", DicomVR.LO, source.GetString(DicomTags.PatientID)),
            PatientBirthDate = values.Date("the patient's birth date", source.GetString(DicomTags.PatientBirthDate)),
            PatientSex = values.Sex("the patient's sex", source.GetString(DicomTags.PatientSex)),
            StudyInstanceUid = source.GetString(DicomTags.StudyInstanceUID) ?? DicomUidGenerator.Default.Generate(),
            StudyId = values.Text("the study ID", DicomVR.SH, source.GetString(DicomTags.StudyID)),
            AccessionNumber = values.Text("the accession number", DicomVR.SH, source.GetString(DicomTags.AccessionNumber)),
            StudyDate = values.Date("the study date", source.GetString(DicomTags.StudyDate)),
            StudyTime = values.Time("the study time", source.GetString(DicomTags.StudyTime)),
            StudyDescription = values.Text("the study description", DicomVR.LO, source.GetString(DicomTags.StudyDescription)),
            ReferringPhysicianName = values.Text("the referring physician's name", DicomVR.PN, source.GetString(DicomTags.ReferringPhysicianName)),
            Corrections = values.Notes,
            SourceSeriesInstanceUid = source.GetString(DicomTags.SeriesInstanceUID),
            SourceInstances = source.GetString(DicomTags.SOPInstanceUID) is { } uid
                ? [(source.GetString(DicomTags.SOPClassUID) ?? DicomUids.MRSpectroscopyStorage, uid)]
                : [],
        };
    }
}
