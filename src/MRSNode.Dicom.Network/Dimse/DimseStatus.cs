using System.Globalization;

namespace MRSNode.Dicom.Network.Dimse;

public enum DimseStatusCategory
{
    Success,
    Warning,
    Failure,
    Cancel,
    Pending,
}

/// <summary>A DIMSE status code (PS3.7 Annex C, PS3.4 B.2.3 for storage) with its category and meaning.</summary>
public readonly record struct DimseStatus(ushort Code)
{
    public static readonly DimseStatus Success = new(0x0000);
    public static readonly DimseStatus Cancel = new(0xFE00);
    public static readonly DimseStatus Pending = new(0xFF00);
    // Storage warnings (PS3.4 Table B.2-1)
    public static readonly DimseStatus CoercionOfDataElements = new(0xB000);
    public static readonly DimseStatus DataSetDoesNotMatchSopClassWarning = new(0xB007);
    public static readonly DimseStatus ElementsDiscarded = new(0xB006);
    // Failures
    public static readonly DimseStatus OutOfResources = new(0xA700);
    public static readonly DimseStatus DataSetDoesNotMatchSopClass = new(0xA900);
    public static readonly DimseStatus CannotUnderstand = new(0xC000);
    public static readonly DimseStatus SopClassNotSupported = new(0x0122);
    public static readonly DimseStatus NotAuthorized = new(0x0124);
    public static readonly DimseStatus DuplicateInvocation = new(0x0210);
    public static readonly DimseStatus UnrecognizedOperation = new(0x0211);
    public static readonly DimseStatus MistypedArgument = new(0x0212);
    public static readonly DimseStatus ResourceLimitation = new(0x0213);
    public static readonly DimseStatus InvalidObjectInstance = new(0x0117);
    public static readonly DimseStatus ProcessingFailure = new(0x0110);

    public DimseStatusCategory Category => Code switch
    {
        0x0000 => DimseStatusCategory.Success,
        0xFE00 => DimseStatusCategory.Cancel,
        0xFF00 or 0xFF01 => DimseStatusCategory.Pending,
        0x0001 or 0x0107 or 0x0116 or >= 0xB000 and <= 0xBFFF => DimseStatusCategory.Warning,
        _ => DimseStatusCategory.Failure,
    };

    public bool IsSuccess => Category == DimseStatusCategory.Success;

    public string Description => Code switch
    {
        0x0000 => "Success",
        0xFE00 => "Cancel",
        0xFF00 or 0xFF01 => "Pending",
        0xB000 => "Warning: coercion of data elements",
        0xB006 => "Warning: elements discarded",
        0xB007 => "Warning: data set does not match SOP class",
        >= 0xA700 and <= 0xA7FF => "Refused: out of resources",
        >= 0xA900 and <= 0xA9FF => "Error: data set does not match SOP class",
        >= 0xC000 and <= 0xCFFF => "Error: cannot understand",
        0x0122 => "Refused: SOP class not supported",
        0x0124 => "Refused: not authorized",
        0x0210 => "Failed: duplicate invocation",
        0x0211 => "Failed: unrecognized operation",
        0x0212 => "Failed: mistyped argument",
        0x0213 => "Failed: resource limitation",
        0x0117 => "Failed: invalid object instance",
        0x0110 => "Failed: processing failure",
        _ => Category + " 0x" + Code.ToString("X4", CultureInfo.InvariantCulture),
    };

    public override string ToString() => $"0x{Code:X4} ({Description})";
}
