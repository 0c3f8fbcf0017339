namespace MRSNode.Reporting.Dicom;

/// <summary>Rounds a measured value to the digits it can carry, so the SR does not state 14 digits of a value known to 3.</summary>
public static class SignificantFigures
{
    public static double Round(double value, int digits = 3)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(digits, 1);
        if (value == 0 || !double.IsFinite(value))
        {
            return value;
        }
        var magnitude = (int)Math.Floor(Math.Log10(Math.Abs(value))) + 1;
        var decimals = digits - magnitude;
        if (decimals >= 0)
        {
            return Math.Round(value, Math.Min(decimals, 15), MidpointRounding.AwayFromZero);
        }
        var scale = Math.Pow(10, -decimals);
        return Math.Round(value / scale, MidpointRounding.AwayFromZero) * scale;
    }
}
