using MRSNode.Neural.Backend;
using MRSNode.Pipeline.Composition;
using MRSNode.Quantification.Results;
using MRSNode.Spectroscopy;
using MRSNode.Spectroscopy.Readers;
using MRSNode.Spectroscopy.Simulation;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Pipeline.Tests;

/// <summary>
/// The neural second opinion with the shipped config and model (issue 20's must-show): the clean Siemens TE 30 scan is
/// reliable and "both" changes nothing; a lactate of 3.8 stays a finding, the model is out of its domain.
/// </summary>
[SlowTest]
public class QuantificationPipelineAdvisoryTests
{
    private static QuantificationOutcome Run(MethodSelection method, string file, string? basis = null)
    {
        var settings = new PipelineSettings { ConfigDirectory = ShippedConfig.ConfigDirectory, Method = method };
        using var composed = new PipelineComposer(new CpuBackendFactory()).Compose(settings);
        return composed.Run(settings.Request([file]) with { BasisFile = basis });
    }

    private static List<(string, MetaboliteFlag)> Flags(QuantificationOutcome o) => o.Report.Metabolites.Select(m => (m.Name, m.Flag)).ToList();

    [Fact]
    public void Run_CleanSiemensTe30_ReliableWithLcmAndBothChangesNoFlagOrVerdict()
    {
        var file = TestData.Path("dicom/siemens-csa-svs30.ima");

        var lcm = Run(MethodSelection.Lcm, file);
        var both = Run(MethodSelection.Both, file);

        Assert.Equal(StudyVerdict.Reliable, lcm.Report.Verdict);
        Assert.Null(lcm.Report.NeuralAdvisory);
        Assert.NotNull(both.Report.Neural);
        Assert.False(both.Report.NeuralAdvisory!.MayLowerConfidence);
        Assert.Contains(both.Report.NeuralAdvisory.Status, new[] { NeuralAdvisor.OutOfDomain, NeuralAdvisor.NotValidated });
        Assert.Equal(lcm.Report.Verdict, both.Report.Verdict);
        Assert.Equal(Flags(lcm), Flags(both));
        Assert.DoesNotContain(both.Report.Metabolites, m => m.FlagReason?.Contains("methods differ", StringComparison.Ordinal) == true);
    }

    [Fact]
    public void Run_Lactate3Point8WithBoth_LactateStaysReliableAndTheModelIsOutOfDomain()
    {
        var basisPath = ShippedConfig.Path("basis-sets/press3T_30ms.BASIS");
        var basis = LcModelBasisReader.Read(basisPath);
        var amplitudes = SimulationParameters.DefaultAmplitudes.ToDictionary(
            kv => kv.Key, kv => ValueRange.Fixed(string.Equals(kv.Key, "Lac", StringComparison.OrdinalIgnoreCase) ? 3.8 : (kv.Value.Min + kv.Value.Max) / 2), StringComparer.OrdinalIgnoreCase);
        var simulated = new SpectrumSimulator(basis, QcSimulation.Clean with { Amplitudes = amplitudes }).SimulateOne(0, 2016).Acquisition;
        var spectrum = new MrsAcquisition(simulated.Data, simulated.Points)
        {
            SpectralWidthHz = simulated.SpectralWidthHz,
            TransmitterFrequencyMHz = simulated.TransmitterFrequencyMHz,
            ReferencePpm = simulated.ReferencePpm,
            EchoTimeMs = 30, // the basis's TE: the simulator states none
            Provenance = simulated.Provenance,
        };
        var file = Path.Combine(TestData.NewTempFolder(), "lac38.nii");
        SimulationWriter.WriteNifti(spectrum, file);

        var outcome = Run(MethodSelection.Both, file, basisPath);

        var lac = outcome.Report.Metabolites.Single(m => m.Name == "Lac");
        Assert.DoesNotContain(lac.Flag, new[] { MetaboliteFlag.Unreliable, MetaboliteFlag.NotDetected });
        Assert.InRange(lac.RatioToTCr!.Value, 0.3, 0.45); // truth 3.8 / 10.18
        Assert.Equal(NeuralAdvisor.OutOfDomain, outcome.Report.NeuralAdvisory!.Status);
        Assert.Contains("Lac/tCr", outcome.Report.NeuralAdvisory.Explanation, StringComparison.Ordinal);
        Assert.Contains(outcome.Report.Reasons, r => r.StartsWith("neural second opinion out of domain", StringComparison.Ordinal));
    }
}
