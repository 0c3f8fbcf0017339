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

    /// <summary>
    /// A PRESS request on <paramref name="reference"/>'s grid for these metabolites: the challenge's split by default,
    /// or another TE1/TE2 (another echo time on the same grid).
    /// </summary>
    public static BasisSimulationRequest Request(BasisSet reference, IReadOnlyList<string> metabolites, double te1Ms = Te1Ms, double te2Ms = Te2Ms)
    {
        ArgumentNullException.ThrowIfNull(reference);
        return new BasisSimulationRequest
        {
            FrequencyMHz = reference.FrequencyMHz,
            Sequence = LocalizationSequence.Press,
            EchoTimeMs = te1Ms + te2Ms,
            Te1Ms = te1Ms,
            Te2Ms = te2Ms,
            Points = reference.Points,
            SpectralWidthHz = reference.SpectralWidthHz,
            ReferencePpm = reference.ReferencePpm,
            Metabolites = metabolites,
        };
    }
}
