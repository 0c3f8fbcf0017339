using MRSNode.Quantification.Results;

namespace MRSNode.Reporting.Rendering;

/// <summary>Colours and sizes of the report. Flags and verdicts always carry their word too: colour is never the only signal.</summary>
public static class ReportStyle
{
    public static ReportColor Ink { get; } = new(20, 20, 20);
    public static ReportColor Muted { get; } = new(100, 100, 100);
    public static ReportColor Rule { get; } = new(190, 190, 190);
    public static ReportColor Band { get; } = new(244, 244, 244);

    public static ReportColor Data { get; } = new(0, 0, 0);
    public static ReportColor Fit { get; } = new(200, 30, 30);
    public static ReportColor Baseline { get; } = new(40, 90, 200);
    public static ReportColor Residual { get; } = new(120, 120, 120);

    /// <summary>The colour of a metabolite flag: normal green, high red, low blue, unreliable amber, not detected/assessed grey.</summary>
    public static ReportColor Flag(MetaboliteFlag flag) => flag switch
    {
        MetaboliteFlag.Normal => new(30, 120, 40),
        MetaboliteFlag.High => new(190, 20, 20),
        MetaboliteFlag.Low => new(20, 70, 190),
        MetaboliteFlag.Unreliable => new(190, 110, 0),
        _ => Muted,
    };

    /// <summary>(strong, tint) colours of a study verdict.</summary>
    public static (ReportColor Strong, ReportColor Tint) Verdict(StudyVerdict verdict) => verdict switch
    {
        StudyVerdict.Reliable => (new(30, 120, 40), new(232, 245, 233)),
        StudyVerdict.Review => (new(200, 110, 0), new(255, 243, 224)),
        _ => (new(190, 30, 30), new(253, 234, 234)),
    };
}
