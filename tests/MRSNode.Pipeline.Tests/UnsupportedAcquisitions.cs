using System.Numerics;
using MRSNode.Spectroscopy;
using MRSNode.Spectroscopy.Readers;
using MRSNode.Spectroscopy.Simulation;
using MRSNode.TestSupport;

namespace MRSNode.Pipeline.Tests;

/// <summary>
/// Acquisitions MRSNode must refuse, written from the simulator (3 T, the shipped TE 30 basis's frequency): a 2×2
/// MRSI NIfTI-MRS, a MEGA-PRESS NIfTI-MRS with DIM_EDIT, interleaved ON/OFF dynamics with no header hint, a two-TE
/// DIM_INDIRECT file, a ³¹P file; as DICOM MR Spectroscopy: one named MEGA-PRESS and a TE 144 PRESS.
/// </summary>
internal static class UnsupportedAcquisitions
{
    private static readonly Lazy<BasisSet> _basis = new(() => LcModelBasisReader.Read(TestData.Path("mrs/ismrm2016/press3T_30ms.BASIS")));

    private static SimulatedSpectrum Clean(int seed) =>
        new SpectrumSimulator(_basis.Value, new SimulationParameters { Snr = ValueRange.Fixed(200), ResidualWater = false, Baseline = false }).SimulateOne(0, seed);

    public static string Nifti(string kind, string folder)
    {
        var clean = Clean(5);
        var fid = clean.Acquisition.Fid().ToArray();
        int n = fid.Length;
        const string Header = "\"SpectrometerFrequency\": [123.261703], \"EchoTime\": 0.03, \"SequenceName\": \"svs_se\"";
        var (dims, json, samples) = kind switch
        {
            "mrsi" => (new long[] { 2, 2, 1, n }, "{" + Header + """, "ResonantNucleus": ["1H"]}""", Repeat(fid, 4, interleaveVoxels: true)),
            "mega" => (new long[] { 1, 1, 1, n, 2 }, "{" + Header.Replace("svs_se", "MEGA-PRESS", StringComparison.Ordinal) + """, "ResonantNucleus": ["1H"], "dim_5": "DIM_EDIT", "dim_5_header": {"EditCondition": ["ON", "OFF"]}}""", Repeat(fid, 2, false)),
            "multi-echo" => (new long[] { 1, 1, 1, n, 2 }, "{" + Header + """, "ResonantNucleus": ["1H"], "dim_5": "DIM_INDIRECT_0", "dim_5_header": {"EchoTime": [0.03, 0.144]}}""", Repeat(fid, 2, false)),
            "interleaved" => (new long[] { 1, 1, 1, n, 64 }, "{" + Header + """, "ResonantNucleus": ["1H"], "dim_5": "DIM_DYN"}""", Interleaved(clean, 64)),
            "31P" => (new long[] { 1, 1, 1, n }, """{"SpectrometerFrequency": [49.9], "ResonantNucleus": ["31P"]}""", fid),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown kind"),
        };
        var path = Path.Combine(folder, kind + ".nii");
        NiftiMrsTestFile.Write(path, dims, samples, clean.Acquisition.DwellTimeSeconds, json);
        return path;
    }

    /// <summary>A single-voxel DICOM MR Spectroscopy object whose protocol says MEGA-PRESS.</summary>
    public static string MegaPressDicom(string folder) =>
        Dicom(Path.Combine(folder, "mega-press.dcm"), 68, "MEGA-PRESS GABA", 1);

    /// <summary>An unedited single-voxel PRESS at TE 144 ms, for which the shipped manifest has no basis set.</summary>
    public static string LongEchoDicom(string folder) =>
        Dicom(Path.Combine(folder, "press-te144.dcm"), 144, "PRESS TE144", 1);

    private static string Dicom(string path, double echoTimeMs, string protocol, int gridSide)
    {
        var clean = Clean(6).Acquisition;
        int voxels = gridSide * gridSide;
        var acquisition = new MrsAcquisition(Repeat(clean.Fid().ToArray(), voxels, interleaveVoxels: false), clean.Points, 1, 1, voxels)
        {
            SpectralWidthHz = clean.SpectralWidthHz,
            TransmitterFrequencyMHz = clean.TransmitterFrequencyMHz,
            EchoTimeMs = echoTimeMs,
            Role = AcquisitionRole.Metabolite,
            Localization = new Localization
            {
                PositionMm = [0, 0, 0],
                VoxelSizeMm = [20, 20, 20],
                Orientation = [1, 0, 0, 0, 1, 0],
                Grid = new MrsiGrid(gridSide, gridSide, 1),
            },
            Provenance = new Provenance { SourceFormat = "test", ProtocolName = protocol, SeriesDescription = protocol },
        };
        MrsDicomWriter.Write(acquisition, path);
        return path;
    }

    /// <summary>The FID in every voxel (x, y fastest) or every index of dim 5.</summary>
    private static Complex[] Repeat(Complex[] fid, int copies, bool interleaveVoxels)
    {
        var samples = new Complex[fid.Length * copies];
        for (int c = 0; c < copies; c++)
        {
            for (int t = 0; t < fid.Length; t++)
            {
                samples[interleaveVoxels ? t * copies + c : c * fid.Length + t] = fid[t];
            }
        }
        return samples;
    }

    /// <summary>Edit OFF, ON, OFF, …: the ON transients lose half the NAA singlet (MEGA's 1.9 ppm pulse), SNR 200 in the mean.</summary>
    private static Complex[] Interleaved(SimulatedSpectrum clean, int transients)
    {
        var simulator = new SpectrumSimulator(_basis.Value, new SimulationParameters { Snr = ValueRange.Fixed(200), ResidualWater = false, Baseline = false });
        var naa = simulator.Components(clean.Truth)["NAA"];
        double naaAmplitude = clean.Truth.Amplitudes["NAA"];
        var signal = clean.Acquisition.Fid().ToArray();
        int n = signal.Length;
        double sd = clean.Truth.NoiseSd * Math.Sqrt(transients);
        var random = new Random(11);
        var samples = new Complex[n * transients];
        for (int a = 0; a < transients; a++)
        {
            double loss = a % 2 == 1 ? 0.5 * naaAmplitude : 0;
            for (int t = 0; t < n; t++)
            {
                samples[a * n + t] = signal[t] - loss * naa[t] + new Complex(sd * StandardNormal.Draw(random), sd * StandardNormal.Draw(random));
            }
        }
        return samples;
    }
}
