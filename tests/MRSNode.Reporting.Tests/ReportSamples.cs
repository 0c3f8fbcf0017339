using MRSNode.Quantification;
using MRSNode.Quantification.Results;
using MRSNode.Reporting.Dicom;
using MRSNode.Reporting.Rendering;

namespace MRSNode.Reporting.Tests;

/// <summary>A report with every kind of flag and a synthetic spectrum (Lorentzian peaks at NAA, Cr, Cho, Ins).</summary>
internal static class ReportSamples
{
    public static QuantificationReport Report(int extraMetabolites = 0, int extraReasons = 0, StudyVerdict verdict = StudyVerdict.Review) => new()
    {
        Software = "MRSNode 0.1.0",
        CreatedUtc = new DateTime(2026, 11, 21, 12, 0, 0, DateTimeKind.Utc),
        Input = new InputSummary
        {
            MetaboliteFile = "siemens-xa60-svs.dcm", WaterFile = "water.dcm", BasisSet = "press3T_30ms.BASIS", Format = "DICOM MR Spectroscopy",
            Points = 1024, SpectralWidthHz = 1199.9, FrequencyMHz = 123.255, EchoTimeMs = 30, Averages = 64,
            Preprocessing = ["Coil combination: 1 coil", "Averaging: 64 transients aligned (spectral registration)", "Residual water removal (HLSVD): 25 components"],
            RepetitionTimeMs = 2000, SequenceName = "svs_se", Localization = "PRESS", ProtocolName = "svs_se_30_basal_ganglia", SeriesDescription = "SVS TE30 left BG",
            VoxelSizeMm = [20, 15, 18], VoxelPositionMm = [-12.5, 20.1, 8],
        },
        Scaling = new ConcentrationScaling
        {
            Unit = "i.u.", Description = "water-scaled, no tissue or relaxation correction",
            Parameters = new Dictionary<string, double> { ["WCONC"] = 35880, ["ATTH2O"] = 0.7, ["ATTMET"] = 1 },
        },
        Ratios = [new RatioResult { Name = "tCho/tNAA", Numerator = "tCho", Denominator = "tNAA", Value = 0.921, Flag = MetaboliteFlag.High, ReferenceRange = [0.2, 0.5] }],
        Findings = ["tCho high: tCho/tCr 1.40"],
        CrlbCalibration = "On simulated spectra the observed SD is 4–6 × the CRLB: read a CRLB as a lower bound.",
        Metabolites =
        [
            new MetaboliteResult { Name = "tNAA", RatioToTCr = 1.52, Concentration = 12.31, CrlbPercent = 3, Flag = MetaboliteFlag.Normal, IsPool = true, ReferenceRange = [0.942, 2.154], ReferenceRangeUnit = "ratio to tCr" },
            new MetaboliteResult { Name = "tCr", RatioToTCr = 1, Concentration = 8.1, CrlbPercent = 4, Flag = MetaboliteFlag.NotAssessed, IsPool = true, FlagReason = "the reference of every ratio" },
            new MetaboliteResult { Name = "tCho", RatioToTCr = 1.4, Concentration = 9.87, CrlbPercent = 6, Flag = MetaboliteFlag.High, IsPool = true, ReferenceRange = [0.86, 4.30], ReferenceRangeUnit = "mM" },
            new MetaboliteResult { Name = "GABA", RatioToTCr = 0.3, Concentration = 2.44, CrlbPercent = 80, Flag = MetaboliteFlag.Unreliable, FlagReason = "CRLB 80 % is above 50 %" },
            new MetaboliteResult { Name = "Lac", RatioToTCr = 0, Concentration = 0, CrlbPercent = 999, Flag = MetaboliteFlag.NotDetected, FlagReason = "fitted amplitude is zero" },
            new MetaboliteResult { Name = "Gln", RatioToTCr = 0.11, Concentration = 0.95, CrlbPercent = 18, Flag = MetaboliteFlag.Low, ReferenceRange = [0.172, 0.384], ReferenceRangeUnit = "ratio to tCr" },
            .. Enumerable.Range(0, extraMetabolites).Select(i => new MetaboliteResult { Name = $"Extra{i}", RatioToTCr = 0.1 * i, CrlbPercent = 20, Flag = MetaboliteFlag.NotAssessed, FlagReason = "no reference range" }),
        ],
        Qc = new QualityResult { Snr = 24.5, SnrDefinition = "NAA / noise SD", FwhmPpm = 0.052, FwhmHz = 6.4, FitResidualRelative = 0.031, FrequencyOffsetHz = 1.2, ZeroOrderPhaseDegrees = 351 },
        Verdict = verdict,
        Reasons = ["tCho is high", "GABA is unreliable: CRLB 80 % is above 50 %", .. Enumerable.Range(0, extraReasons).Select(i => $"extra reason {i} with enough words to need wrapping across the verdict box when it is long")],
        Lcm = new MethodResult { Method = MethodKind.Lcm, Version = "lcm 0.1.0", Estimates = [], Seconds = 0.34 },
        ReferenceRanges = "2026.11-literature-1: Gudmundson AT et al. Anal Biochem 2023;676:115227.",
    };

    public static SourceIdentity Source() => new()
    {
        PatientName = "Müller^Zoë",
        PatientId = "PID-0042",
        PatientBirthDate = "19700131",
        PatientSex = "F",
        StudyInstanceUid = "1.2.826.0.1.3680043.8.498.1",
        StudyDate = "20261120",
        StudyTime = "101500",
        AccessionNumber = "ACC-7",
        SourceSeriesInstanceUid = "1.2.826.0.1.3680043.8.498.2",
        SourceInstances = [("1.2.840.10008.5.1.4.1.1.4.2", "1.2.826.0.1.3680043.8.498.3")],
    };

    /// <summary>Peaks (ppm, height, width) on a gentle baseline, 0.2–4.0 ppm, 600 points; the fit is 97 % of the data.</summary>
    public static FitSpectra Spectra()
    {
        const int n = 600;
        var ppm = new double[n];
        var data = new double[n];
        var fit = new double[n];
        var baseline = new double[n];
        var residual = new double[n];
        (double Ppm, double Height, double Width)[] peaks = [(2.01, 10, 0.03), (3.03, 6, 0.03), (3.21, 5, 0.03), (3.56, 3, 0.05), (3.92, 4, 0.03)];
        for (var i = 0; i < n; i++)
        {
            ppm[i] = 4.0 - 3.8 * i / (n - 1);
            baseline[i] = 0.3 + 0.1 * Math.Sin(ppm[i]);
            var signal = peaks.Sum(p => p.Height / (1 + Math.Pow((ppm[i] - p.Ppm) / p.Width, 2)));
            data[i] = baseline[i] + signal + 0.05 * Math.Sin(37 * i);
            fit[i] = baseline[i] + 0.97 * signal;
            residual[i] = data[i] - fit[i];
        }
        return new FitSpectra(ppm, data, fit, baseline, residual);
    }

    public static ReportDocument Document(int extraMetabolites = 0, int extraReasons = 0) =>
        new(Report(extraMetabolites, extraReasons), Source(), Spectra());
}
