using MRSNode.Spectroscopy;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Quantification.Tests;

[UnitTest]
public class MacromoleculeLibraryTests
{
    private static readonly SpectralAxis Axis = new(2048, 2000, 123.2, 4.65);

    [Fact]
    public void Fid_VoigtLine_LorentzianTimesGaussianDecayWithTheAreaAtTheFirstPoint()
    {
        var component = new ParametricComponent("Lip", [new GaussianLine(4.65, 0.05, 2, 0.08)]);

        var fid = MacromoleculeLibrary.Fid(component, Axis, 3);

        double t = 100 / Axis.SpectralWidthHz, g = 0.05 * Axis.FrequencyMHz, l = 0.08 * Axis.FrequencyMHz;
        Assert.Equal(6, fid[0].Real, 12);
        // On resonance (4.65 ppm) the FID is real: 6·exp(−π·L·t − π²G²t²/(4 ln 2)).
        Assert.Equal(6 * Math.Exp(-Math.PI * l * t - Math.PI * Math.PI * g * g * t * t / (4 * Math.Log(2))), fid[100].Real, 12);
        Assert.Equal(0, fid[100].Imaginary, 12);
    }

    [Fact]
    public void LipidRich_NoNarrowLipidLineOffLcModelsLip13b()
    {
        // Narrow 1.3 ppm lines beside 1.28 ppm combine into the lactate doublet (1.28/1.34 ppm) and traded with it.
        var narrow = MacromoleculeLibrary.LipidRich
            .Where(c => c.Lines.Any(l => l.FwhmPpm + l.LorentzFwhmPpm < 0.15 && l.Ppm is > 1.1 and < 1.5))
            .Select(c => c.Name);

        Assert.Equal(["Lip13b"], narrow);
    }

    [Fact]
    public void LipidRichLongEcho_NoMacromoleculeAndNoExtraGaussianLipidNearLactate()
    {
        // At long TE the macromolecules have decayed, and each further 1.3 ppm shape trades with the inverted lactate doublet.
        var names = MacromoleculeLibrary.LipidRichLongEcho.Select(c => c.Name).ToList();

        Assert.DoesNotContain(names, n => n.StartsWith("MM", StringComparison.Ordinal));
        Assert.Equal(["Lip13a", "Lip13b", "Lip13v", "Lip13u"], names.Where(n => n.StartsWith("Lip13", StringComparison.Ordinal)));
        Assert.All(MacromoleculeLibrary.LipidRichLongEcho, c => Assert.Contains(c, MacromoleculeLibrary.LipidRich));
    }

    [Fact]
    public void NarrowLipids_LipidRichPlusFatWithItsAllylicLineTied()
    {
        var added = MacromoleculeLibrary.NarrowLipids.Except(MacromoleculeLibrary.LipidRich).ToList();

        Assert.Equal(MacromoleculeLibrary.LipidRich.Count + 3, MacromoleculeLibrary.NarrowLipids.Count);
        Assert.Equal(["Lip13n", "Lip13m", "Lip09n"], added.Select(c => c.Name));
        Assert.All(added.SelectMany(c => c.Lines), l => Assert.Equal((0.03, 0.05), (l.FwhmPpm, l.LorentzFwhmPpm)));
        // The fat's 2.03 ppm line beside NAA's 2.01 moves only with its 1.30 ppm line, in adipose tissue's ratio (0.097).
        var fat = added[0].Lines;
        Assert.Equal([1.30, 2.03], fat.Select(l => l.Ppm));
        Assert.Equal(0.0966, fat[1].RelativeArea / fat[0].RelativeArea, 4);
    }
}
