using System.Buffers.Binary;
using System.IO.Compression;
using System.Numerics;
using System.Text;
using MRSNode.Spectroscopy.Readers;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Spectroscopy.Tests.Readers;

/// <summary>Writes NIfTI-1/2 files for tests (either byte order, optional JSON extension).</summary>
internal sealed class NiftiBuilder
{
    public int Version { get; init; } = 2;
    public bool BigEndian { get; init; }
    /// <summary>dim[0..7]: dim[0] = number of dims.</summary>
    public long[] Dim { get; init; } = [4, 1, 1, 1, 256, 1, 1, 1];
    public double[] PixDim { get; init; } = [1, 20, 20, 20, 2.5e-4, 1, 1, 1];
    public short DataType { get; init; } = 32;
    public string? Json { get; init; } = """{"SpectrometerFrequency":[123.2],"ResonantNucleus":["1H"],"EchoTime":0.03,"RepetitionTime":2.0}""";
    public string Intent { get; init; } = "mrs_v0_2";
    public int QFormCode { get; init; }
    public int SFormCode { get; init; } = 2;
    public double[] Quatern { get; init; } = [0, 0, 0, 0, 0, 0];
    public double[][] SRow { get; init; } = [[20, 0, 0, -30], [0, 20, 0, 10], [0, 0, 20, 20]];
    public int XyztUnits { get; init; } = 10;

    public static readonly string StandardJson = """{"SpectrometerFrequency":[297.219948],"ResonantNucleus":["1H"],"EchoTime":0.011,"RepetitionTime":5.0,"SequenceName":"svs_st"}""";

    public byte[] Build(IReadOnlyList<Complex> data, int? extensionSizeOverride = null, long? voxOffsetOverride = null)
    {
        int headerSize = Version == 1 ? 348 : 540;
        var json = Json is null ? null : Encoding.UTF8.GetBytes(Json);
        int esize = json is null ? 0 : (8 + json.Length + 15) / 16 * 16;
        long voxOffset = voxOffsetOverride ?? headerSize + 4 + esize;
        int element = DataType == 1792 ? 16 : 8;
        var bytes = new byte[headerSize + 4 + esize + data.Count * element];
        void I16(int o, short v) { if (BigEndian) { BinaryPrimitives.WriteInt16BigEndian(bytes.AsSpan(o), v); } else { BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(o), v); } }
        void I32(int o, int v) { if (BigEndian) { BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(o), v); } else { BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(o), v); } }
        void I64(int o, long v) { if (BigEndian) { BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(o), v); } else { BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(o), v); } }
        void F32(int o, double v) { if (BigEndian) { BinaryPrimitives.WriteSingleBigEndian(bytes.AsSpan(o), (float)v); } else { BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(o), (float)v); } }
        void F64(int o, double v) { if (BigEndian) { BinaryPrimitives.WriteDoubleBigEndian(bytes.AsSpan(o), v); } else { BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(o), v); } }

        I32(0, headerSize);
        if (Version == 1)
        {
            for (int i = 0; i < 8; i++)
            {
                I16(40 + 2 * i, (short)Dim[i]);
                F32(76 + 4 * i, PixDim[i]);
            }
            I16(70, DataType);
            I16(72, (short)(element * 8));
            F32(108, voxOffset);
            F32(112, 1);
            bytes[123] = (byte)XyztUnits;
            I16(252, (short)QFormCode);
            I16(254, (short)SFormCode);
            for (int i = 0; i < 6; i++)
            {
                F32(256 + 4 * i, Quatern[i]);
            }
            for (int r = 0; r < 3; r++)
            {
                for (int c = 0; c < 4; c++)
                {
                    F32(280 + 16 * r + 4 * c, SRow[r][c]);
                }
            }
            Encoding.ASCII.GetBytes(Intent).CopyTo(bytes, 328);
            "n+1\0"u8.CopyTo(bytes.AsSpan(344));
        }
        else
        {
            "n+2\0\r\n\u001a\n"u8.CopyTo(bytes.AsSpan(4));
            I16(12, DataType);
            I16(14, (short)(element * 8));
            for (int i = 0; i < 8; i++)
            {
                I64(16 + 8 * i, Dim[i]);
                F64(104 + 8 * i, PixDim[i]);
            }
            I64(168, voxOffset);
            F64(176, 1);
            I32(344, QFormCode);
            I32(348, SFormCode);
            for (int i = 0; i < 6; i++)
            {
                F64(352 + 8 * i, Quatern[i]);
            }
            for (int r = 0; r < 3; r++)
            {
                for (int c = 0; c < 4; c++)
                {
                    F64(400 + 32 * r + 8 * c, SRow[r][c]);
                }
            }
            I32(500, XyztUnits);
            Encoding.ASCII.GetBytes(Intent).CopyTo(bytes, 508);
        }
        if (json is not null)
        {
            bytes[headerSize] = 1;
            I32(headerSize + 4, extensionSizeOverride ?? esize);
            I32(headerSize + 8, 44);
            json.CopyTo(bytes, headerSize + 12);
        }
        int pos = headerSize + 4 + esize;
        foreach (var z in data)
        {
            if (element == 16)
            {
                F64(pos, z.Real);
                F64(pos + 8, z.Imaginary);
            }
            else
            {
                F32(pos, z.Real);
                F32(pos + 4, z.Imaginary);
            }
            pos += element;
        }
        return bytes;
    }

    public static byte[] Gzip(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gz = new GZipStream(output, CompressionLevel.Fastest))
        {
            gz.Write(bytes);
        }
        return output.ToArray();
    }

    public static byte[] Gunzip(string path)
    {
        using var gz = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var buffer = new MemoryStream();
        gz.CopyTo(buffer);
        return buffer.ToArray();
    }

    public static string Write(byte[] bytes, string name = "t.nii")
    {
        var path = Path.Combine(TestData.NewTempFolder(), name);
        File.WriteAllBytes(path, name.EndsWith(".gz", StringComparison.Ordinal) ? Gzip(bytes) : bytes);
        return path;
    }
}

