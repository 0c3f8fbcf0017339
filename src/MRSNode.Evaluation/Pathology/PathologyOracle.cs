using System.Numerics;
using MRSNode.Quantification.Results;
using MRSNode.Spectroscopy;
using MRSNode.Spectroscopy.Simulation;

namespace MRSNode.Evaluation.Pathology;

/// <summary>
/// The floor under any method on the pathology set: each draw's amplitudes by non-negative least squares on its true
/// components, the draw's own noise added. Every metabolite and the measured MM have their simulated lineshape (shift,
/// damping, Gaussian, phases), each lipid line its simulated shape with its amplitude free; residual water and baseline
/// are taken as known and left out. Only amplitudes are estimated, so the model is linear and this is its Gauss–Markov
/// estimate: no unbiased method that must also find the lineshapes, the lipids' shape and the baseline has a smaller
/// spread. Where its worst error over the draws exceeds a requirement, the requirement is out of reach at that SNR for
/// every such method; only a prior pulling toward an expected value (which the issue forbids for tumour ratios) could
/// meet it. Cases with transients (their noise is not one draw's) are not supported. The phases are known too, so the
/// components and data are taken without them (a unitary change: the noise is as white).
/// </summary>
public static class PathologyOracle
{
    /// <summary>The node's (and LCModel's) fit window, for <see cref="OracleData.RealWindow"/>.</summary>
    private const double WindowLowPpm = 0.2, WindowHighPpm = 4.0;

    public static IReadOnlyList<PathologyResult> Run(BasisSet basis, IReadOnlyList<PathologyCase> cases, IReadOnlyList<double> snrs, int realisations, int seed, OracleData data = OracleData.ComplexFid)
    {
        ArgumentNullException.ThrowIfNull(basis);
        ArgumentNullException.ThrowIfNull(cases);
        ArgumentNullException.ThrowIfNull(snrs);
        if (cases.FirstOrDefault(c => c.Transients is not null) is { } withTransients)
        {
            throw new ArgumentException($"the oracle takes one FID per draw; case {withTransients.Name} has transients.", nameof(cases));
        }
        var spectra = new PathologySpectra(basis);
        return PathologyEvaluation.EachDraw(cases, snrs, realisations, seed, (pathology, snr, drawSeed) => Estimate(basis, spectra, pathology, snr, drawSeed, data));
    }

    private static PathologyFit Estimate(BasisSet basis, PathologySpectra spectra, PathologyCase pathology, double snr, int seed, OracleData data)
    {
        var simulator = new SpectrumSimulator(basis, PathologySpectra.Parameters(pathology));
        var clean = simulator.SimulateOne(0, seed);
        var noisy = spectra.Build(pathology, snr, seed).Fid();
        var truth = clean.Truth with { ZeroOrderPhaseRad = 0, FirstOrderPhaseDegPerPpm = 0 };
        var metabolites = simulator.Components(truth);
        var lipids = simulator.LipidLineComponents(truth);
        var names = metabolites.Keys.ToList();
        var components = names.Select(n => metabolites[n]).Concat(lipids).ToList();

        // The data: the metabolites, MM and lipid lines as simulated, plus the noise this draw's spectrum got.
        var fid = new Complex[noisy.Length];
        var cleanFid = clean.Acquisition.Fid();
        for (int t = 0; t < fid.Length; t++)
        {
            fid[t] = noisy[t] - cleanFid[t];
        }
        foreach (var name in names)
        {
            double a = truth.Amplitudes.TryGetValue(name, out var amplitude) ? amplitude : truth.MmScale;
            Accumulate(fid, metabolites[name], a);
        }
        foreach (var lipid in lipids)
        {
            Accumulate(fid, lipid, 1);
        }

        var estimate = data == OracleData.RealWindow
            ? LineshapeOracle.LeastSquares(components.Select(c => RealWindow(c, simulator.Axis)).ToList(), RealWindow(fid, simulator.Axis))
            : LineshapeOracle.LeastSquares(components, fid);
        var amplitudes = names.Select((n, k) => (n, estimate[k])).ToDictionary(x => x.n, x => x.Item2, StringComparer.OrdinalIgnoreCase);
        double Pool(string name) => PathologyCase.Pooled(amplitudes, name);
        double tcr = Pool("tCr");
        double Ratio(string name) => tcr > 0 ? Pool(name) / tcr : 0;
        return new PathologyFit(Ratio("tNAA"), Ratio("tCho"), Ratio("Lac"), Pool("Lac"), MetaboliteFlag.NotAssessed, [], amplitudes);
    }

    /// <summary>The real part of the spectrum over the fit window, as complex values with no imaginary part.</summary>
    private static Complex[] RealWindow(Complex[] fid, SpectralAxis axis)
    {
        var spectrum = SpectralAxis.Spectrum(fid);
        return Enumerable.Range(0, spectrum.Length)
            .Where(k => axis.Ppm(k) >= WindowLowPpm && axis.Ppm(k) <= WindowHighPpm)
            .Select(k => new Complex(spectrum[k].Real, 0))
            .ToArray();
    }

    private static void Accumulate(Complex[] sum, Complex[] component, double scale)
    {
        for (int t = 0; t < sum.Length; t++)
        {
            sum[t] += scale * component[t];
        }
    }
}

/// <summary>What <see cref="PathologyOracle"/>'s least squares sees.</summary>
public enum OracleData
{
    /// <summary>The whole complex FID: the floor for any method.</summary>
    ComplexFid,
    /// <summary>The real part of the phased spectrum over 0.2–4.0 ppm: the floor for a method that fits what LCModel and the node fit.</summary>
    RealWindow,
}
