using System.Numerics;
using MRSNode.Spectroscopy.Readers;
using MRSNode.Spectroscopy.Simulation;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Spectroscopy.Tests.Readers;

/// <summary>
/// Poison objects (issue 25, finding 2): headers no scanner writes and samples that are not a spectrum, written by the
/// repo's own writers and read back through <see cref="MrsFormats"/>, are refused with a reason naming the value.
/// </summary>
[UnitTest]
public class MrsPlausibilityTests
{
    private static MrsAcquisition Source() =>
        MrsFormats.Default.Read(TestData.Path("dicom/siemens-xa60-svs.dcm"))[0];

    private static MrsAcquisition With(MrsAcquisition a, double? sw = null, double? mhz = null, double? te = null, double? tr = null,
        double[]? voxel = null, Complex[]? data = null) =>
        new(data ?? (Complex[])a.Data.Clone(), a.Points, a.Averages, a.Coils, a.Voxels)
        {
            SpectralWidthHz = sw ?? a.SpectralWidthHz,
            TransmitterFrequencyMHz = mhz ?? a.TransmitterFrequencyMHz,
            Nucleus = a.Nucleus,
            ReferencePpm = a.ReferencePpm,
            EchoTimeMs = te ?? a.EchoTimeMs,
            RepetitionTimeMs = tr ?? a.RepetitionTimeMs,
            Role = a.Role,
            Localization = voxel is null ? a.Localization : a.Localization with { VoxelSizeMm = voxel },
            Provenance = a.Provenance,
        };

    private static string WriteDicom(MrsAcquisition a)
    {
        var path = Path.Combine(TestData.NewTempFolder(), "poison.dcm");
        MrsDicomWriter.Write(a, path);
        return path;
    }

    private static Complex[] Samples(MrsAcquisition a, Func<int, Complex, Complex> change) =>
        [.. a.Data.Select((z, i) => change(i, z))];

    public static TheoryData<string, string> Headers => new()
    {
        { "sw 1e-300", "spectral width 1E-300 Hz is not plausible" },
        { "sw 1e300", "spectral width 1E+300 Hz is not plausible" },
        { "mhz 1e6", "transmitter frequency 1E+06 MHz is not plausible for 1H (expected 8.5 to 1064 MHz" },
        { "te NaN", "echo time (TE) NaN ms is not plausible" },
        { "te -1", "echo time (TE) -1 ms is not plausible" },
        { "tr -1", "repetition time (TR) -1 ms is not plausible" },
        { "voxel -20", "voxel size 20 × -20 × 20 mm is not plausible" },
        { "voxel 0", "voxel size 20 × 0 × 20 mm is not plausible" },
    };

    [Theory]
    [MemberData(nameof(Headers))]
    public void Read_DicomWithImplausibleHeaderValue_RefusedNamingTheValue(string change, string expected)
    {
        var a = Source();
        var parts = change.Split(' ');
        double value = double.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture);
        var poisoned = parts[0] switch
        {
            "sw" => With(a, sw: value),
            "mhz" => With(a, mhz: value),
            "te" => With(a, te: value),
            "tr" => With(a, tr: value),
            _ => With(a, voxel: [20, value, 20]),
        };
        var path = WriteDicom(poisoned);

        var ex = Assert.Throws<MrsReadException>(() => MrsFormats.Default.Read(path));

