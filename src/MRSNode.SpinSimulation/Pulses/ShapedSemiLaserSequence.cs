using System.Globalization;
using MRSNode.SpinSimulation.Sequences;

namespace MRSNode.SpinSimulation.Pulses;

/// <summary>
/// Semi-LASER with shaped refocusing: ideal 90° excitation (the slice it selects is taken as uniform), then four HS1
/// adiabatic full passages centred at τ, 3τ, 5τ, 7τ (τ = TE/8, as the ideal <see cref="SemiLaserSequence"/>), in two
/// identical pairs whose second pulse cancels the first's position-dependent phase. Each pair selects one slice
/// direction: the signal is averaged over <see cref="SpatialPoints"/> positions across the slice of each pair (a
/// 2-D grid, run as two 1-D averages since everything after the first pair is linear in ρ), each position a gradient
/// offset added to every spin during that pair's pulses. The crushers are coherence filters: every AFP takes p → −p.
/// The carrier sits at <see cref="CarrierPpm"/>, so spins away from it see the slice displaced (chemical-shift
/// displacement) and coupled partners at the slice edges are refocused unequally, as in the scanner.
/// </summary>
public sealed class ShapedSemiLaserSequence : IShapedPulseSequence
{
    /// <summary>Positions per slice direction when the request does not say: see docs/benchmarks.md for the cost.</summary>
    public const int DefaultSpatialPoints = 8;

    /// <summary>Where scanners centre sLASER's RF for metabolite spectra (the middle of 0.2–4.2 ppm, near Cr/Cho).</summary>
    public const double CarrierPpm = 3.0;

    public const double AfpDurationMs = 4.5;

    public const double AfpBandwidthTimeProduct = 20;

    /// <summary>Peak B1 (Hz): at R 20 / 4.5 ms, 1.5 kHz leaves Mz at −0.986 on resonance, 2 kHz at −0.9997.</summary>
    public const double AfpPeakB1Hz = 2000;

    /// <summary>The positions span this many slice widths, so the profile's transition bands lie inside the grid.</summary>
    public const double GridExtentSlices = 1.5;

    public const int AfpSteps = 256;

    private readonly ShapedPulseStep _afp;
    private readonly double _frequencyMHz;
    private readonly double _referencePpm;

    public ShapedSemiLaserSequence(double echoTimeMs, double frequencyMHz, double referencePpm, int spatialPoints)
    {
        EchoTimeMs = IdealPulses.CheckTime(echoTimeMs, "TE");
        if (EchoTimeMs / 8 < AfpDurationMs / 2)
        {
            throw new ArgumentOutOfRangeException(nameof(echoTimeMs), echoTimeMs,
                $"TE {IdealPulses.Ms(echoTimeMs)} ms is too short for four {IdealPulses.Ms(AfpDurationMs)} ms adiabatic pulses (at least {IdealPulses.Ms(4 * AfpDurationMs)} ms).");
        }
        if (spatialPoints < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(spatialPoints), spatialPoints, "at least one position per slice direction.");
        }
        SpatialPoints = spatialPoints;
        _frequencyMHz = frequencyMHz;
        _referencePpm = referencePpm;
        var hs1 = ShapedPulse.Hs1(AfpDurationMs, AfpBandwidthTimeProduct, AfpPeakB1Hz, AfpSteps);
        Pulse = hs1.ShiftedBy(frequencyMHz * (referencePpm - CarrierPpm), hs1.Description);
        _afp = new ShapedPulseStep(Pulse);
    }

    public double EchoTimeMs { get; }

    public int SpatialPoints { get; }

    public ShapedPulse Pulse { get; }

    /// <summary>The slice's width in Hz of gradient offset: the HS1 band, R/duration.</summary>
    public static double SliceBandwidthHz => AfpBandwidthTimeProduct / (AfpDurationMs / 1000);

    public string Name => "sLASER";

    public string Timing => $"TE {IdealPulses.Ms(EchoTimeMs)} ms (four 180° pulses, spacing TE/8, TE/4, TE/4, TE/4, TE/8)";

    public string PulseDescription => string.Create(CultureInfo.InvariantCulture,
        $"shaped pulses: {Pulse.Description} refocusing at {CarrierPpm:0.0#} ppm, {SpatialPoints}×{SpatialPoints} positions");

    /// <summary>Cell centres across <see cref="GridExtentSlices"/> slice widths, in Hz of gradient offset (one: the centre).</summary>
    public IReadOnlyList<double> PositionOffsetsHz =>
        SpatialPoints == 1 ? [0.0]
        : Enumerable.Range(0, SpatialPoints).Select(k => GridExtentSlices * SliceBandwidthHz * ((k + 0.5) / SpatialPoints - 0.5)).ToArray();

    /// <summary>
    /// Each position's weight: 1 / Σ over the grid of an AFP pair's refocusing |U_αβ|⁴ for a spin at the carrier, so an
    /// uncoupled spin at the carrier gives exactly the ideal echo (a proton-normalised basis; the voxel's effective
    /// size is a factor common to every metabolite and to the water reference).
    /// </summary>
    public double WeightPerPosition
    {
        get
        {
            var propagator = new ShapedPulsePropagator(Engine.CoupledSpins.Singlet(CarrierPpm, 1), _frequencyMHz, _referencePpm);
            double sum = PositionOffsetsHz.Sum(offset => Math.Pow(System.Numerics.Complex.Abs(propagator.Propagator(Pulse, 0, offset)[0, 1]), 4));
            return 1 / sum;
        }
    }

    public PulseProgram Program
    {
        get
        {
            double tau = EchoTimeMs / 8, t = AfpDurationMs;
            var offsets = PositionOffsetsHz;
            double weight = WeightPerPosition;
            // Pulse centres at τ, 3τ, 5τ, 7τ: free evolution τ − t/2 at the ends and 2τ − t between pulses.
            return PulseProgram.OneRun(Steps(
                IdealPulses.Excitation,
                Evolution(tau - t / 2),
                new PositionAverageStep(offsets, weight, Steps(new CoherenceFilterStep(-1), _afp, new CoherenceFilterStep(+1), Evolution(2 * tau - t), _afp, new CoherenceFilterStep(-1))),
                Evolution(2 * tau - t),
                new PositionAverageStep(offsets, weight, Steps(_afp, new CoherenceFilterStep(+1), Evolution(2 * tau - t), _afp, new CoherenceFilterStep(-1))),
                Evolution(tau - t / 2)));
        }
    }

    private static EvolutionStep? Evolution(double ms) => ms > 0 ? new EvolutionStep(ms) : null;

    private static SequenceStep[] Steps(params SequenceStep?[] steps) => steps.OfType<SequenceStep>().ToArray();
}