[UnitTest]
public class NiftiMrsReaderTests
{
    private const string Metab = "mrs/nifti/metab.nii.gz";
    private readonly NiftiMrsReader _reader = new();

    private MrsAcquisition Read(string relative) => Assert.Single(_reader.Read(TestData.Path(relative), MrsReadOptions.Default));

    [Fact]
    public void Read_NiftiMrsMetab_HeaderValues()
    {
        var a = Read(Metab);

        Assert.Equal("NIfTI-MRS", a.Provenance.SourceFormat);
        Assert.Equal(4095, a.Points);
        Assert.Equal((1, 1, 1), (a.Averages, a.Coils, a.Voxels));
        Assert.Equal(1 / 8.33e-5, a.SpectralWidthHz, 6);
        Assert.Equal(297.219948, a.TransmitterFrequencyMHz, 9);
        Assert.Equal(11.0, a.EchoTimeMs!.Value, 9);
        Assert.Equal(5000.0, a.RepetitionTimeMs!.Value, 9);
        Assert.Equal("1H", a.Nucleus);
        Assert.Equal(4.65, a.ReferencePpm);
        Assert.Equal(AcquisitionRole.Metabolite, a.Role);
        Assert.Equal("SIEMENS", a.Provenance.Manufacturer);
        Assert.Equal("STEAM_metab", a.Provenance.ProtocolName);
        Assert.Equal("STEAM", a.Localization.Technique);
        // sform: RAS (-32.90, 10.66, 21.36) → LPS.
        Assert.Equal([32.90067836, -10.6633755, 21.35589036], a.Localization.PositionMm!);
        Assert.Equal([20.0, 20.0, 20.0], a.Localization.VoxelSizeMm!);
    }

    [Fact]
    public void Read_NiftiMrsMetab_NaaAt201WithoutConjugation()
    {
        var a = Read(Metab);
        double naa = SpectrumCheck.AssertPeak(a, 2.01);
        Assert.InRange(naa, 1.99, 2.03); // measured 2.005
        SpectrumCheck.AssertPeak(a, 3.03, window: 0.08);
    }

