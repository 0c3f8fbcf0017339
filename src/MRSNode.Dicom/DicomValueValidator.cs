using System.Globalization;
using System.Text.RegularExpressions;

namespace MRSNode.Dicom;

/// <summary>
/// Checks text values against their VR before they are stored (PS3.5 §6.2): length limits,
/// allowed characters and formats. A writer built on this can only produce valid values.
/// </summary>
public static partial class DicomValueValidator
{
    public static void Validate(DicomTag tag, DicomVR vr, IReadOnlyList<string> values, DicomCharacterSet charset)
    {
        ArgumentNullException.ThrowIfNull(vr);
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(charset);
        if (!vr.IsText)
        {
            throw new DicomValueException(tag, vr, "not a text VR");
        }
        if (vr.Kind == DicomVRKind.SingleText && values.Count > 1)
        {
            throw new DicomValueException(tag, vr, "holds exactly one value");
        }
        foreach (var value in values)
        {
            ArgumentNullException.ThrowIfNull(value);
            if (Check(vr, value, charset) is { } problem)
            {
                // Codes, UIDs and numbers are quoted to help; names, IDs, dates and free text are not: an exception
                // message reaches logs and error files, and such a value may identify the patient.
                throw new DicomValueException(tag, vr, MayIdentify(vr) ? $"the value {problem} (not quoted: it may identify the patient)" : $"'{Shorten(value)}' {problem}");
            }
        }
    }

    /// <summary>Null when the single value is valid for the VR, else what is wrong with it.</summary>
    public static string? Check(DicomVR vr, string value, DicomCharacterSet charset)
    {
        ArgumentNullException.ThrowIfNull(vr);
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(charset);
        if (vr.Kind == DicomVRKind.MultiText && value.Contains('\\', StringComparison.Ordinal))
        {
            return "contains a backslash, the value separator";
        }
        if ((!vr.IsCharsetDependent || charset.IsDefaultRepertoire) && !IsAscii(value))
        {
            return vr.IsCharsetDependent
                ? "has non-ASCII characters but Specific Character Set (0008,0005) is the default repertoire"
                : "has non-ASCII characters, which this VR does not allow";
        }
        if (vr.IsCharsetDependent && !charset.CanEncode(value))
        {
            return $"has characters that {(charset.Term.Length == 0 ? "the default repertoire" : charset.Term)} cannot encode";
        }
        if (vr.MaxLength > 0 && vr != DicomVR.PN && value.Length > vr.MaxLength)
        {
            return $"is longer than {vr.MaxLength} characters";
        }
        if (value.Length == 0)
        {
            return null;
        }
        if (vr == DicomVR.PN)
        {
            var groups = value.Split('=');
            if (groups.Length > 3 || groups.Any(g => g.Length > 64) || groups.Any(g => g.Split('^').Length > 5))
            {
                return "is not a person name (at most 3 groups of 64 characters with 5 components)";
            }
            return HasControl(value, allowLineBreaks: false) ? "contains control characters" : null;
        }
        return vr.Code switch
        {
            "AE" => value.Trim().Length == 0 ? "is all spaces" : HasControl(value, false) ? "contains control characters" : null,
            "AS" => AgeString().IsMatch(value) ? null : "is not an age (nnnD, nnnW, nnnM or nnnY)",
            "CS" => CodeString().IsMatch(value) ? null : "has characters other than A-Z, 0-9, space and underscore",
            "DA" => IsDate(value) ? null : "is not a date YYYYMMDD",
            "DS" => DecimalString().IsMatch(value) ? null : "is not a decimal number",
            "DT" => DateTimeString().IsMatch(value) ? null : "is not a date-time YYYYMMDDHHMMSS.FFFFFF&ZZXX",
            "IS" => IntegerString().IsMatch(value) && long.TryParse(value.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n is >= int.MinValue and <= int.MaxValue
                ? null : "is not an integer between -2^31 and 2^31-1",
            "TM" => TimeString().IsMatch(value) ? null : "is not a time HHMMSS.FFFFFF",
            "UI" => IsUid(value) ? null : "is not a UID (digits and dots, no leading zeros, at most 64 characters)",
            "UR" => value.StartsWith(' ') ? "has leading spaces" : null,
            "LT" or "ST" or "UT" => HasControl(value, allowLineBreaks: true) ? "contains control characters" : null,
            _ => HasControl(value, allowLineBreaks: false) ? "contains control characters" : null,
        };
    }

    public static bool IsUid(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length is 0 or > 64)
        {
            return false;
        }
        foreach (var part in value.Split('.'))
        {
            if (part.Length == 0 || (part.Length > 1 && part[0] == '0') || !part.All(char.IsAsciiDigit))
            {
                return false;
            }
        }
        return true;
    }

    private static bool IsDate(string v) =>
        v.Length == 8 && DateOnly.TryParseExact(v, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    private static bool IsAscii(string s) => s.All(char.IsAscii);

    // ESC (1B) is allowed for ISO 2022 code extensions; LT/ST/UT may hold CR, LF, FF and TAB.
    private static bool HasControl(string s, bool allowLineBreaks) =>
        s.Any(c => c < 0x20 && c != 0x1B && !(allowLineBreaks && c is '\r' or '\n' or '\f' or '\t'));

    private static bool MayIdentify(DicomVR vr) => vr.Code is not ("UI" or "CS" or "AE" or "IS" or "DS");

    private static string Shorten(string s) => s.Length <= 40 ? s : s[..40] + "...";

    [GeneratedRegex(@"^\d{3}[DWMY]$")]
    private static partial Regex AgeString();

    [GeneratedRegex(@"^[A-Z0-9 _]*$")]
    private static partial Regex CodeString();

    [GeneratedRegex(@"^ *[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)? *$")]
    private static partial Regex DecimalString();

    [GeneratedRegex(@"^ *[+-]?\d+ *$")]
    private static partial Regex IntegerString();

    [GeneratedRegex(@"^\d{4}((0[1-9]|1[0-2])((0[1-9]|[12]\d|3[01])(([01]\d|2[0-3])([0-5]\d([0-5]\d|60)?(\.\d{1,6})?)?)?)?)?([+-]\d{4})?$")]
    private static partial Regex DateTimeString();

    [GeneratedRegex(@"^([01]\d|2[0-3])([0-5]\d([0-5]\d|60)?(\.\d{1,6})?)?$")]
    private static partial Regex TimeString();
}
