using System.Globalization;
using System.Text;

namespace MRSNode.Dicom;

/// <summary>Formats element values as text: numbers joined by '\', bytes and words in hex, as dcmdump prints them.</summary>
public static class DicomValueFormatter
{
    /// <summary>Appends the value; stops after about <paramref name="maxChars"/> characters and appends "...".</summary>
    public static void AppendValue(StringBuilder sb, DicomElement element, DicomCharacterSet charset, int maxChars)
    {
        ArgumentNullException.ThrowIfNull(sb);
        ArgumentNullException.ThrowIfNull(element);
        ArgumentNullException.ThrowIfNull(charset);
        var start = sb.Length;
        var span = element.Value.Span;
        var vr = element.VR;
        if (vr.IsText)
        {
            var text = DicomValueCodec.DecodeText(vr, span, charset);
            sb.Append(text.Length > maxChars ? text[..maxChars] + "..." : text);
            return;
        }
        int count = vr.Code switch
        {
            "OB" or "UN" => span.Length,
            "AT" => span.Length / 4,
            _ => span.Length / vr.UnitSize,
        };
        for (int i = 0; i < count; i++)
        {
            if (sb.Length - start > maxChars)
            {
                sb.Append("...");
                return;
            }
            if (i > 0)
            {
                sb.Append('\\');
            }
            AppendOne(sb, vr, span, i);
        }
    }

    private static void AppendOne(StringBuilder sb, DicomVR vr, ReadOnlySpan<byte> s, int i)
    {
        var inv = CultureInfo.InvariantCulture;
        switch (vr.Code)
        {
            case "OB" or "UN": sb.Append(s[i].ToString("x2", inv)); break;
            case "OW": sb.Append(BitConverter.ToUInt16(s[(2 * i)..]).ToString("x4", inv)); break;
            case "US": sb.Append(BitConverter.ToUInt16(s[(2 * i)..]).ToString(inv)); break;
            case "SS": sb.Append(BitConverter.ToInt16(s[(2 * i)..]).ToString(inv)); break;
            case "UL" or "OL": sb.Append(BitConverter.ToUInt32(s[(4 * i)..]).ToString(inv)); break;
            case "SL": sb.Append(BitConverter.ToInt32(s[(4 * i)..]).ToString(inv)); break;
            case "FL" or "OF": sb.Append(BitConverter.ToSingle(s[(4 * i)..]).ToString("R", inv)); break;
            case "FD" or "OD": sb.Append(BitConverter.ToDouble(s[(8 * i)..]).ToString("R", inv)); break;
            case "SV": sb.Append(BitConverter.ToInt64(s[(8 * i)..]).ToString(inv)); break;
            case "UV" or "OV": sb.Append(BitConverter.ToUInt64(s[(8 * i)..]).ToString(inv)); break;
            case "AT":
                sb.Append(new DicomTag(BitConverter.ToUInt16(s[(4 * i)..]), BitConverter.ToUInt16(s[(4 * i + 2)..])).ToString());
                break;
            default: sb.Append('?'); break;
        }
    }
}
