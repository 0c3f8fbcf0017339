using MRSNode.Dicom;
using MRSNode.Dicom.IO;

namespace MRSNode.Spectroscopy.Readers;

/// <summary>
/// Content detection and opening for the DICOM-based readers: the SOP Class UID from the first bytes
/// of a file (Part 10 with "DICM" at 128, or a bare data set), and a full read that turns every
/// malformation into an <see cref="MrsReadException"/>.
/// </summary>
internal static class DicomHeaderProbe
{
    // Stop right after SOP Class UID (0008,0016): a 64 KiB head always holds it, whatever follows.
    private static readonly DicomReadOptions _upToSopClass = new() { StopBeforeTag = new DicomTag(0x0008, 0x0017) };

    /// <summary>The SOP Class UID of a DICOM file's head, or null when the head is not DICOM.</summary>
    public static string? SopClassUid(MrsFileProbe probe)
    {
        ArgumentNullException.ThrowIfNull(probe);
        if (!LooksLikeDicom(probe.Head))
        {
            return null;
        }
        try
        {
            using var stream = new MemoryStream(probe.Head, writable: false);
            var file = DicomFile.Open(stream, _upToSopClass);
            var uid = file.Dataset.GetString(DicomTags.SOPClassUID) ?? file.FileMetaInformation.GetString(DicomTags.MediaStorageSOPClassUID);
            return uid?.Trim('\0', ' ');
        }
        catch (DicomFormatException)
        {
            return null;
        }
    }

    /// <summary>"DICM" at 128, "DICM" at 0, or a first element in group 0002 or 0008 (a bare data set).</summary>
    public static bool LooksLikeDicom(ReadOnlySpan<byte> head)
    {
        if (head.Length >= 132 && head[128..132].SequenceEqual("DICM"u8))
        {
            return true;
        }
        if (head.Length >= 4 && head[..4].SequenceEqual("DICM"u8))
        {
            return true;
        }
        if (head.Length < 8)
        {
            return false;
        }
        // Little endian group 0002/0008, or big endian 0008 (explicit VR big endian bare data sets).
        ushort groupLe = (ushort)(head[0] | (head[1] << 8));
        ushort groupBe = (ushort)((head[0] << 8) | head[1]);
        return groupLe is 0x0002 or 0x0008 || groupBe == 0x0008;
    }

    /// <summary>Reads a whole DICOM file; a malformed one becomes an <see cref="MrsReadException"/>.</summary>
    public static DicomFile Open(string path)
    {
        try
        {
            return DicomFile.Open(path);
        }
        catch (DicomFormatException ex)
        {
            throw new MrsReadException(path, $"not a readable DICOM file: {ex.Message}");
        }
    }
}
