using MRSNode.SpinSimulation;
using MRSNode.Spectroscopy;

namespace MRSNode.Evaluation.BasisAgreement;

/// <summary>
/// The protocol of the ISMRM 2016 fitting challenge's basis (tests/data/mrs/ismrm2016/press3T_30ms.BASIS): PRESS with
/// ideal pulses, TE1 11 ms + TE2 19 ms, on the basis file's own grid (frequency, points, dwell, 4.65 ppm centre).
/// </summary>
public static class IsmrmChallengeProtocol
{
    public const double Te1Ms = 11;
    public const double Te2Ms = 19;

    /// <summary>A request for the same protocol and grid as <paramref name="reference"/>, for these metabolites.</summary>
    public static BasisSimulationRequest Request(BasisSet reference, IReadOnlyList<string> metabolites)
    {
        ArgumentNullException.ThrowIfNull(reference);
        return new BasisSimulationRequest
        {
            FrequencyMHz = reference.FrequencyMHz,
            Sequence = LocalizationSequence.Press,
            EchoTimeMs = Te1Ms + Te2Ms,
            Te1Ms = Te1Ms,
            Te2Ms = Te2Ms,
            Points = reference.Points,
            SpectralWidthHz = reference.SpectralWidthHz,
            ReferencePpm = reference.ReferencePpm,
            Metabolites = metabolites,
        };
    }
}
