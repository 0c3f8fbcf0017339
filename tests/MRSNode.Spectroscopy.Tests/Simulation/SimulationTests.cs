using System.Numerics;
using System.Text.Json;
using MRSNode.Spectroscopy.Processing;
using MRSNode.Spectroscopy.Readers;
using MRSNode.Spectroscopy.Simulation;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Spectroscopy.Tests.Simulation;

[UnitTest]
public class SimulationTests
{
    private static readonly Lazy<BasisSet> _basis = new(() => LcModelBasisReader.Read(TestData.Path("mrs/ismrm2016/press3T_30ms.BASIS")));

    /// <summary>No phase errors, water, lipids or baseline: what the SNR and position checks need.</summary>
    private static readonly SimulationParameters _clean = new()
    {
        ZeroOrderPhase = ValueRange.Fixed(0),
        FirstOrderPhaseDegPerPpm = ValueRange.Fixed(0),
        ResidualWater = false,
        Baseline = false,
    };

    [Fact]
    public void SimulateOne_LipidLine_AddsItsAreaRelativeToCreatineAtTheFirstPoint()
    {
        var noiseFree = _clean with { Snr = ValueRange.Fixed(0) };
        var withLipid = noiseFree with { LipidLines = [new LipidLine(1.31, 2.5, 14, 10)] };

        var plain = new SpectrumSimulator(_basis.Value, noiseFree).SimulateOne(0, 11);
        var lipid = new SpectrumSimulator(_basis.Value, withLipid).SimulateOne(0, 11);

        // Creatine's area: Cr and PCr amplitudes × their basis FIDs' first points (the reference singlet removed).
        var creatine = new[] { "Cr", "PCr" }.Sum(n => lipid.Truth.Amplitudes[n] * BasisReferenceLine.Remove(_basis.Value.Find(n)!, _basis.Value.Axis)[0].Magnitude);
        var added = Assert.Single(lipid.Truth.LipidLines);
        Assert.Equal(2.5 * creatine, added.Area, 1e-9 * creatine);
        Assert.Equal(added.Area, (lipid.Acquisition.Data[0] - plain.Acquisition.Data[0]).Real, 1e-6 * added.Area);
    }

