using System.Numerics;
using MRSNode.Spectroscopy;
using MRSNode.Spectroscopy.Readers;
using MRSNode.TestSupport;

namespace MRSNode.Quantification.Tests;

internal static class Fixtures
{
    private static readonly Lazy<BasisSet> _ismrm = new(() => LcModelBasisReader.Read(TestData.Path("mrs/ismrm2016/press3T_30ms.BASIS")));
    private static readonly Lazy<BasisSet> _threeT = new(() => LcModelBasisReader.Read(TestData.Path("basis/3t.basis")));

    public static BasisSet IsmrmBasis => _ismrm.Value;
    public static BasisSet ThreeTBasis => _threeT.Value;

    /// <summary>The Philips TE 35 scan as stored (scanner-averaged; no eddy-current correction or water removal).</summary>
    public static MrsAcquisition PhilipsTe35() => MrsFormats.Default.Read(TestData.Path("mrs/philips-sdat/sub-01_PRESS_35_act.sdat"))[0];

    /// <summary>Osprey's PRESS TE 35 basis for that scan.</summary>
    public static BasisSet OspreyTe35Basis() => LcModelBasisReader.Read(TestData.Path("basis/osprey-press3T-35ms-noMM.BASIS"));

    public static MrsAcquisition CrMetabolite() => MrsFormats.Default.Read(TestData.Path("mrs/ismrm2016/Cr_10mM_test_water_scaling_WS.txt"))[0];
    public static MrsAcquisition CrWater() => MrsFormats.Default.Read(TestData.Path("mrs/ismrm2016/Cr_10mM_test_water_scaling_nWS.txt"))[0];

    public static MrsAcquisition LcModelData() => MrsFormats.Default.Read(TestData.Path("basis/data.raw"),
        MrsReadOptions.Default with { SpectralWidthHz = 2000, FrequencyMHz = 127.786142 })[0];

    /// <summary>An acquisition on the ISMRM challenge grid (2048 points, 4000 Hz, 123.2 MHz) from a FID.</summary>
    public static MrsAcquisition Acquisition(Complex[] fid, double mhz = 123.2, double sw = 4000) =>
        new(fid, fid.Length) { SpectralWidthHz = sw, TransmitterFrequencyMHz = mhz, Provenance = new Provenance { SourceFormat = "synthetic" } };

    /// <summary>
    /// A synthetic spectrum from the ISMRM basis (resampled to the grid): Σ aᵢ·basisᵢ with a shift, Lorentzian
    /// and Gaussian broadening, zero-order phase, and complex white noise of SD <paramref name="noiseSd"/>.
    /// </summary>
    public static Complex[] Synthetic(BasisSet resampled, IReadOnlyDictionary<string, double> amplitudes, double shiftHz, double lorentzHz, double gaussHz, double phaseRad, double noiseSd, int seed)
    {
        int n = resampled.Points;
        var fid = new Complex[n];
        var rng = new Random(seed);
        double g = Math.PI * gaussHz * Math.PI * gaussHz / (4 * Math.Log(2));
        foreach (var (name, a) in amplitudes)
        {
            var b = resampled.Find(name)!.Fid;
            for (int i = 0; i < n; i++)
            {
                fid[i] += a * b[i];
            }
        }
        for (int i = 0; i < n; i++)
        {
            double t = i / resampled.SpectralWidthHz;
            var env = Math.Exp(-Math.PI * lorentzHz * t - g * t * t) * Complex.FromPolarCoordinates(1, 2 * Math.PI * shiftHz * t + phaseRad);
            fid[i] = fid[i] * env + noiseSd * new Complex(Gauss(rng), Gauss(rng));
        }
        return fid;
    }

    private static double Gauss(Random rng) => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
}
