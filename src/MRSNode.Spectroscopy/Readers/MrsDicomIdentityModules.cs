using System.Globalization;
using MRSNode.Dicom;

namespace MRSNode.Spectroscopy.Readers;

/// <summary>
/// The modules an <see cref="MrsDicomIdentity"/> fills, shared by the objects MRSNode writes as an acquisition would
/// be written (<see cref="MrsDicomWriter"/>, the phantom's MR image): SOP Common's identity, Patient, General Study and
/// the start of General Series. A UID the identity leaves out is made new, so an object always has one.
/// </summary>
public static class MrsDicomIdentityModules
{
    /// <summary>SOP Common: character set (UTF-8), class, instance and creation time.</summary>
    public static void AddSopCommon(DicomDataset ds, string sopClassUid, MrsDicomIdentity identity, DateTime time, DicomUidGenerator uids)
    {
        ArgumentNullException.ThrowIfNull(ds);
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentNullException.ThrowIfNull(uids);
        ds.AddOrUpdate(DicomTags.SpecificCharacterSet, "ISO_IR 192");
        ds.AddOrUpdate(DicomTags.SOPClassUID, sopClassUid);
        ds.AddOrUpdate(DicomTags.SOPInstanceUID, identity.SopInstanceUid ?? uids.Generate());
        ds.AddOrUpdate(DicomTags.InstanceCreationDate, DateOnly.FromDateTime(time));
        ds.AddOrUpdate(DicomTags.InstanceCreationTime, TimeOnly.FromDateTime(time));
    }

    /// <summary>Patient and General Study (type 2 attributes present, empty where the identity has no value; the study dated <paramref name="time"/> unless the identity says when).</summary>
    public static void AddPatientAndStudy(DicomDataset ds, MrsDicomIdentity identity, DateTime time, DicomUidGenerator uids)
    {
        ArgumentNullException.ThrowIfNull(ds);
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentNullException.ThrowIfNull(uids);
        ds.AddOrUpdate(DicomTags.PatientName, DicomVR.PN, identity.PatientName ?? "");
        ds.AddOrUpdate(DicomTags.PatientID, identity.PatientId ?? "");
        ds.AddOrUpdate(DicomTags.PatientBirthDate, DicomVR.DA, identity.PatientBirthDate?.ToString("yyyyMMdd", CultureInfo.InvariantCulture) ?? "");
        ds.AddOrUpdate(DicomTags.PatientSex, identity.PatientSex ?? "");

        var studyTime = identity.StudyDateTime ?? time;
        ds.AddOrUpdate(DicomTags.StudyInstanceUID, identity.StudyInstanceUid ?? uids.Generate());
        ds.AddOrUpdate(DicomTags.StudyDate, DateOnly.FromDateTime(studyTime));
        ds.AddOrUpdate(DicomTags.StudyTime, TimeOnly.FromDateTime(studyTime));
        ds.AddOrUpdate(DicomTags.ReferringPhysicianName, DicomVR.PN, "");
        ds.AddOrUpdate(DicomTags.StudyID, identity.StudyId ?? "");
        ds.AddOrUpdate(DicomTags.AccessionNumber, identity.AccessionNumber ?? "");
    }

    /// <summary>General Series' identity: modality MR, the series UID and number.</summary>
    public static void AddMrSeries(DicomDataset ds, MrsDicomIdentity identity, DicomUidGenerator uids)
    {
        ArgumentNullException.ThrowIfNull(ds);
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentNullException.ThrowIfNull(uids);
        ds.AddOrUpdate(DicomTags.Modality, "MR");
        ds.AddOrUpdate(DicomTags.SeriesInstanceUID, identity.SeriesInstanceUid ?? uids.Generate());
        ds.AddOrUpdateInteger(DicomTags.SeriesNumber, identity.SeriesNumber);
    }
}