    [Fact]
    public void Read_MetabRaw_CoilsAndDynamicsInOrder()
    {
        var a = Read("mrs/nifti/metab_raw.nii.gz");

        Assert.Equal(4096, a.Points);
        Assert.Equal(4, a.Coils);
        Assert.Equal(16, a.Averages);
        Assert.Equal(16, a.AcquiredAverages);
        Assert.Equal(AcquisitionRole.Metabolite, a.Role);
        SpectrumCheck.AssertPeak(a, 2.01);
        // NIfTI order: t fastest, then coil (dim 5), then dynamic (dim 6).
        var raw = NiftiBuilder.Gunzip(TestData.Path("mrs/nifti/metab_raw.nii.gz"));
        long offset = BinaryPrimitives.ReadInt64LittleEndian(raw.AsSpan(168));
        foreach (var (avg, coil, t) in new[] { (0, 0, 0), (3, 2, 17), (15, 3, 4095), (7, 1, 1000) })
        {
            int index = (int)offset + 8 * (t + 4096 * (coil + 4 * avg));
            var expected = new Complex(BinaryPrimitives.ReadSingleLittleEndian(raw.AsSpan(index)), BinaryPrimitives.ReadSingleLittleEndian(raw.AsSpan(index + 4)));
            Assert.Equal(expected, a.Fid(0, avg, coil)[t]);
        }
    }

    [Fact]
    public void Read_WrefRaw_WaterReference()
    {
        var a = Read("mrs/nifti/wref_raw.nii.gz");

        Assert.Equal((4096, 4, 2), (a.Points, a.Coils, a.Averages));
        Assert.Equal(AcquisitionRole.WaterReference, a.Role);
        Assert.Equal("STEAM_wref1", a.Provenance.ProtocolName);
        Assert.InRange(SpectrumCheck.PeakPpm(SpectrumCheck.Combined(a), a.Axis, 4.2, 5.2), 4.55, 4.75);
    }

    [Fact]
    public void Read_OspreySvsRef_32CoilsAndRoleFromContent()
    {
        var a = Read("mrs/nifti/osprey-sub-01_ses-01_SVS-ref.nii.gz");

        Assert.Equal((2048, 32, 1), (a.Points, a.Coils, a.Averages));
        Assert.Equal(1 / 1.666e-4, a.SpectralWidthHz, 6);
        Assert.Equal("STEAM_metab", a.Provenance.ProtocolName);
        // MANIFEST.md calls this file a metabolite scan from its header (OriginalFile meas_MID310_STEAM_metab);
        // its spectrum is unsuppressed water (water / metabolite peak ≈ 190, as wref_raw; metab_raw ≈ 1.4),
        // so the content rule makes it a water reference, as its name says.
        Assert.Equal(AcquisitionRole.WaterReference, a.Role);
    }

    [Fact]
    public void Read_PreStandardNiftiWithSidecar_ConjugatedNaaAt201()
    {
        var a = Read("mrs/spec2nii/metab.nii");

        Assert.Equal("NIfTI (pre-standard)", a.Provenance.SourceFormat);
        Assert.Equal(4096, a.Points);
        Assert.Equal(1 / 8.3333e-5, a.SpectralWidthHz, 6); // sidecar Dwelltime (pixdim[4] is 8.33e-5)
        Assert.Equal(297.219948, a.TransmitterFrequencyMHz, 9); // sidecar ImagingFrequency, Hz
        Assert.Equal(4.65, a.ReferencePpm);
        Assert.Equal(AcquisitionRole.Metabolite, a.Role);
        // Stored 5.22711e-05 - 2.2257549e-05 i: spec2nii's pre-standard (mirrored) convention, conjugated.
        Assert.Equal(2.2257548890130993e-05, a.Data[0].Imaginary, 15);
        SpectrumCheck.AssertPeak(a, 2.01);
    }

