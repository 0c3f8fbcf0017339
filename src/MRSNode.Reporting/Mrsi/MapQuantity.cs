using MRSNode.Quantification.Mrsi;
using MRSNode.Reporting.Dicom;

namespace MRSNode.Reporting.Mrsi;

/// <summary>
/// What one MRSI map measures, as codes: the quantity (a CID 4033 metabolite, or the ratio's own code where PS3.16 has
/// one, Cho/Cr), the denominator of a ratio without its own code (tCr, tNAA), and the UCUM unit. The SR's NUM items and
/// the Parametric Map's Real World Value Mapping both read it, so the two objects name a map the same way.
/// </summary>
internal sealed record MapQuantity(CodedConcept Quantity, CodedConcept? RatioTo, CodedConcept Unit)
{
    public static MapQuantity Of(MetaboliteMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        var (numerator, denominator) = map.Name switch
        {
            MrsiMapNames.ChoNaa => ("tCho", "tNAA"),
            MrsiMapNames.ChoCr => ("tCho", "tCr"),
            _ => (map.Name, map.Unit == "ratio to tCr" ? "tCr" : null),
        };
        if (denominator is null)
        {
            return new(ReportCodes.Metabolite(numerator), null, map.Unit == "i.u." ? ReportCodes.ArbitraryUnit : ReportCodes.NoUnit);
        }
        return ReportCodes.RatioOf(numerator, denominator) is { } code
            ? new(code, null, ReportCodes.Ratio)
            : new(ReportCodes.Metabolite(numerator), ReportCodes.Metabolite(denominator), ReportCodes.Ratio);
    }
}
