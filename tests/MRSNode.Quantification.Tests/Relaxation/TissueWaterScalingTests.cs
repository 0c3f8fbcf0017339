using MRSNode.Quantification;
using MRSNode.Quantification.Relaxation;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Quantification.Tests.Relaxation;

[UnitTest]
public class TissueWaterScalingTests
{
    [Fact]
    public void Uncorrected_LcModelDefaults_InstitutionalUnitsWithEveryParameter()
    {
        var (parameters, scaling) = TissueWaterScaling.Uncorrected(WaterScalingParameters.LcModelDefaults, 35, 2000);

        Assert.Same(WaterScalingParameters.LcModelDefaults, parameters);
        Assert.Equal("i.u.", scaling.Unit);
        Assert.False(scaling.Corrected);
        Assert.Equal(35880, scaling.Parameters["WCONC"]);
        Assert.Equal(0.7, scaling.Parameters["ATTH2O"]);
        Assert.Equal(1.0, scaling.Parameters["ATTMET"]);
        Assert.Equal(35, scaling.Parameters["TEms"]);
        Assert.Equal(2000, scaling.Parameters["TRms"]);
    }

    [Fact]
    public void Corrected_PureWhiteMatterAt3T_GasparovicFactor()
    {
        // Pure WM, TE 30, TR 2000 at 3 T: WCONC = 55510·exp(−30/79.2)(1 − exp(−2000/832)); ATTMET = exp(−30/226)(1 − exp(−2000/1400)).
        var corrected = TissueWaterScaling.Corrected(new TissueFractions(0, 1, 0), 2.89, 30, 2000, "test", out var whyNot);

        Assert.Null(whyNot);
        var (parameters, scaling) = corrected!.Value;
        double rW = Math.Exp(-30 / 79.2) * (1 - Math.Exp(-2000 / 832.0));
        double rM = Math.Exp(-30 / 226.0) * (1 - Math.Exp(-2000 / 1400.0));
        Assert.Equal(55510 * rW, parameters.WaterConcentrationMm, 6);
        Assert.Equal(1.0, parameters.WaterAttenuation);
        Assert.Equal(rM, parameters.MetaboliteAttenuation, 9);
        Assert.Equal("mM (corrected, molal)", scaling.Unit);
        Assert.True(scaling.Corrected);
        Assert.Equal(79.2, scaling.Parameters["T2waterWMms"]);
    }

    [Fact]
    public void Corrected_CsfInTheVoxel_MetaboliteAttenuationScaledByTissueWaterFraction()
    {
        var corrected = TissueWaterScaling.Corrected(new TissueFractions(0.6, 0.3, 0.1), 3.0, 35, 2000, "test", out _)!.Value;

        // Water fractions: 0.6·0.78, 0.3·0.65, 0.1·0.97 normalised; CSF's = 0.097/0.76 = 0.1276.
        Assert.Equal(0.097 / 0.76, corrected.Scaling.Parameters["waterFractionCSF"], 9);
        double rM = Math.Exp(-35 / 226.0) * (1 - Math.Exp(-2000 / 1400.0));
        Assert.Equal((1 - 0.097 / 0.76) * rM, corrected.Parameters.MetaboliteAttenuation, 9);
    }

    [Theory]
    [InlineData(4.7, null, "no relaxation times for 4.7 T (the table holds 1.5, 3 and 7 T)")]
    [InlineData(3.0, null, "the echo or repetition time is not known")]
    public void Corrected_NoTableOrNoTiming_NullWithReason(double field, double? tr, string reason)
    {
        var corrected = TissueWaterScaling.Corrected(new TissueFractions(0.5, 0.5, 0), field, 30, field == 3.0 ? tr : 2000, "test", out var whyNot);

        Assert.Null(corrected);
        Assert.Equal(reason, whyNot);
    }

    [Fact]
    public void Parse_PercentagesThatDoNotSumToOne_Normalised()
    {
        var t = TissueFractions.Parse("60, 30, 10");

        Assert.Equal(0.6, t.Grey, 12);
        Assert.Equal(0.3, t.White, 12);
        Assert.Equal(0.1, t.Csf, 12);
        Assert.Throws<FormatException>(() => TissueFractions.Parse("0.6,0.4"));
        Assert.Throws<ArgumentException>(() => TissueFractions.Parse("0,0,1"));
    }

    [Theory]
    [InlineData(2.89, 3.0)]
    [InlineData(1.5, 1.5)]
    [InlineData(6.98, 7.0)]
    public void For_ScannerField_NearestTableEntry(double field, double entry)
    {
        Assert.Equal(entry, RelaxationTable.For(field)!.FieldTesla);
    }
}