    [Fact]
    public void Read_PreStandardNiftiWithoutSidecar_AsksForFrequency()
    {
        var dir = SpectrumCheck.CopyToTemp("mrs/spec2nii/metab.nii");
        var path = Path.Combine(dir, "metab.nii");
        Assert.Contains("--frequency", SpectrumCheck.ReadFails(() => _reader.Read(path, MrsReadOptions.Default)));
        var a = Assert.Single(_reader.Read(path, MrsReadOptions.Default with { FrequencyMHz = 297.219948 }));
        Assert.Equal(1 / 8.33e-5, a.SpectralWidthHz, 0); // pixdim[4], float32
        Assert.Equal(Read("mrs/spec2nii/metab.nii").Data, a.Data);
    }

    public static TheoryData<int, bool, short, bool> Layouts() => new()
    {
        { 1, false, 32, false },
        { 1, true, 1792, false },
        { 2, true, 32, true },
        { 2, false, 1792, true },
        { 1, true, 32, true },
    };

    [Theory]
    [MemberData(nameof(Layouts))]
    public void Read_RewrittenLayout_SameAcquisition(int version, bool bigEndian, short dataType, bool gzip)
    {
        var original = Read(Metab);
        var builder = new NiftiBuilder
        {
            Version = version,
            BigEndian = bigEndian,
            DataType = dataType,
            Dim = [4, 1, 1, 1, 4095, 1, 1, 1],
            PixDim = [1, 20, 20, 20, 8.33e-5, 1, 1, 1],
            Json = NiftiBuilder.StandardJson,
        };
        var path = NiftiBuilder.Write(builder.Build(original.Data), gzip ? "t.nii.gz" : "t.nii");

        Assert.True(_reader.CanRead(MrsFileProbe.Open(path)));
        var a = Assert.Single(_reader.Read(path, MrsReadOptions.Default));
        Assert.Equal(original.Data, a.Data);
        Assert.Equal(original.SpectralWidthHz, a.SpectralWidthHz, version == 1 ? 1e-2 : 1e-9);
        Assert.Equal(original.TransmitterFrequencyMHz, a.TransmitterFrequencyMHz);
        Assert.Equal(original.EchoTimeMs, a.EchoTimeMs);
        Assert.Equal([30.0, -10.0, 20.0], a.Localization.PositionMm!);
    }

    [Fact]
    public void Read_EditDimension_OneAcquisitionPerSubSpectrum()
    {
        var on = Fortran.Singlets(256, 4000, 123.2, 4.65, (2.01, 1.0));
        var off = Fortran.Singlets(256, 4000, 123.2, 4.65, (3.03, 1.0));
        // dims: 256 points × 2 coils (dim 5) × 2 edit (dim 6); NIfTI order t, coil, edit.
        Complex[] data = [.. on, .. on.Select(z => 2 * z), .. off, .. off.Select(z => 2 * z)];
        var builder = new NiftiBuilder
        {
            Dim = [6, 1, 1, 1, 256, 2, 2, 1],
            Json = """{"SpectrometerFrequency":[123.2],"ResonantNucleus":["1H"],"dim_5":"DIM_COIL","dim_6":"DIM_EDIT"}""",
        };
        var list = _reader.Read(NiftiBuilder.Write(builder.Build(data)), MrsReadOptions.Default);

        Assert.Equal(2, list.Count);
        Assert.All(list, a => Assert.Equal((2, 1), (a.Coils, a.Averages)));
        Assert.Equal(on.Select(z => (Complex)(Complex64Round(z))), list[0].Fid(0, 0, 0).ToArray());
        SpectrumCheck.AssertPeak(list[0], 2.01);
        SpectrumCheck.AssertPeak(list[1], 3.03);
    }

    private static Complex Complex64Round(Complex z) => new((float)z.Real, (float)z.Imaginary);

