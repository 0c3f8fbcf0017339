using System.Text;
using MRSNode.Dicom;
using MRSNode.Dicom.IO;

namespace MRSNode.Service.Studies;

/// <summary>
/// Who an object is about and who sent it: study, patient (ID, name, birth date) and the calling AE title the SCP
/// recorded in its file meta (0002,0016). A water reference scales the metabolite signal, so it is paired only with
/// a metabolite series of the same identity: any peer can send into a study's settle window. Values are compared
/// as their raw bytes, trimmed of padding, so a value the node cannot decode still compares; they are never logged.
/// </summary>
internal sealed record SourceIdentity(string? StudyUid, string? PatientId, string? PatientName, string? BirthDate, string? CallingAe)
{
    public static SourceIdentity From(DicomFile file) => new(
        Raw(file.Dataset, DicomTags.StudyInstanceUID),
        Raw(file.Dataset, DicomTags.PatientID),
        Raw(file.Dataset, DicomTags.PatientName),
        Raw(file.Dataset, DicomTags.PatientBirthDate),
        Raw(file.FileMetaInformation, DicomTags.SourceApplicationEntityTitle));

    /// <summary>
    /// What differs ("study", "patient", "sender"), empty when the objects belong together. Study, patient ID and
    /// sender must be equal (absent on both sides counts as equal); name and birth date are compared where both state one.
    /// </summary>
    public IReadOnlyList<string> Differences(SourceIdentity other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var differences = new List<string>();
        if (!string.Equals(StudyUid, other.StudyUid, StringComparison.Ordinal))
        {
            differences.Add("study");
        }
        if (!string.Equals(PatientId, other.PatientId, StringComparison.Ordinal)
            || (PatientName is not null && other.PatientName is not null && !string.Equals(PatientName, other.PatientName, StringComparison.Ordinal))
            || (BirthDate is not null && other.BirthDate is not null && !string.Equals(BirthDate, other.BirthDate, StringComparison.Ordinal)))
        {
            differences.Add("patient");
        }
        if (!string.Equals(CallingAe, other.CallingAe, StringComparison.Ordinal))
        {
            differences.Add("sender");
        }
        return differences;
    }

    /// <summary>The value's bytes as Latin-1 (every byte maps to one char), padding trimmed; null when absent or empty.</summary>
    private static string? Raw(DicomDataset dataset, DicomTag tag)
    {
        if (dataset.GetElement(tag) is not { } element)
        {
            return null;
        }
        var text = Encoding.Latin1.GetString(element.Value.Span).Trim(' ', '\0');
        return text.Length == 0 ? null : text;
    }
}
