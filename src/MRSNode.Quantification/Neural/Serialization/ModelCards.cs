using System.Globalization;
using MRSNode.Quantification.Neural.Models;
using MRSNode.Spectroscopy;
using MRSNode.Spectroscopy.Simulation;

namespace MRSNode.Quantification.Neural.Serialization;

/// <summary>Writes the card of a model (the echo time and sequence from the caller when the basis file does not carry them).</summary>
public static class ModelCards
{
    /// <summary>Proton gyromagnetic ratio / 2π, MHz per tesla.</summary>
    private const double ProtonMHzPerTesla = 42.577;

    public static ModelCard Describe(string name, NeuralModel model, string basisPath, BasisSet basis, SimulationParameters simulation, TrainingCard training, ValidationResult? validation,
        ValidationCard? validationSettings = null, double? echoTimeMs = null, string sequence = "PRESS")
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(basis);
        ArgumentNullException.ThrowIfNull(simulation);
        var g = model.Basis.Grid;
        PhysicsCard? physics = null;
        if (model is QNetModel q)
        {
            var h = q.Head;
            physics = new PhysicsCard([h.Phase1.Centre, h.Phase1.HalfWidth], [h.Shift.Centre, h.Shift.HalfWidth], [h.Damping.Centre, h.Damping.HalfWidth],
                [h.Gaussian.Centre, h.Gaussian.HalfWidth], q.Physics.BaselineTerms, q.Physics.PivotPpm, q.Physics.Ridge);
        }
        return new ModelCard
        {
            Name = name,
            Kind = model.Kind,
            BasisFile = Path.GetFileName(basisPath),
            BasisSha256 = NeuralModelFactory.Sha256(basisPath),
            Names = model.Names,
            Groups = model.Basis.Groups,
            Acquisition = new AcquisitionCard(basis.FrequencyMHz, Math.Round(basis.FrequencyMHz / ProtonMHzPerTesla, 2), echoTimeMs ?? basis.EchoTimeMs, sequence),
            Grid = new GridCard(g.FrequencyMHz, g.ReferencePpm, g.Points, g.SpanPpm, g.LowPpm, g.HighPpm),
            Kappa = model.Basis.Kappa,
            Channels = model.Spec.Channels,
            Hidden = model.Spec.Hidden,
            Physics = physics,
            LossWeights = model.LossWeights,
            Training = training with { Simulation = training.Simulation.Count > 0 ? training.Simulation : SimulationSummary(simulation) },
            // A freshly trained model is validated on simulated spectra only: advisory until someone validates it in vivo and says so in its card.
            Validity = new ModelValidityCard { Validated = false, Statement = "trained and tested on simulated spectra only; not validated in vivo" },
            Domain = TrainingDomainCard.FromSimulation(training.Simulation.Count > 0 ? training.Simulation : SimulationSummary(simulation)),
            Validation = validation is null ? null : (validationSettings ?? new ValidationCard()) with
            {
                Loss = validation.Loss,
                SmapePercent = validation.SmapePercent,
                MeanSmapePercent = validation.MeanSmapePercent,
            },
            EngineVersion = NeuralModelFactory.EngineVersion,
        };
    }

    /// <summary>The simulation ranges as text (amplitudes per entry, then every other setting).</summary>
    public static IReadOnlyDictionary<string, string> SimulationSummary(SimulationParameters p)
    {
        ArgumentNullException.ThrowIfNull(p);
        static string R(ValueRange r) => string.Create(CultureInfo.InvariantCulture, $"[{r.Min:G4}, {r.Max:G4}]");
        var d = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["frequencyShiftHz"] = R(p.FrequencyShiftHz),
            ["dampingHz"] = R(p.DampingHz),
            ["gaussianHz"] = R(p.GaussianHz),
            ["zeroOrderPhaseRad"] = R(p.ZeroOrderPhase),
            ["firstOrderPhaseDegPerPpm"] = R(p.FirstOrderPhaseDegPerPpm),
            ["snr"] = R(p.Snr),
            ["mmScale"] = R(p.MmScale),
            ["mmExtraDampingHz"] = R(p.MmExtraDampingHz),
            ["basisReference"] = p.RemoveBasisReference ? "removed" : "kept",
            ["lipids"] = p.Lipids ? "amplitude " + R(p.LipidAmplitude) + ", width Hz " + R(p.LipidWidthHz) : "no",
            ["residualWater"] = p.ResidualWater ? "amplitude " + R(p.WaterAmplitude) + ", damping Hz " + R(p.WaterDampingHz) : "no",
            ["baseline"] = p.Baseline ? string.Create(CultureInfo.InvariantCulture, $"order {p.BaselineOrder}, coefficients {R(p.BaselineCoefficient)}") : "no",
        };
        foreach (var (name, range) in p.Amplitudes)
        {
            d["amplitude." + name] = R(range);
        }
        return d;
    }
}