        Assert.StartsWith("poison.dcm: ", ex.Message, StringComparison.Ordinal);
        Assert.Contains(expected, ex.Reason, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> SampleDefects => new()
    {
        { "NaN", "a sample that is not a number (NaN" },
        { "+inf", "a sample that is not a number (Infinity" },
        { "-inf", "a sample that is not a number (-Infinity" },
        { "3e38", "a sample of 3E+38, beyond any scanner's range" },
        { "zero", "the spectrum holds no signal (every sample of the FID is zero)" },
        { "constant", "the spectrum holds no signal (every sample of the FID is the same value)" },
    };

    /// <summary>DICOM MRS (float32 samples): the NaN/inf samples that crashed `quantify` with a MathNet NonConvergenceException.</summary>
    [Theory]
    [MemberData(nameof(SampleDefects))]
    public void Read_DicomWithSampleDefect_RefusedAtReadTime(string defect, string expected)
    {
        var a = Source();
        var data = defect switch
        {
            "NaN" => Samples(a, (i, z) => i == 7 ? new Complex(double.NaN, 0) : z),
            "+inf" => Samples(a, (i, z) => i == 7 ? new Complex(double.PositiveInfinity, 0) : z),
            "-inf" => Samples(a, (i, z) => i == 7 ? new Complex(double.NegativeInfinity, 0) : z),
            "3e38" => Samples(a, (i, z) => i == 7 ? new Complex(3e38, 0) : z),
            "zero" => new Complex[a.Data.Length],
            _ => Samples(a, (_, _) => new Complex(3, -1)),
        };
        var path = WriteDicom(With(a, data: data));

        var ex = Assert.Throws<MrsReadException>(() => MrsFormats.Default.Read(path));

        Assert.Contains(expected, ex.Reason, StringComparison.Ordinal);
    }

    /// <summary>NIfTI-MRS (complex128) carries a finite 1e308, whose square overflows in the fit.</summary>
    [Fact]
    public void Read_NiftiWithHugeFiniteSample_Refused()
    {
        var a = Source();
        var path = Path.Combine(TestData.NewTempFolder(), "poison.nii");
        SimulationWriter.WriteNifti(With(a, data: Samples(a, (i, z) => i == 7 ? new Complex(0, -1e308) : z)), path);

        var ex = Assert.Throws<MrsReadException>(() => MrsFormats.Default.Read(path));

        Assert.Equal("the spectroscopy data hold a sample of 1E+308, beyond any scanner's range (at most 1e30): the data are damaged", ex.Reason);
    }

    /// <summary>The same check for every format MrsFormats dispatches: the all-zero FID, the poison that hung a worker for ever.</summary>
    [Theory]
    [InlineData("dicom")]
    [InlineData("nifti")]
    [InlineData("lcmodel")]
    public void Read_AllZeroFidInAnyFormat_RefusedAsNoSignal(string format)
    {
        var a = With(Source(), data: new Complex[Source().Data.Length]);
        var folder = TestData.NewTempFolder();
        string path = format switch
        {
            "dicom" => WriteDicom(a),
            "nifti" => Path.Combine(folder, "zero.nii"),
            _ => Path.Combine(folder, "zero.RAW"),
        };
        if (format == "nifti")
        {
            SimulationWriter.WriteNifti(a, path);
        }
        else if (format == "lcmodel")
        {
            SimulationWriter.WriteLcModel(a, path);
        }

        var ex = Assert.Throws<MrsReadException>(() => MrsFormats.Default.Read(path));

        Assert.Equal("the spectrum holds no signal (every sample of the FID is zero)", ex.Reason);
    }

    /// <summary>A headerless format's spectral width comes from its sidecar: the sidecar reader refuses it first.</summary>
    [Fact]
    public void Read_LcModelRawWithTinySpectralWidthInSidecar_Refused()
    {
        var path = Path.Combine(TestData.NewTempFolder(), "tiny.RAW");
        SimulationWriter.WriteLcModel(With(Source(), sw: 1e-300), path);

        var ex = Assert.Throws<MrsReadException>(() => MrsFormats.Default.Read(path));

        Assert.Contains("spectral width 1E-300 Hz (from tiny.json)", ex.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_DicomWithSixteenPointFid_RefusedAsDamagedHeader()
    {
        var a = Source();
        var shortFid = new MrsAcquisition(a.Fid()[..16].ToArray(), 16)
        {
            SpectralWidthHz = a.SpectralWidthHz,
            TransmitterFrequencyMHz = a.TransmitterFrequencyMHz,
            EchoTimeMs = a.EchoTimeMs,
            Localization = a.Localization,
            Provenance = a.Provenance,
        };
        var path = WriteDicom(shortFid);

        var ex = Assert.Throws<MrsReadException>(() => MrsFormats.Default.Read(path));

        Assert.Equal("16 points per FID is not plausible (expected 32 to 1048576): the header is damaged", ex.Reason);
    }

    [Theory]
    [InlineData("dicom/siemens-xa60-svs.dcm")]
    [InlineData("dicom/philips-mrs-2frame.dcm")]
    [InlineData("mrs/siemens-svs30.rda")]
    [InlineData("mrs/philips-sdat/sub-01_PRESS_35_act.sdat")]
    [InlineData("mrs/nifti/metab.nii.gz")]
    [InlineData("mrs/spec2nii/metab.RAW")]
    public void Problem_RealScannerFile_None(string file)
    {
        var acquisitions = MrsFormats.Default.Read(TestData.Path(file));

        Assert.All(acquisitions, a => Assert.Null(MrsPlausibility.Problem(a)));
        Assert.NotEmpty(acquisitions);
    }

    [Fact]
    public void Problem_PhosphorusAt3Tesla_None()
    {
        var a = Source();
        var p31 = new MrsAcquisition(a.Fid().ToArray(), a.Points)
        {
            SpectralWidthHz = 3000,
            TransmitterFrequencyMHz = 51.7,
            Nucleus = "31P",
            Provenance = a.Provenance,
        };

        Assert.Null(MrsPlausibility.Problem(p31));
        Assert.Contains("not plausible for 31P", MrsPlausibility.Problem(With(p31, mhz: 600)), StringComparison.Ordinal);
    }
}
