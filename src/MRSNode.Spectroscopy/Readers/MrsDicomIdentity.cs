namespace MRSNode.Spectroscopy.Readers;

/// <summary>
/// Who and what a written MR Spectroscopy object belongs to. Everything is optional: absent UIDs are
/// generated, absent patient attributes are written empty (they are type 2).
/// </summary>
public sealed record MrsDicomIdentity
{
    public string? PatientName { get; init; }
    public string? PatientId { get; init; }
    public DateOnly? PatientBirthDate { get; init; }
    /// <summary>M, F or O.</summary>
    public string? PatientSex { get; init; }
    public string? StudyInstanceUid { get; init; }
    public string? StudyId { get; init; }
    public string? AccessionNumber { get; init; }
    public DateTime? StudyDateTime { get; init; }
    public string? SeriesInstanceUid { get; init; }
    public int SeriesNumber { get; init; } = 1;
    public int InstanceNumber { get; init; } = 1;
    public string? SopInstanceUid { get; init; }
    public string? FrameOfReferenceUid { get; init; }
    /// <summary>Dimension Organization UID; generated when absent (give it for byte-identical output).</summary>
    public string? DimensionOrganizationUid { get; init; }

    /// <summary>The patient ID and study UID of the source acquisition, so the output joins its study.</summary>
    public static MrsDicomIdentity FromProvenance(Provenance provenance)
    {
        ArgumentNullException.ThrowIfNull(provenance);
        return new MrsDicomIdentity { PatientId = provenance.PatientId, StudyInstanceUid = provenance.StudyInstanceUid };
    }
}
