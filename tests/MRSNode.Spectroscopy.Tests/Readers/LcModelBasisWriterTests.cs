using MRSNode.Spectroscopy.Readers;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Spectroscopy.Tests.Readers;

[UnitTest]
public class LcModelBasisWriterTests
{
    private static readonly Lazy<BasisSet> _ismrm = new(() => LcModelBasisReader.Read(TestData.Path("mrs/ismrm2016/press3T_30ms.BASIS")));

    private static BasisSet Synthetic(double referencePpm = 4.65) => new(
        [
            new BasisMetabolite("NAA", Fortran.Singlets(1024, 4000, 123.2, referencePpm, (2.008, 1.0), (0.0, 0.1))),
            new BasisMetabolite("Cr", Fortran.Singlets(1024, 4000, 123.2, referencePpm, (3.027, 3.0), (3.913, 2.0))),
        ], 123.2, 0.00025, 1024, 35, "simulated: PRESS TE 35")
    {
        ReferencePpm = referencePpm,
        Sequence = "PRESS",
    };

    private static BasisSet RoundTrip(BasisSet basis, LcModelBasisHeader? header = null)
    {
        var path = Path.Combine(TestData.NewTempFolder(), "out.BASIS");
        LcModelBasisWriter.Write(basis, path, header);
        return LcModelBasisReader.Read(path);
    }

    [Fact]
    public void Write_ThenRead_SameFidsToFloatPrecisionAndHeader()
    {
        var basis = Synthetic();

        var back = RoundTrip(basis);

        Assert.Equal(["NAA", "Cr"], back.Metabolites.Select(m => m.Name));
        Assert.Equal(1024, back.Points);
        Assert.Equal(0.00025, back.DwellTimeSeconds, 15);
        Assert.Equal(123.2, back.FrequencyMHz, 12);
        Assert.Equal(35.0, back.EchoTimeMs);
        Assert.Equal("PRESS", back.Sequence);
        Assert.Equal(4.65, back.ReferencePpm);
        foreach (var m in basis.Metabolites)
        {
            Assert.True(SpectrumCheck.RelativeDifference(m.Fid, back.Find(m.Name)!.Fid) < 1e-7, m.Name);
        }
    }

    [Fact]
    public void Write_Ismrm2016Basis_ReadBackGivesTheSameFids()
    {
        var basis = _ismrm.Value;

        var back = RoundTrip(basis);

        Assert.Equal(basis.Metabolites.Select(m => m.Name), back.Metabolites.Select(m => m.Name));
        Assert.Equal(basis.FrequencyMHz, back.FrequencyMHz, 12);
        Assert.Equal(basis.DwellTimeSeconds, back.DwellTimeSeconds, 15);
        Assert.All(basis.Metabolites, m => Assert.True(SpectrumCheck.RelativeDifference(m.Fid, back.Find(m.Name)!.Fid) < 1e-7, m.Name));
    }

    [Fact]
    public void ToText_Header_HasLcModelKeysInOrder()
    {
        var text = LcModelBasisWriter.ToText(Synthetic(), new LcModelBasisHeader { Id = "sim 'x'", LinewidthPpm = 0.02 });
        var lines = text.Split('\n');

        Assert.Equal([" $SEQPAR", " FWHMBA = 0.02,", " HZPPPM = 123.2,", " ECHOT = 35,", " SEQ = 'PRESS'", " $END", " $BASIS1",
            " IDBASI = 'sim ''x''',", " FMTBAS = '(6E17.9)',", " BADELT = 0.00025,", " NDATAB = 1024", " $END", " $NMUSED"], lines[..13]);
        Assert.Contains(" $BASIS\n ID = 'NAA',\n METABO = 'NAA',\n CONC = 1.,\n TRAMP = 1.,\n VOLUME = 1.,\n ISHIFT = 0\n $END\n", text, StringComparison.Ordinal);
        Assert.Equal(2 * 341, lines.Count(l => l.Length == 6 * 17)); // 2048 numbers per entry: 341 full lines of six and one of two
        Assert.Equal(2, lines.Count(l => l.Length == 2 * 17 && !l.Contains('=', StringComparison.Ordinal)));
    }

    [Fact]
    public void Write_ReferenceNotLcModelCentre_LinesStayAtTheirPpm()
    {
        var basis = Synthetic(referencePpm: 4.7);

        var back = RoundTrip(basis);

        Assert.Equal(4.65, back.ReferencePpm);
        // Unshifted, every line would sit 0.05 ppm off; what remains is the peak finder's bin interpolation.
        Assert.Equal(2.008, SpectrumCheck.PeakPpm(back.Find("NAA")!.Fid, back.Axis, 1.9, 2.1), 0.01);
        Assert.Equal(3.027, SpectrumCheck.PeakPpm(back.Find("Cr")!.Fid, back.Axis, 2.9, 3.1), 0.01);
    }

    [Theory]
    [InlineData(1.0, "  0.100000000E+01")]
    [InlineData(-0.00123456789, " -0.123456789E-02")]
    [InlineData(0.0, "  0.000000000E+00")]
    [InlineData(9.999999999e5, "  0.100000000E+07")]
    [InlineData(1e-120, "  0.000000000E+00")]
    public void FortranE_Values_FixedWidthSeventeen(double value, string expected)
    {
        Assert.Equal(expected, LcModelBasisWriter.FortranE(value));
    }
}
