using System.Numerics;
using MRSNode.Quantification.Fitting;
using MRSNode.Spectroscopy;

namespace MRSNode.Quantification.Tests.Fitting;

/// <summary>
/// The fit's parts on a realistic case: the ISMRM basis on the challenge grid (2048 points, 4000 Hz, 123.2 MHz), the
/// default window (0.2–4.0 ppm) and baseline, one group per component or none, and a synthetic spectrum of every basis
/// component at 2 (shift 2 Hz, L 3 Hz, G 4 Hz, φ0 0.6, noise SD 0.01). With <c>ownWidths</c> every third group has a
/// Lorentzian and Gaussian width of its own (as the lipids under <see cref="FitOptions.OwnLipidLineshape"/>).
/// </summary>
internal sealed record IsmrmSetup(LineshapeModel Model, double[] Amplitudes, Complex[] DataWindow, double[] Ppm, string[] Names)
{
    public static IsmrmSetup Create(LineshapeFreedom freedom, bool ownWidths = false)
    {
        var axis = new SpectralAxis(2048, 4000, 123.2, 4.7);
        var basis = BasisResampler.Resample(Fixtures.IsmrmBasis, axis);
        var fids = basis.Metabolites.Select(m => m.Fid).ToArray();
        int groups = freedom == LineshapeFreedom.Global ? 0 : fids.Length;
        var groupOf = Enumerable.Range(0, fids.Length).Select(j => groups == 0 ? 0 : j).ToArray();
        int a = (int)Math.Ceiling(axis.IndexOf(FitOptions.Default.HighPpm)), b = (int)Math.Floor(axis.IndexOf(FitOptions.Default.LowPpm));
        var window = Enumerable.Range(a, b - a + 1).ToArray();
        var ppm = window.Select(axis.Ppm).ToArray();
        var model = new LineshapeModel(fids, groupOf, groups, window, ppm.Select(p => p - FitOptions.Default.PhasePivotPpm).ToArray(), axis.SpectralWidthHz,
            ownWidths: ownWidths ? [.. Enumerable.Range(0, groups).Select(g => g % 3 == 1)] : null);
        var amplitudes = Enumerable.Range(0, fids.Length).Select(j => 1.0 + j % 5).ToArray();
        var truth = basis.Metabolites.ToDictionary(m => m.Name, _ => 2.0);
        var spectrum = SpectralAxis.Spectrum(Fixtures.Synthetic(basis, truth, 2, 3, 4, 0.6, 0.01, 1));
        return new IsmrmSetup(model, amplitudes, window.Select(i => spectrum[i]).ToArray(), ppm, basis.Metabolites.Select(m => m.Name).ToArray());
    }
}
