using System.Numerics;
using MathNet.Numerics.LinearAlgebra;
using MRSNode.SpinSimulation.Pulses;
using MRSNode.SpinSimulation.Sequences;
using MRSNode.SpinSimulation.SpinSystems;

namespace MRSNode.SpinSimulation.Engine;

/// <summary>
/// Runs a <see cref="PulseProgram"/> on a metabolite's spin systems and returns its spectral lines.
/// <para>Normalisation: the signal is Tr(ρ F⁺)/2^(n−2) from ρ₀ = Fz in the 2^n-state space of n spins (Tr(Ixᵢ F⁺) =
/// 2^(n−2) per proton), so N uncoupled protons refocused by a full spin echo give a line of amplitude N (FID(0) = N,
/// real and positive), times the group weight and the run weight.</para>
/// </summary>
internal sealed class PulseProgramRunner(double frequencyMHz, double referencePpm)
{
    public List<SpectralLine> Lines(MetaboliteSpinSystem metabolite, PulseProgram program, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(metabolite);
        ArgumentNullException.ThrowIfNull(program);
        var lines = new List<SpectralLine>();
        // A heteronucleus (31P, 14N) the pulses do not touch: one proton-only run per spin state of it.
        foreach (var group in metabolite.Groups.SelectMany(g => g.ProtonOnlyStates(frequencyMHz)))
        {
            foreach (var spins in SpinGroupExpansion.Expand(group, metabolite.Name))
            {
                cancellationToken.ThrowIfCancellationRequested();
                AddLines(spins, program, lines, cancellationToken);
            }
        }
        return lines;
    }

    public void AddLines(CoupledSpins spins, PulseProgram program, List<SpectralLine> lines, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spins);
        ArgumentNullException.ThrowIfNull(program);
        var frame = EigenFrame.Of(spins, frequencyMHz, referencePpm);
        var raising = frame.ToFrame(ProductBasis.RaisingOperator(spins.Count));
        var rotations = new Dictionary<PulseStep, Matrix<Complex>>();
        var shaped = new ShapedRotations(frame, () => new ShapedPulsePropagator(spins, frequencyMHz, referencePpm));
        foreach (var run in program.Runs)
        {
            var rho = Apply(new DensityMatrix(frame), run.Steps, 0, rotations, shaped, cancellationToken);
            rho.AddTransitions(raising, 4.0 / spins.Dimension * spins.Weight * run.Weight, lines);
        }
    }

    private static DensityMatrix Apply(DensityMatrix rho, IReadOnlyList<SequenceStep> steps, double positionOffsetHz,
        Dictionary<PulseStep, Matrix<Complex>> rotations, ShapedRotations shaped, CancellationToken cancellationToken)
    {
        var spins = shaped.Frame.Spins;
        foreach (var step in steps)
        {
            cancellationToken.ThrowIfCancellationRequested();
            switch (step)
            {
                case PulseStep pulse:
                    if (!rotations.TryGetValue(pulse, out var rotation))
                    {
                        rotation = shaped.Frame.ToFrame(ProductBasis.Rotation(spins.Count, pulse.FlipDegrees * Math.PI / 180,
                            pulse.PhaseDegrees * Math.PI / 180, i => pulse.Band?.Contains(spins.ShiftsPpm[i]) ?? true));
                        rotations.Add(pulse, rotation);
                    }
                    rho.Rotate(rotation);
                    break;
                case ShapedPulseStep pulse:
                    rho.Rotate(shaped.Rotation(pulse, positionOffsetHz));
                    break;
                case PositionAverageStep average:
                    // Linear in ρ: averaging here and running the later steps once equals averaging their signals.
                    rho = DensityMatrix.WeightedSum(average.OffsetsHz
                        .Select(offset => Apply(rho.Copy(), average.Steps, positionOffsetHz + offset, rotations, shaped, cancellationToken))
                        .ToList(), average.WeightPerPosition);
                    break;
                case EvolutionStep evolution:
                    rho.Evolve(evolution.Milliseconds / 1000);
                    break;
                case CoherenceFilterStep filter:
                    rho.KeepCoherenceOrder(filter.Order);
                    break;
                default:
                    throw new NotSupportedException($"sequence step {step.GetType().Name}");
            }
        }
        return rho;
    }

    /// <summary>Shaped-pulse propagators in the eigenframe, each computed once per spin system and position.</summary>
    private sealed class ShapedRotations(EigenFrame frame, Func<ShapedPulsePropagator> createPropagator)
    {
        private readonly Dictionary<(ShapedPulseStep, double), Matrix<Complex>> _cache = [];
        private ShapedPulsePropagator? _propagator;

        public EigenFrame Frame { get; } = frame;

        public Matrix<Complex> Rotation(ShapedPulseStep step, double positionOffsetHz)
        {
            if (!_cache.TryGetValue((step, positionOffsetHz), out var rotation))
            {
                _propagator ??= createPropagator();
                rotation = Frame.ToFrame(_propagator.Propagator(step.Pulse, step.PhaseDegrees * Math.PI / 180, positionOffsetHz));
                _cache.Add((step, positionOffsetHz), rotation);
            }
            return rotation;
        }
    }
}
