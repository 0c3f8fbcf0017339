using MRSNode.Quantification.Results;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Quantification.Tests.Results;

[UnitTest]
public class QuantificationReportTests
{
    [Fact]
    public void ToJson_RoundTrip_KeepsDesignFields()
    {
        var report = new QuantificationReport
        {
            Software = "MRSNode 0.1.0",
            CreatedUtc = new DateTime(2026, 11, 21, 12, 0, 0, DateTimeKind.Utc),
            Input = new InputSummary { MetaboliteFile = "m.dcm", BasisSet = "b.BASIS", Points = 2048, SpectralWidthHz = 4000, FrequencyMHz = 123.2 },
            Metabolites = [new MetaboliteResult { Name = "NAA", Concentration = null, RatioToTCr = 1.4, CrlbPercent = 3.1, Flag = MetaboliteFlag.Normal, ReferenceRange = [0.974, 1.798], ReferenceRangeUnit = "ratio to tCr" }],
            Qc = new QualityResult { Snr = 25, SnrDefinition = "NAA / noise SD", FwhmPpm = 0.05, FwhmHz = 6.2 },
            Verdict = StudyVerdict.Reliable,
            Reasons = ["ok"],
            Lcm = new MethodResult { Method = MethodKind.Lcm, Version = "1", Estimates = [new MethodEstimate { Name = "NAA", Amplitude = 0.5, CrlbPercent = 3.1 }] },
        };

        var json = report.ToJson();
        var back = QuantificationReport.FromJson(json);

        Assert.Contains("\"concentration\": null", json);
        Assert.Contains("\"ratioToTCr\": 1.4", json);
        Assert.Contains("\"fwhmPpm\": 0.05", json);
        Assert.Contains("\"verdict\": \"reliable\"", json);
        Assert.Equal(report.Metabolites[0].Name, back.Metabolites[0].Name);
        Assert.Equal([0.974, 1.798], back.Metabolites[0].ReferenceRange!);
        Assert.Equal(0.5, back.Lcm!.Estimates[0].Amplitude);
        Assert.Null(back.Neural);
    }

    private static MetaboliteResult Flagged(string name, MetaboliteFlag flag) => new() { Name = name, RatioToTCr = 0.5, CrlbPercent = 7, Flag = flag };

    /// <summary>
    /// results.json with every flag, a two-word verdict and both methods, written by the node before its flags, verdicts
    /// and method names were typed (commit 5374eb7, string properties): the typed values must write the same bytes.
    /// </summary>
    private const string StringTypedJson = """
        {
          "schema": "mrsnode-results/2",
          "software": "MRSNode 0.1.0",
          "createdUtc": "2026-11-21T12:00:00Z",
          "input": {
            "metaboliteFile": "m.dcm",
            "waterFile": null,
            "basisSet": "b.BASIS",
            "format": null,
            "frequencyMHz": 123.2,
            "echoTimeMs": null,
            "points": 2048,
            "spectralWidthHz": 4000,
            "averages": null,
            "preprocessing": []
          },
          "metabolites": [
            {
              "name": "NAA",
              "concentration": null,
              "ratioToTCr": 0.5,
              "crlbPercent": 7,
              "flag": "normal",
              "flagReason": null,
              "isPool": false,
              "referenceRange": null,
              "referenceRangeUnit": null,
              "referenceRangeSource": null
            },
            {
              "name": "Gln",
              "concentration": null,
              "ratioToTCr": 0.5,
              "crlbPercent": 7,
              "flag": "low",
              "flagReason": null,
              "isPool": false,
              "referenceRange": null,
              "referenceRangeUnit": null,
              "referenceRangeSource": null
            },
            {
              "name": "tCho",
              "concentration": null,
              "ratioToTCr": 0.5,
              "crlbPercent": 7,
              "flag": "high",
              "flagReason": null,
              "isPool": false,
              "referenceRange": null,
              "referenceRangeUnit": null,
              "referenceRangeSource": null
            },
            {
              "name": "GABA",
              "concentration": null,
              "ratioToTCr": 0.5,
              "crlbPercent": 7,
              "flag": "unreliable",
              "flagReason": null,
              "isPool": false,
              "referenceRange": null,
              "referenceRangeUnit": null,
              "referenceRangeSource": null
            },
            {
              "name": "Lac",
              "concentration": null,
              "ratioToTCr": 0.5,
              "crlbPercent": 7,
              "flag": "not detected",
              "flagReason": null,
              "isPool": false,
              "referenceRange": null,
              "referenceRangeUnit": null,
              "referenceRangeSource": null
            },
            {
              "name": "Asp",
              "concentration": null,
              "ratioToTCr": 0.5,
              "crlbPercent": 7,
              "flag": "not assessed",
              "flagReason": null,
              "isPool": false,
              "referenceRange": null,
              "referenceRangeUnit": null,
              "referenceRangeSource": null
            }
          ],
          "qc": {
            "snr": 25,
            "snrDefinition": "NAA / noise SD",
            "fwhmPpm": 0.05,
            "fwhmHz": 6.2,
            "fitResidualRelative": null,
            "frequencyOffsetHz": null,
            "zeroOrderPhaseDegrees": null
          },
          "verdict": "not usable",
          "reasons": [
            "ok"
          ],
          "referenceRanges": null,
          "lcm": {
            "method": "lcm",
            "version": "1",
            "estimates": [],
            "seconds": 0,
            "details": null,
            "ratioPriors": [
              "Asp/Big3 = 0.05 \u002B- 0.05"
            ]
          },
          "neural": {
            "method": "neural",
            "version": "2",
            "estimates": [],
            "seconds": 0,
            "details": null
          }
        }
        """;