    [Fact]
    public void Read_SpatialGrid_GeometryFromSformInLpsAndVoxelOrder()
    {
        var singlet = Fortran.Singlets(256, 4000, 123.2, 4.65, (2.01, 1.0));
        // 3 × 2 × 1 voxels, NIfTI order: x fastest, then y, then time; voxel v holds (v + 1) × the singlet.
        var data = new Complex[6 * 256];
        for (int t = 0; t < 256; t++)
        {
            for (int v = 0; v < 6; v++)
            {
                data[t * 6 + v] = (v + 1) * singlet[t];
            }
        }
        // RAS: i steps 10 mm to the right (−x), j 12 mm anterior (+y), k 8 mm superior; voxel 0 at (50, −20, 5).
        var builder = new NiftiBuilder { Dim = [4, 3, 2, 1, 256, 1, 1, 1], SRow = [[-10, 0, 0, 50], [0, 12, 0, -20], [0, 0, 8, 5]] };
        var a = Assert.Single(_reader.Read(NiftiBuilder.Write(builder.Build(data)), MrsReadOptions.Default));
        var g = a.Localization.Geometry;

        Assert.NotNull(g);
        Assert.Equal(new MrsiGrid(3, 2, 1), g.Grid);
        Assert.Equal([-50.0, 20.0, 5.0], g.FirstVoxelCentreMm);
        Assert.Equal([1.0, 0, 0], g.RowDirection);
        Assert.Equal([0, -1.0, 0], g.ColumnDirection);
        Assert.Equal([10.0, 12.0, -8.0], g.VoxelSpacingMm);
        // Voxel (column 2, row 1): RAS (30, −8, 5) → LPS (−30, 8, 5), and it holds 6 × the singlet.
        Assert.Equal([-30.0, 8.0, 5.0], g.VoxelCentre(g.Index(2, 1, 0)));
        Assert.Equal(6 * singlet[0].Real, a.Fid(g.Index(2, 1, 0))[0].Real, 1e-4 * Math.Abs(singlet[0].Real) + 1e-6);
    }

    [Fact]
    public void Read_SingleVoxel_NoGeometry()
    {
        var data = Fortran.Singlets(256, 4000, 123.2, 4.65, (2.01, 1.0));
        var a = Assert.Single(_reader.Read(NiftiBuilder.Write(new NiftiBuilder().Build(data)), MrsReadOptions.Default));
        Assert.Null(a.Localization.Geometry);
    }

    [Fact]
    public void Read_QformOnly_PositionFromQuaternion()
    {
        var data = Fortran.Singlets(256, 4000, 123.2, 4.65, (2.01, 1.0));
        // qfac −1, identity rotation, offset (10, 20, 30) RAS.
        var builder = new NiftiBuilder { Version = 1, QFormCode = 1, SFormCode = 0, Quatern = [0, 0, 0, 10, 20, 30], PixDim = [-1, 10, 15, 20, 2.5e-4, 1, 1, 1] };
        var a = Assert.Single(_reader.Read(NiftiBuilder.Write(builder.Build(data)), MrsReadOptions.Default));
        Assert.Equal([-10.0, -20.0, 30.0], a.Localization.PositionMm!);
        Assert.Equal([10.0, 15.0, 20.0], a.Localization.VoxelSizeMm!);
        Assert.Equal([-1.0, -0.0, 0.0, -0.0, -1.0, 0.0], a.Localization.Orientation!);
    }

    [Fact]
    public void Read_DwellInMilliseconds_Converted()
    {
        var data = Fortran.Singlets(256, 4000, 123.2, 4.65, (2.01, 1.0));
        var builder = new NiftiBuilder { PixDim = [1, 20, 20, 20, 0.25, 1, 1, 1], XyztUnits = 2 | 16 };
        var a = Assert.Single(_reader.Read(NiftiBuilder.Write(builder.Build(data)), MrsReadOptions.Default));
        Assert.Equal(4000, a.SpectralWidthHz, 6);
    }

    [Theory]
    [InlineData(""","MixingTime":0.032""", 32.0)]
    [InlineData("", null)]
    public void Read_MixingTimeField_StatedInMilliseconds(string field, double? expectedMs)
    {
        var data = Fortran.Singlets(256, 4000, 123.2, 4.65, (2.01, 1.0));
        var builder = new NiftiBuilder { Json = $$"""{"SpectrometerFrequency":[123.2],"ResonantNucleus":["1H"],"EchoTime":0.011,"SequenceName":"svs_st"{{field}}}""" };
        var a = Assert.Single(_reader.Read(NiftiBuilder.Write(builder.Build(data)), MrsReadOptions.Default));
        Assert.Equal(expectedMs, a.Localization.MixingTimeMs is { } tm ? Math.Round(tm, 9) : null);
    }

