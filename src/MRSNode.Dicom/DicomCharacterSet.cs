using System.Text;

namespace MRSNode.Dicom;

/// <summary>
/// Maps Specific Character Set (0008,0005) to a .NET encoding (PS3.3 C.12.1.1.2).
/// Supported: the default repertoire, the single-byte ISO 8859 sets (ISO_IR 100 ... 203, also in their
/// ISO 2022 form without code extensions), ISO_IR 192 (UTF-8), GB18030 and GBK.
/// </summary>
public sealed class DicomCharacterSet
{
    static DicomCharacterSet() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private DicomCharacterSet(string term, Encoding encoding, bool isDefault)
    {
        Term = term;
        Encoding = encoding;
        IsDefaultRepertoire = isDefault;
        // A strict twin for checking: .NET's default encoders silently best-fit ("—" becomes "-").
        _strict = Encoding.GetEncoding(encoding.CodePage, EncoderFallback.ExceptionFallback, DecoderFallback.ReplacementFallback);
    }

    private readonly Encoding _strict;

    /// <summary>True when every character of <paramref name="text"/> exists in this character set.</summary>
    public bool CanEncode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            _strict.GetByteCount(text);
            return true;
        }
        catch (EncoderFallbackException)
        {
            return false;
        }
    }

    /// <summary>The defined term as written in the data set ("" for the default repertoire).</summary>
    public string Term { get; }

    /// <summary>Decodes and encodes charset-dependent text (SH, LO, UC, ST, LT, UT, PN).</summary>
    public Encoding Encoding { get; }

    /// <summary>
    /// The default repertoire is ASCII. Undeclared 8-bit bytes are common in the field, so they are
    /// decoded as Latin-1 (lossless, byte for byte) rather than replaced; writing checks for ASCII.
    /// </summary>
    public bool IsDefaultRepertoire { get; }

    public static readonly DicomCharacterSet Default = new("", Encoding.Latin1, true);
    public static readonly DicomCharacterSet Latin1 = new("ISO_IR 100", Encoding.Latin1, false);
    public static readonly DicomCharacterSet Utf8 = new("ISO_IR 192", new UTF8Encoding(false, false), false);

    private static readonly Dictionary<string, int> _codePages = new(StringComparer.Ordinal)
    {
        ["ISO_IR 101"] = 28592, ["ISO_IR 109"] = 28593, ["ISO_IR 110"] = 28594, ["ISO_IR 144"] = 28595,
        ["ISO_IR 127"] = 28596, ["ISO_IR 126"] = 28597, ["ISO_IR 138"] = 28598, ["ISO_IR 148"] = 28599,
        ["ISO_IR 203"] = 28605, ["ISO_IR 166"] = 874, ["ISO_IR 13"] = 932, ["GB18030"] = 54936, ["GBK"] = 936,
    };

    /// <summary>
    /// The character set for the value(s) of (0008,0005). With code extensions (several values) the
    /// first value selects the encoding; escape sequences are not interpreted.
    /// </summary>
    public static DicomCharacterSet FromTerms(IReadOnlyList<string> terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        var first = terms.Count == 0 ? "" : terms[0].Trim();
        if (first.Length == 0 && terms.Count > 1)
        {
            first = terms[1].Trim();
        }
        var term = first.Replace("ISO 2022 IR ", "ISO_IR ", StringComparison.Ordinal);
        return term switch
        {
            "" or "ISO_IR 6" => Default,
            "ISO_IR 100" => Latin1,
            "ISO_IR 192" => Utf8,
            _ when _codePages.TryGetValue(term, out var cp) => new DicomCharacterSet(first, Encoding.GetEncoding(cp), false),
            // An unknown term must not make the file unreadable: fall back to byte-preserving Latin-1.
            _ => new DicomCharacterSet(first, Encoding.Latin1, false),
        };
    }
}
