using System.Globalization;

namespace MRSNode.Dicom;

/// <summary>Value multiplicity from PS3.6: "1", "1-3", "1-n", "2-2n" (a multiple of 2).</summary>
public readonly record struct DicomVM(int Minimum, int Maximum, int Step)
{
    public const int Unbounded = int.MaxValue;

    public static readonly DicomVM One = new(1, 1, 1);

    public bool Allows(int count) =>
        count >= Minimum && count <= Maximum && (Step <= 1 || count % Step == 0);

    public static DicomVM Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split('-');
        int min = int.Parse(parts[0], CultureInfo.InvariantCulture);
        if (parts.Length == 1)
        {
            return new DicomVM(min, min, 1);
        }
        var upper = parts[1];
        if (upper.EndsWith('n'))
        {
            var step = upper.Length == 1 ? 1 : int.Parse(upper[..^1], CultureInfo.InvariantCulture);
            return new DicomVM(min, Unbounded, step);
        }
        return new DicomVM(min, int.Parse(upper, CultureInfo.InvariantCulture), 1);
    }

    public override string ToString()
    {
        if (Maximum == Unbounded)
        {
            return Step > 1
                ? string.Create(CultureInfo.InvariantCulture, $"{Minimum}-{Step}n")
                : string.Create(CultureInfo.InvariantCulture, $"{Minimum}-n");
        }
        return Minimum == Maximum
            ? Minimum.ToString(CultureInfo.InvariantCulture)
            : string.Create(CultureInfo.InvariantCulture, $"{Minimum}-{Maximum}");
    }
}
