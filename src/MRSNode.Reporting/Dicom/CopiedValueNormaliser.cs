using System.Globalization;
using MRSNode.Dicom;

namespace MRSNode.Reporting.Dicom;

/// <summary>
/// Makes the patient and study values an output copies from its source conformant to their VR, leniently: the
/// common mistakes of sending systems (a birth date 1970-01-01, a study date 2024/01/31, sex "Male", an accession
/// number over 16 characters, control characters in a name) are corrected, not fatal, since the output writer
/// accepts only valid values and a study must not go unreported over a header detail. Each correction becomes one
/// <see cref="Notes"/> line naming the attribute and what was done, never the value (the notes reach the report and
/// results.json; a value could be patient data). A value that still is not valid is left empty.
/// </summary>
public sealed class CopiedValueNormaliser
{
    private static readonly string[] _lenientDates = ["yyyy-MM-dd", "yyyy/MM/dd", "yyyy.MM.dd", "yyyy-M-d", "yyyy/M/d", "yyyyMMddHHmmss"];
    private readonly List<string> _notes = [];

    /// <summary>What was corrected, one PHI-free sentence per attribute.</summary>
    public IReadOnlyList<string> Notes => _notes;

    /// <summary>A text value of <paramref name="vr"/> (PN, LO, SH): control characters removed, truncated to the VR's length.</summary>
    public string? Text(string attribute, DicomVR vr, string? value)
    {
        ArgumentNullException.ThrowIfNull(vr);
        if (value is null)
        {
            return null;
        }
        var done = new List<string>();
        var text = WithoutControls(value, done).Trim();
        text = vr == DicomVR.PN ? PersonName(text, done) : Truncated(text, vr, done);
        return Checked(attribute, vr, text, done);
    }

    /// <summary>A DA value; the usual separators (2024-01-31, 2024/01/31, 2024.01.31) are accepted and written as YYYYMMDD.</summary>
    public string? Date(string attribute, string? value)
    {
        if (value is null)
        {
            return null;
        }
        var done = new List<string>();
        var text = WithoutControls(value, done).Trim();
        if (text.Length > 0 && DicomValueValidator.Check(DicomVR.DA, text, DicomCharacterSet.Utf8) is not null
            && DateTime.TryParseExact(text, _lenientDates, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            text = date.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
            done.Add("written as YYYYMMDD");
        }
        return Checked(attribute, DicomVR.DA, text, done);
    }

    /// <summary>A TM value; HH:MM:SS (the pre-1993 form) is written as HHMMSS.</summary>
    public string? Time(string attribute, string? value)
    {
        if (value is null)
        {
            return null;
        }
        var done = new List<string>();
        var text = WithoutControls(value, done).Trim();
        if (text.Contains(':', StringComparison.Ordinal))
        {
            text = text.Replace(":", "", StringComparison.Ordinal);
            done.Add("written as HHMMSS");
        }
        return Checked(attribute, DicomVR.TM, text, done);
    }

    /// <summary>Patient's Sex (CS): M, F or O; "Male", "female", "other" and their like are mapped, anything else left empty.</summary>
    public string? Sex(string attribute, string? value)
    {
        if (value is null)
        {
            return null;
        }
        var done = new List<string>();
        var text = WithoutControls(value, done).Trim();
        var mapped = text.ToUpperInvariant() switch
        {
            "" => "",
            "M" or "MALE" or "MAN" => "M",
            "F" or "FEMALE" or "WOMAN" or "W" => "F",
            "O" or "OTHER" => "O",
            _ => null,
        };
        if (mapped is null)
        {
            _notes.Add($"{attribute} was not M, F or O and was left empty in the outputs");
            return "";
        }
        if (!string.Equals(mapped, text, StringComparison.Ordinal))
        {
            done.Add("written as M, F or O");
        }
        return Checked(attribute, DicomVR.CS, mapped, done);
    }

    private string Checked(string attribute, DicomVR vr, string text, List<string> done)
    {
        if (DicomValueValidator.Check(vr, text, DicomCharacterSet.Utf8) is not null)
        {
            _notes.Add($"{attribute} was not a valid DICOM {vr.Code} value and was left empty in the outputs");
            return "";
        }
        if (done.Count > 0)
        {
            _notes.Add($"{attribute} was not in DICOM form and was corrected in the outputs: {string.Join(", ", done)}");
        }
        return text;
    }

    /// <summary>Every C0/C1 control and DEL; ESC too, since the outputs are UTF-8, where an ISO 2022 escape means nothing.</summary>
    private static string WithoutControls(string value, List<string> done)
    {
        var cleaned = RemoveControls(value);
        if (cleaned.Length != value.Length)
        {
            done.Add("control characters removed");
        }
        return cleaned;
    }

    /// <summary>
    /// Text taken from a header into the report (a sequence or series name, a reason quoting one) without control
    /// characters: the SR's TEXT items refuse most of them, and a report must not fail over one.
    /// </summary>
    public static string RemoveControls(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Any(char.IsControl) ? new string([.. value.Where(c => !char.IsControl(c))]) : value;
    }

    private static string Truncated(string text, DicomVR vr, List<string> done)
    {
        if (vr.MaxLength <= 0 || text.Length <= vr.MaxLength)
        {
            return text;
        }
        done.Add(string.Create(CultureInfo.InvariantCulture, $"truncated to {vr.MaxLength} characters"));
        return text[..vr.MaxLength].TrimEnd();
    }

    /// <summary>PS3.5 PN: at most 3 groups (alphabetic=ideographic=phonetic) of 64 characters and 5 components each.</summary>
    private static string PersonName(string text, List<string> done)
    {
        var groups = text.Split('=');
        var fixedGroups = groups.Take(3).Select(g =>
        {
            var components = g.Split('^');
            var joined = components.Length <= 5 ? g : string.Join('^', components.Take(4)) + "^" + string.Join(' ', components.Skip(4));
            return joined.Length <= 64 ? joined : joined[..64];
        }).ToArray();
        var result = string.Join('=', fixedGroups);
        if (!string.Equals(result, text, StringComparison.Ordinal))
        {
            done.Add("shortened to the person-name limits (3 groups of 64 characters, 5 components)");
        }
        return result;
    }
}
