namespace MRSNode.Service.Observability;

/// <summary>
/// An error text as the node writes it (error.txt, /status, the status page, the log): control characters
/// replaced by '?', so a crafted header value cannot drive a terminal (ESC sequences, BEL) or forge log lines,
/// and bounded in length. The texts themselves name UIDs, job ids and attributes, not values: patient values are
/// corrected rather than quoted (MRSNode.Reporting.Dicom.CopiedValueNormaliser).
/// </summary>
public static class ErrorText
{
    public const int MaxLength = 2000;

    public static string Clean(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var cleaned = new string([.. text.Select(c => char.IsControl(c) ? '?' : c)]);
        return cleaned.Length <= MaxLength ? cleaned : cleaned[..MaxLength] + "…";
    }
}
