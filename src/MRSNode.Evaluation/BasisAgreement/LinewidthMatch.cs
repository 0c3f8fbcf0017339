using System.Numerics;
using MRSNode.Spectroscopy;

namespace MRSNode.Evaluation.BasisAgreement;

/// <summary>
/// Brings two basis sets to the same linewidth before they are compared: the FWHM of one singlet (Cr's methyl at
/// 3.027 ppm by default) is measured in each by fitting one damped complex exponential to the spectrum around it
/// (<see cref="BasisReferenceLine.Find"/>, exact for a Lorentzian line on a finite FID), and the narrower set is
/// multiplied by exp(−π·ΔFWHM·t), which widens every Lorentzian line of it by exactly ΔFWHM.
/// </summary>
public sealed record LinewidthMatch(double ReferenceFwhmHz, double SimulatedFwhmHz)
{
    /// <summary>
    /// A common FWHM to broaden both sets to when it exceeds both measured ones (Hz; 0 = the broader of the two): the
    /// basis sets' own 2 Hz lines make a 0.003 ppm shift cost 0.03 in correlation, an in vivo line does not.
    /// </summary>
    public double TargetFwhmHz { get; init; }

    /// <summary>The common FWHM after matching (Hz).</summary>
    public double MatchedFwhmHz => Math.Max(Math.Max(ReferenceFwhmHz, SimulatedFwhmHz), TargetFwhmHz);

    /// <summary>Measures the singlet in both sets' entries of that metabolite.</summary>
    public static LinewidthMatch Measure(BasisMetabolite reference, BasisMetabolite simulated, SpectralAxis axis, double singletPpm)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(simulated);
        return new LinewidthMatch(Fwhm(reference.Fid, axis, singletPpm, reference.Name), Fwhm(simulated.Fid, axis, singletPpm, simulated.Name));
    }

    /// <summary>The reference set's FID, widened when it is the narrower one.</summary>
    public Complex[] MatchReference(ReadOnlySpan<Complex> fid, SpectralAxis axis) => Broaden(fid, axis, MatchedFwhmHz - ReferenceFwhmHz);

    /// <summary>The simulated set's FID, widened when it is the narrower one.</summary>
    public Complex[] MatchSimulated(ReadOnlySpan<Complex> fid, SpectralAxis axis) => Broaden(fid, axis, MatchedFwhmHz - SimulatedFwhmHz);

    /// <summary>The FID times exp(−π·<paramref name="extraFwhmHz"/>·t) (a copy).</summary>
    public static Complex[] Broaden(ReadOnlySpan<Complex> fid, SpectralAxis axis, double extraFwhmHz)
    {
        var result = fid.ToArray();
        double dwell = 1 / axis.SpectralWidthHz;
        for (int t = 0; t < result.Length; t++)
        {
            result[t] *= Math.Exp(-Math.PI * extraFwhmHz * t * dwell);
        }
        return result;
    }

    private static double Fwhm(ReadOnlySpan<Complex> fid, SpectralAxis axis, double ppm, string name) =>
        BasisReferenceLine.Find(fid, axis, ppm)?.FwhmHz
        ?? throw new InvalidOperationException($"no narrow singlet at {ppm} ppm in {name}: cannot match linewidths");
}
