namespace MRSNode.Dicom.Network.Dimse;

/// <summary>
/// UIDs as a peer sent them. Legacy devices send non-conformant UIDs (a component with a leading zero, "1.2.3.04");
/// the node accepts those objects, so the UID must still be written into the C-STORE response and the stored file's
/// meta group — which the validating <see cref="DicomDataset"/> setters refuse.
/// </summary>
public static class ReceivedUid
{
    /// <summary>The UID written as received (ASCII, NUL-padded to even length), without validation.</summary>
    public static DicomElement Element(DicomTag tag, string uid)
    {
        ArgumentNullException.ThrowIfNull(uid);
        var bytes = System.Text.Encoding.ASCII.GetBytes(uid.Length % 2 == 0 ? uid : uid + "\0");
        return new DicomElement(tag, DicomVR.UI, bytes);
    }

    /// <summary>How a UID breaks PS3.5 §9.1: null when conformant, "leading zero" when that is the only fault (tolerated), else the fault.</summary>
    public static string? Problem(string uid)
    {
        ArgumentNullException.ThrowIfNull(uid);
        if (DicomValueValidator.IsUid(uid))
        {
            return null;
        }
        if (uid.Length > 64)
        {
            return $"{uid.Length} characters, more than 64";
        }
        var parts = uid.Split('.');
        if (parts.Any(p => p.Length == 0 || !p.All(char.IsAsciiDigit)))
        {
            return "not digits and dots";
        }
        return LeadingZero;
    }

    public const string LeadingZero = "a component with a leading zero";

    /// <summary>A UID from the wire made safe for a log or audit line: printable ASCII only, at most 80 characters.</summary>
    public static string Printable(string uid)
    {
        ArgumentNullException.ThrowIfNull(uid);
        var clean = new string([.. uid.Take(80).Select(c => c is >= ' ' and <= '~' ? c : '?')]);
        return uid.Length > 80 ? clean + "..." : clean;
    }
}