    [Fact]
    public void ToJson_EveryFlagVerdictAndMethod_SameBytesAsTheStringTypedReport()
    {
        var report = new QuantificationReport
        {
            Software = "MRSNode 0.1.0",
            CreatedUtc = new DateTime(2026, 11, 21, 12, 0, 0, DateTimeKind.Utc),
            Input = new InputSummary { MetaboliteFile = "m.dcm", BasisSet = "b.BASIS", Points = 2048, SpectralWidthHz = 4000, FrequencyMHz = 123.2 },
            Metabolites =
            [
                Flagged("NAA", MetaboliteFlag.Normal), Flagged("Gln", MetaboliteFlag.Low), Flagged("tCho", MetaboliteFlag.High),
                Flagged("GABA", MetaboliteFlag.Unreliable), Flagged("Lac", MetaboliteFlag.NotDetected), Flagged("Asp", MetaboliteFlag.NotAssessed),
            ],
            Qc = new QualityResult { Snr = 25, SnrDefinition = "NAA / noise SD", FwhmPpm = 0.05, FwhmHz = 6.2 },
            Verdict = StudyVerdict.NotUsable,
            Reasons = ["ok"],
            Lcm = new MethodResult { Method = MethodKind.Lcm, Version = "1", Estimates = [], RatioPriors = ["Asp/Big3 = 0.05 +- 0.05"] },
            Neural = new MethodResult { Method = MethodKind.Neural, Version = "2", Estimates = [] },
        };

        string json = report.ToJson();
        var back = QuantificationReport.FromJson(StringTypedJson);

        Assert.Equal(StringTypedJson.ReplaceLineEndings("\n"), json.ReplaceLineEndings("\n"));
        Assert.Equal(report.Metabolites.Select(m => m.Flag), back.Metabolites.Select(m => m.Flag));
        Assert.Equal(StudyVerdict.NotUsable, back.Verdict);
        Assert.Equal((MethodKind.Lcm, MethodKind.Neural), (back.Lcm!.Method, back.Neural!.Method));
    }

    [Fact]
    public void FromJson_UnknownFlagWord_ThrowsNamingTheWords()
    {
        string json = StringTypedJson.Replace("\"flag\": \"high\"", "\"flag\": \"elevated\"", StringComparison.Ordinal);

        var ex = Assert.Throws<System.Text.Json.JsonException>(() => QuantificationReport.FromJson(json));

        Assert.Contains("'elevated' is not a MetaboliteFlag (normal, low, high, unreliable, not detected, not assessed)", ex.Message, StringComparison.Ordinal);
    }
}
