using System.Globalization;
using MRSNode.SpinSimulation.Sequences;

namespace MRSNode.SpinSimulation;

/// <summary>
/// How a simulated basis was made, for reports: the sequence and its timing (with any assumed value named), the
/// frequency, the pulse model and the spin-system library's version. <see cref="Text"/> is the one-line form
/// written as the basis set's Source.
/// </summary>
public sealed record BasisSimulationProvenance(string Sequence, string Timing, double FrequencyMHz, string PulseModel, int SpinSystemsVersion, double LinewidthHz)
{
    public const string Method = "MRSNode density-matrix simulation";

    public const string IdealPulses = "ideal pulses";

    public string Text => string.Create(CultureInfo.InvariantCulture,
        $"{Method}, {Sequence} {Timing}, {FrequencyMHz:0.###} MHz, {PulseModel}, spin systems v{SpinSystemsVersion}{(LinewidthHz > 0 ? $", {LinewidthHz:0.##} Hz Lorentzian" : "")}");

    public static BasisSimulationProvenance Of(BasisSimulationRequest request, ILocalizationSequence sequence, int spinSystemsVersion)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(sequence);
        return new(sequence.Name, sequence.Timing, request.FrequencyMHz, sequence is Pulses.IShapedPulseSequence shaped ? shaped.PulseDescription : IdealPulses,
            spinSystemsVersion, request.LinewidthHz);
    }

    public override string ToString() => Text;
}