    [Fact]
    public void CanRead_NiftiOnly()
    {
        Assert.True(_reader.CanRead(MrsFileProbe.Open(TestData.Path(Metab))));
        Assert.True(_reader.CanRead(MrsFileProbe.Open(TestData.Path("mrs/spec2nii/metab.nii"))));
        Assert.True(_reader.CanRead(MrsFileProbe.Open(TestData.Path("mrs/nifti/osprey-sub-01_ses-01_SVS-ref.nii.gz"))));
        foreach (var other in new[] { "mrs/siemens-svs30.rda", "mrs/philips-sdat/sub-01_PRESS_35_act.sdat", "mrs/spec2nii/metab.RAW", "mrs/spec2nii/metab.json" })
        {
            Assert.False(_reader.CanRead(MrsFileProbe.Open(TestData.Path(other))), other);
        }
        // gzip of something that is not NIfTI.
        Assert.False(_reader.CanRead(MrsFileProbe.Open(NiftiBuilder.Write(File.ReadAllBytes(TestData.Path("mrs/siemens-svs30.rda")), "x.nii.gz"))));
    }

    // ---- malformed input ------------------------------------------------------------------------

    private static readonly Complex[] _small = Fortran.Singlets(256, 4000, 123.2, 4.65, (2.01, 1.0));

    private string Fails(NiftiBuilder builder, Func<byte[], byte[]>? edit = null, string name = "t.nii", int? extensionSize = null, long? voxOffset = null)
    {
        var bytes = builder.Build(_small, extensionSize, voxOffset);
        return SpectrumCheck.ReadFails(() => _reader.Read(NiftiBuilder.Write(edit?.Invoke(bytes) ?? bytes, name), MrsReadOptions.Default));
    }

    [Fact]
    public void Read_RealDataType_ThrowsNotComplex()
    {
        Assert.Contains("not complex", Fails(new NiftiBuilder { DataType = 16 }));
    }

    [Fact]
    public void Read_DimsLargerThanData_ThrowsSizeMismatch()
    {
        var message = Fails(new NiftiBuilder { Dim = [4, 1, 1, 1, 512, 1, 1, 1] });
        Assert.Contains("lies about the size", message);
        Assert.Contains("lies about the size", Fails(new NiftiBuilder { Dim = [5, 1, 1, 1, 256, 1000, 1, 1] }));
        Assert.Contains("more samples", Fails(new NiftiBuilder { Dim = [7, 1000, 1000, 1000, 256, 1000, 1000, 1000] }));
    }

    [Fact]
    public void Read_TruncatedData_Throws()
    {
        Assert.Contains("truncated", Fails(new NiftiBuilder(), b => b[..^100]));
        Assert.Contains("truncated", Fails(new NiftiBuilder(), b => b[..^100], "t.nii.gz"));
    }

    [Fact]
    public void Read_TruncatedGzip_Throws()
    {
        var gz = File.ReadAllBytes(TestData.Path(Metab));
        var path = Path.Combine(TestData.NewTempFolder(), "cut.nii.gz");
        File.WriteAllBytes(path, gz[..(gz.Length / 2)]);
        SpectrumCheck.ReadFails(() => _reader.Read(path, MrsReadOptions.Default));
    }

    [Fact]
    public void Read_Nucleus31PInJson_ThrowsMentioning1H()
    {
        var message = Fails(new NiftiBuilder { Json = """{"SpectrometerFrequency":[49.9],"ResonantNucleus":["31P"]}""" });
        Assert.Contains("1H", message);
        Assert.Contains("31P", message);
    }