    [Fact]
    public void Simulate_SameSeed_IdenticalSpectraAndTruth()
    {
        var simulator = new SpectrumSimulator(_basis.Value);

        var a = simulator.Simulate(3, 42);
        var b = new SpectrumSimulator(_basis.Value).Simulate(3, 42);
        var c = simulator.Simulate(3, 43);

        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(a[i].Acquisition.Data, b[i].Acquisition.Data);
        }
        Assert.Equal(SimulationWriter.TruthJson(a.Select(s => s.Truth)), SimulationWriter.TruthJson(b.Select(s => s.Truth)));
        Assert.NotEqual(a[0].Acquisition.Data, c[0].Acquisition.Data);
    }

    [Fact]
    public void Simulate_Defaults_TruthWithinRangesAndEveryBasisEntry()
    {
        var p = new SimulationParameters();
        var spectra = new SpectrumSimulator(_basis.Value, p).Simulate(20, 1);

        foreach (var s in spectra)
        {
            var t = s.Truth;
            Assert.Equal(20, t.Amplitudes.Count); // 21 entries less "Mac"
            foreach (var (name, value) in t.Amplitudes)
            {
                var range = p.Amplitudes[name];
                Assert.InRange(value, range.Min, range.Max);
                Assert.InRange(t.ShiftsHz[name], -3, 3);
                Assert.InRange(t.DampingsHz[name], 2, 10);
            }
            double ratio = t.Amplitudes["NAA"] / (t.Amplitudes["Cr"] + t.Amplitudes["PCr"]);
            Assert.InRange(ratio, 0.6, 1.7);
            Assert.InRange(t.MmScale, 0.7, 1.3);
            Assert.InRange(t.ZeroOrderPhaseRad, -Math.PI, Math.PI);
            Assert.InRange(t.WaterPpm, 4.65, 4.75);
            Assert.Equal(4, t.BaselineCoefficients.Count);
            Assert.Equal(4096, s.Acquisition.Points);
            Assert.Equal(4000, s.Acquisition.SpectralWidthHz, 0);
        }
    }

    [Fact]
    public void Simulate_CleanNoPhase_NaaAt2p01()
    {
        var s = new SpectrumSimulator(_basis.Value, _clean with { Snr = ValueRange.Fixed(1000) }).SimulateOne(0, 5);

        double naa = FidMath.PeakPpm(s.Acquisition.Fid(), s.Acquisition.Axis, 1.8, 2.2);

        Assert.InRange(naa, 1.97, 2.05);
    }

    [Theory]
    [InlineData(10)]
    [InlineData(50)]
    public void Simulate_RequestedSnr_MeasuredNaaSnrWithin15Percent(double snr)
    {
        var spectra = new SpectrumSimulator(_basis.Value, _clean with { Snr = ValueRange.Fixed(snr) }).Simulate(10, 9);

        double measured = spectra.Average(s => FidMath.NaaSnr(s.Acquisition.Fid(), s.Acquisition.Axis));

        Console.WriteLine($"simulated SNR {snr}: measured {measured:F2}");
        Assert.InRange(measured / snr, 0.85, 1.15);
        Assert.All(spectra, s => Assert.Equal(snr, s.Truth.Snr));
    }

    [SlowTest]
    [Fact]
    public void Simulate_OtherSpectralWidthAndPoints_ResampledNaaStillAt2p01()
    {
        var p = _clean with { Snr = ValueRange.Fixed(1000), SpectralWidthHz = 2000, Points = 2048 };

        var s = new SpectrumSimulator(_basis.Value, p).SimulateOne(0, 3);

        Assert.Equal(2048, s.Acquisition.Points);
        Assert.Equal(2000, s.Acquisition.SpectralWidthHz);
        Assert.InRange(FidMath.PeakPpm(s.Acquisition.Fid(), s.Acquisition.Axis, 1.8, 2.2), 1.97, 2.05);
    }

    [Fact]
    public void Simulate_LipidsAndWater_AddPeaksAt1p3And4p7()
    {
        var p = _clean with
        {
            Snr = ValueRange.Fixed(1000),
            Lipids = true,
            LipidAmplitude = ValueRange.Fixed(3),
            ResidualWater = true,
            WaterAmplitude = ValueRange.Fixed(20),
        };

        var s = new SpectrumSimulator(_basis.Value, p).SimulateOne(0, 8);

        var a = s.Acquisition;
        Assert.Equal(2, s.Truth.Lipids.Count);
        Assert.InRange(FidMath.PeakPpm(a.Fid(), a.Axis, 1.1, 1.5), 1.25, 1.35);
        Assert.InRange(FidMath.PeakPpm(a.Fid(), a.Axis, 4.4, 5.0), s.Truth.WaterPpm - 0.02, s.Truth.WaterPpm + 0.02);
        Assert.True(a.Axis.MaxMagnitude(a.Fid(), 4.4, 5.0) > 5 * a.Axis.MaxMagnitude(a.Fid(), 1.9, 2.1));
    }

    [Fact]
    public void Simulate_ZeroOrderPhaseInTruth_PhasingMovesByMinusTruthWithin2Degrees()
    {
        // The same seed draws the same everything; only the phase range differs. The absolute estimate is biased
        // by NAAG, MM and Glx overlapping NAA (≈ 26° here), so the test compares the phased with the unphased draw.
        var phased = new SpectrumSimulator(_basis.Value, _clean with { Snr = ValueRange.Fixed(500), ZeroOrderPhase = new ValueRange(-Math.PI, Math.PI) }).SimulateOne(0, 21);
        var unphased = new SpectrumSimulator(_basis.Value, _clean with { Snr = ValueRange.Fixed(500), ZeroOrderPhase = ValueRange.Fixed(0) }).SimulateOne(0, 21);

        var (_, withPhase) = new Phasing(ReferencePeak.Naa).Apply(phased.Acquisition);
        var (_, without) = new Phasing(ReferencePeak.Naa).Apply(unphased.Acquisition);

        double error = withPhase["ZeroOrderDeg"] - without["ZeroOrderDeg"] + phased.Truth.ZeroOrderPhaseRad * 180 / Math.PI;
        Assert.InRange(Math.Abs(error - 360 * Math.Round(error / 360)), 0, 2);
        Assert.InRange(Math.Abs(phased.Truth.ZeroOrderPhaseRad), 0.1, Math.PI);
    }

    [Fact]
    public void Writer_LcModel_ReadsBackWithSidecar()
    {
        var dir = TempDir();
        var spectra = new SpectrumSimulator(_basis.Value).Simulate(2, 4);

        var paths = SimulationWriter.Write(spectra, dir, SimulationFormat.LcModel);

        var back = Assert.Single(new LcModelRawReader().Read(paths[1], MrsReadOptions.Default));
        var original = spectra[1].Acquisition;
        Assert.Equal(original.SpectralWidthHz, back.SpectralWidthHz, 9);
        Assert.Equal(original.TransmitterFrequencyMHz, back.TransmitterFrequencyMHz, 6);
        Assert.Equal(original.EchoTimeMs, back.EchoTimeMs);
        Assert.Equal(original.Points, back.Points);
        double scale = original.Data.Max(v => v.Magnitude);
        Assert.InRange(MaxDifference(original.Data, back.Data) / scale, 0, 1e-7);
        Assert.Equal(2, JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "truth.json"))).RootElement.GetArrayLength());
    }

    [Fact]
    public void Writer_Nifti_ReadsBackExactly()
    {
        var dir = TempDir();
        var spectra = new SpectrumSimulator(_basis.Value).Simulate(2, 4);

        var paths = SimulationWriter.Write(spectra, dir, SimulationFormat.Nifti);

        var back = Assert.Single(new NiftiMrsReader().Read(paths[0], MrsReadOptions.Default));
        var original = spectra[0].Acquisition;
        Assert.Equal(original.Data, back.Data);
        Assert.Equal(original.SpectralWidthHz, back.SpectralWidthHz, 9);
        Assert.Equal(original.TransmitterFrequencyMHz, back.TransmitterFrequencyMHz, 9);
        Assert.Equal(original.EchoTimeMs, back.EchoTimeMs);
        Assert.Equal(4.65, back.ReferencePpm);
        Assert.Equal("NIfTI-MRS", MrsFormats.Default.Detect(paths[0]).FormatName);
    }

    [Fact]
    public void Writer_Dicom_ReadsBackAndSameSeedGivesIdenticalBytes()
    {
        var dir1 = TempDir();
        var dir2 = TempDir();

        var paths1 = SimulationWriter.Write(new SpectrumSimulator(_basis.Value).Simulate(2, 6), dir1, SimulationFormat.Dicom);
        var paths2 = SimulationWriter.Write(new SpectrumSimulator(_basis.Value).Simulate(2, 6), dir2, SimulationFormat.Dicom);

        Assert.Equal(File.ReadAllBytes(paths1[1]), File.ReadAllBytes(paths2[1]));
        var back = Assert.Single(MrsFormats.Default.Read(paths1[0]));
        var original = new SpectrumSimulator(_basis.Value).Simulate(1, 6)[0].Acquisition;
        Assert.Equal(original.Points, back.Points);
        Assert.Equal(original.SpectralWidthHz, back.SpectralWidthHz, 3);
        double scale = original.Data.Max(v => v.Magnitude);
        // DICOM MRS stores 32-bit floats.
        Assert.InRange(MaxDifference(original.Data, back.Data) / scale, 0, 1e-6);
        Assert.Equal(2.01, FidMath.PeakPpm(back.Fid(), back.Axis, 1.9, 2.1), 1);
    }

    [Fact]
    public void Components_PhasedBroadenedNoiseFree_AmplitudeWeightedSumIsTheSimulatedFid()
    {
        // Phases, Gaussian and per-metabolite lineshapes on; no water, baseline or noise: the FID is the components' sum.
        var parameters = new SimulationParameters { ResidualWater = false, Baseline = false, Snr = ValueRange.Fixed(double.PositiveInfinity) };
        var simulator = new SpectrumSimulator(_basis.Value, parameters);
        var spectrum = simulator.Simulate(2, 11)[1];
        Assert.NotEqual(0, spectrum.Truth.ZeroOrderPhaseRad);
        Assert.True(spectrum.Truth.GaussianHz > 0);

        var components = simulator.Components(spectrum.Truth);
        var fid = spectrum.Acquisition.Fid().ToArray();
        var sum = new Complex[fid.Length];
        foreach (var (name, component) in components)
        {
            double a = name == "Mac" ? spectrum.Truth.MmScale : spectrum.Truth.Amplitudes[name];
            for (int t = 0; t < sum.Length; t++)
            {
                sum[t] += a * component[t];
            }
        }

        Assert.Equal(_basis.Value.Metabolites.Count, components.Count);
        Assert.True(MaxDifference(fid, sum) < 1e-9 * fid.Max(z => z.Magnitude), $"max difference {MaxDifference(fid, sum)}");
        // A component moved by its own shift: its spectrum peaks elsewhere than the unshifted one would.
        Assert.NotEqual(0, spectrum.Truth.ShiftsHz["NAA"]);
    }

    [Fact]
    public void LipidLineComponents_WithTheMetabolites_SumToTheSimulatedFid()
    {
        // Two Voigt lipid lines on a phased, broadened spectrum: each component is one line at its simulated area.
        var parameters = new SimulationParameters
        {
            ResidualWater = false,
            Baseline = false,
            Snr = ValueRange.Fixed(double.PositiveInfinity),
            LipidLines = [new LipidLine(1.31, 3, 14, 10), new LipidLine(0.91, 1, 14, 10)],
        };
        var simulator = new SpectrumSimulator(_basis.Value, parameters);
        var spectrum = simulator.Simulate(2, 11)[1];

        var lipids = simulator.LipidLineComponents(spectrum.Truth);
        var sum = new Complex[spectrum.Acquisition.Points];
        foreach (var (name, component) in simulator.Components(spectrum.Truth))
        {
            double a = name == "Mac" ? spectrum.Truth.MmScale : spectrum.Truth.Amplitudes[name];
            for (int t = 0; t < sum.Length; t++)
            {
                sum[t] += a * component[t];
            }
        }
        foreach (var line in lipids)
        {
            for (int t = 0; t < sum.Length; t++)
            {
                sum[t] += line[t];
            }
        }

        Assert.Equal(2, lipids.Count);
        var fid = spectrum.Acquisition.Fid().ToArray();
        Assert.True(MaxDifference(fid, sum) < 1e-9 * fid.Max(z => z.Magnitude), $"max difference {MaxDifference(fid, sum)}");
        // Before the phases, each line's first point is its area: the 1.31 ppm line three times the 0.91 ppm one.
        Assert.Equal(3, spectrum.Truth.LipidLines[0].Area / spectrum.Truth.LipidLines[1].Area, 1e-9);
    }

    private static double MaxDifference(Complex[] a, Complex[] b) => a.Zip(b, (x, y) => (x - y).Magnitude).Max();

    private static string TempDir()
    {
        var dir = Path.Combine(Path.GetTempPath(), "mrsnode-sim-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }
}
