using MRSNode.Dicom;
using MRSNode.Quantification.Results;
using static MRSNode.Reporting.Dicom.SrContentItems;

namespace MRSNode.Reporting.Dicom;

/// <summary>The measurement group's QC NUMs and its method TEXTs (preprocessing, scaling, CRLB calibration, neural second opinion).</summary>
internal static class QualityAndMethodItems
{
    /// <summary>The QC values that were measured (absent ones are left out), each under its own named definition.</summary>
    public static IEnumerable<DicomDataset> Quality(DicomDataset root, QualityResult qc)
    {
        (CodedConcept Concept, double? Value, CodedConcept Unit, int Digits)[] values =
        [
            (ReportCodes.Snr, qc.Snr, ReportCodes.NoUnit, 3),
            (ReportCodes.SnrLcModel, qc.SnrLcModel, ReportCodes.NoUnit, 3),
            (ReportCodes.Linewidth, qc.FwhmPpm, ReportCodes.Ppm, 3),
            (ReportCodes.Linewidth, qc.FwhmHz, ReportCodes.Hertz, 3),
            (ReportCodes.LineshapeLinewidth, qc.LineshapeFwhmPpm, ReportCodes.Ppm, 3),
            (ReportCodes.LineshapeLinewidth, qc.LineshapeFwhmHz, ReportCodes.Hertz, 3),
            (ReportCodes.FitResidual, qc.FitResidualRelative, ReportCodes.NoUnit, 3),
            (ReportCodes.FrequencyOffset, qc.FrequencyOffsetHz, ReportCodes.Hertz, 3),
            (ReportCodes.ZeroOrderPhase, qc.ZeroOrderPhaseDegrees, ReportCodes.Degree, 3),
            (ReportCodes.LipidToTCr, qc.LipidToTCr, ReportCodes.Ratio, 3),
            (ReportCodes.ResidualWaterToNaa, qc.ResidualWaterToNaa, ReportCodes.Ratio, 3),
            (ReportCodes.Transients, qc.Transients, ReportCodes.NoUnit, 10),
            (ReportCodes.TransientsRejected, qc.TransientsRejected, ReportCodes.NoUnit, 10),
            (ReportCodes.FrequencyDrift, qc.FrequencyDriftHz, ReportCodes.Hertz, 3),
        ];
        return values
            .Where(v => v.Value is { } x && double.IsFinite(x))
            .Select(v => Num(root, "CONTAINS", v.Concept, v.Value!.Value, v.Unit, v.Digits));
    }

    /// <summary>How the values were made: the basis set's provenance, preprocessing steps, the scaling with every parameter, the CRLB calibration and the neural second opinion.</summary>
    public static IEnumerable<DicomDataset> Method(DicomDataset root, QuantificationReport report)
    {
        if (report.Basis is { } basis)
        {
            yield return Text(root, "CONTAINS", ReportCodes.BasisSet, basis.Summary);
        }
        foreach (var step in report.Input.Preprocessing)
        {
            yield return Text(root, "CONTAINS", ReportCodes.Preprocessing, step);
        }
        if (report.Scaling is { } scaling)
        {
            yield return Text(root, "CONTAINS", ReportCodes.ConcentrationUnit, scaling.Unit);
            yield return Text(root, "CONTAINS", ReportCodes.Scaling, scaling.Description);
            foreach (var (name, value) in scaling.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                yield return Text(root, "CONTAINS", ReportCodes.ScalingParameter, string.Create(Invariant, $"{name} = {SignificantFigures.Round(value, 4)}"));
            }
        }
        if (report.CrlbCalibration is { Length: > 0 } calibration)
        {
            yield return Text(root, "CONTAINS", ReportCodes.CrlbCalibration, calibration);
        }
        if (report.NeuralAdvisory is { } advisory)
        {
            yield return Text(root, "CONTAINS", ReportCodes.NeuralAdvisory, $"{advisory.Status}: {advisory.Explanation}");
        }
    }

    private static readonly System.Globalization.CultureInfo Invariant = System.Globalization.CultureInfo.InvariantCulture;
}