    [Theory]
    [InlineData("""{"ResonantNucleus":["1H"]}""", "SpectrometerFrequency")]
    [InlineData("""{"SpectrometerFrequency":[123.2]}""", "ResonantNucleus")]
    [InlineData("""{"SpectrometerFrequency":["fast"],"ResonantNucleus":["1H"]}""", "SpectrometerFrequency")]
    [InlineData("""{"SpectrometerFrequency":[123.2],"ResonantNucleus":["1H"],"EchoTime":{"a":1}}""", "EchoTime")]
    [InlineData("""{"SpectrometerFrequency":[123.2,"ResonantNucleus":["1H"]}""", "JSON")]
    [InlineData("""[1,2]""", "JSON object")]
    [InlineData("""{"SpectrometerFrequency":[123.2],"ResonantNucleus":["1H"],"dim_5":"DIM_COIL","dim_6":"DIM_COIL"}""", "DIM_COIL")]
    public void Read_BadJson_Throws(string json, string expected)
    {
        var dims = json.Contains("dim_6", StringComparison.Ordinal) ? new long[] { 6, 1, 1, 1, 16, 4, 4, 1 } : [4, 1, 1, 1, 256, 1, 1, 1];
        Assert.Contains(expected, Fails(new NiftiBuilder { Json = json, Dim = dims }));
    }

    [Fact]
    public void Read_ExtensionSizeLying_Throws()
    {
        Assert.Contains("extension", Fails(new NiftiBuilder(), extensionSize: 1 << 20));
        Assert.Contains("extension", Fails(new NiftiBuilder(), extensionSize: 3));
    }

    [Fact]
    public void Read_VoxOffsetOutsideFile_Throws()
    {
        Assert.Contains("vox_offset", Fails(new NiftiBuilder(), voxOffset: 1L << 40));
        Assert.Contains("vox_offset", Fails(new NiftiBuilder { Version = 1 }, voxOffset: 100));
    }

    [Fact]
    public void Read_BadDims_Throws()
    {
        Assert.Contains("dim[0]", Fails(new NiftiBuilder { Dim = [3, 1, 1, 1, 256, 1, 1, 1] }));
        Assert.Contains("dim[2]", Fails(new NiftiBuilder { Dim = [4, 1, -1, 1, 256, 1, 1, 1] }));
        Assert.Contains("points", Fails(new NiftiBuilder { Dim = [4, 256, 1, 1, 1, 1, 1, 1] }));
    }

    [Fact]
    public void Read_MrsIntentWithoutExtension_Throws()
    {
        Assert.Contains("ecode 44", Fails(new NiftiBuilder { Json = null }));
    }

    [Fact]
    public void Read_NotSingleFileOrNotNifti_Throws()
    {
        Assert.Contains("n+1", Fails(new NiftiBuilder { Version = 1 }, b => { b[345] = (byte)'i'; return b; }));
        Assert.Contains("sizeof_hdr", Fails(new NiftiBuilder(), b => { b[0] = 7; return b; }));
    }

    [Fact]
    public void Read_NaNSample_Throws()
    {
        Assert.Contains("finite", Fails(new NiftiBuilder(), b => { BinaryPrimitives.WriteSingleLittleEndian(b.AsSpan(b.Length - 8), float.NaN); return b; }));
    }

    [Fact]
    public void Read_FuzzedHeader_OnlyMrsReadExceptionOrSuccess()
    {
        var original = new NiftiBuilder { Json = NiftiBuilder.StandardJson }.Build(_small);
        Fuzzer.FuzzFile(original, "f.nii", variants: 300, seed: 9, hotBytes: 900, read: p => _reader.Read(p, MrsReadOptions.Default));
        var nifti1 = new NiftiBuilder { Version = 1, BigEndian = true }.Build(_small);
        Fuzzer.FuzzFile(nifti1, "g.nii", variants: 200, seed: 10, hotBytes: 600, read: p => _reader.Read(p, MrsReadOptions.Default));
    }

    [Fact]
    public void Read_FuzzedGzip_OnlyMrsReadExceptionOrSuccess()
    {
        var original = File.ReadAllBytes(TestData.Path(Metab));
        Fuzzer.FuzzFile(original, "f.nii.gz", variants: 100, seed: 11, hotBytes: 2000, read: p => _reader.Read(p, MrsReadOptions.Default));
    }
}
