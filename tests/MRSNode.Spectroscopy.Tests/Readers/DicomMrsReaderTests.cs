using System.Numerics;
using MRSNode.Dicom;
using MRSNode.Dicom.IO;
using MRSNode.Spectroscopy.Readers;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Spectroscopy.Tests.Readers;

[UnitTest]
public class DicomMrsReaderTests
{
    private const string Xa60 = "dicom/siemens-xa60-svs.dcm";
    private const string Philips = "dicom/philips-mrs-2frame.dcm";
    private const string SevenTesla = "dicom/siemens-xa60-7t-averaged.dcm";
    private const string Csa = "dicom/siemens-csa-svs30.ima";

    private static IReadOnlyList<MrsAcquisition> Read(string relative, MrsReadOptions? options = null) =>
        new DicomMrsReader().Read(TestData.Path(relative), options ?? MrsReadOptions.Default);

    [Theory]
    [InlineData(Xa60, true)]
    [InlineData(Philips, true)]
    [InlineData(SevenTesla, true)]
    [InlineData("dicom/xa60-7t-single-averages/30001.dcm", true)]
    [InlineData(Csa, false)]
    [InlineData("mrs/siemens-svs30.rda", false)]
    public void CanRead_ByContent_OnlyMrSpectroscopyStorage(string relative, bool expected)
    {
        Assert.Equal(expected, new DicomMrsReader().CanRead(MrsFileProbe.Open(TestData.Path(relative))));
    }

    [Fact]
    public void CanRead_BareDatasetWithoutPreamble_True()
    {
        var bytes = File.ReadAllBytes(TestData.Path(Xa60));
        var file = DicomFile.Open(new MemoryStream(bytes));
        using var bare = new MemoryStream();
        new DicomWriter(bare, DicomTransferSyntax.ExplicitVRLittleEndian).Write(file.Dataset);
        var probe = MrsFileProbe.FromBytes("bare.dcm", bare.ToArray()[..Math.Min(MrsFileProbe.HeadLength, (int)bare.Length)], bare.Length);
        Assert.True(new DicomMrsReader().CanRead(probe));
    }

    [Fact]
    public void CanRead_RandomBytes_False()
    {
        var bytes = new byte[4096];
        new Random(1).NextBytes(bytes);
        Assert.False(new DicomMrsReader().CanRead(MrsFileProbe.FromBytes("x.bin", bytes, bytes.Length)));
    }

    [Fact]
    public void Read_SiemensXa60Phantom_ParametersAsManifest()
    {
        var a = Assert.Single(Read(Xa60));
        Assert.Equal(1024, a.Points);
        Assert.Equal(1199.904, a.SpectralWidthHz, 0.01);
        Assert.Equal("1.3.12.2.1107.5.2.43.166042.30000025011617344417000000415", a.Provenance.FrameOfReferenceUid);
        Assert.Equal(123.255089, a.TransmitterFrequencyMHz, 1e-5);
        Assert.Equal(4.7, a.ReferencePpm, 1e-9);
        Assert.Equal("1H", a.Nucleus);
        Assert.Equal(30, a.EchoTimeMs!.Value, 1e-9);
        Assert.Equal(2000, a.RepetitionTimeMs!.Value, 1e-9);
        Assert.Equal(80, a.AcquiredAverages);
        Assert.Equal(1, a.Averages);
        Assert.Equal(1, a.Voxels);
        Assert.Equal(AcquisitionRole.Metabolite, a.Role);
        Assert.Equal("PRESS", a.Localization.Technique);
        Assert.Equal([30.0, 30.0, 30.0], a.Localization.VoxelSizeMm!);
        Assert.Equal(57.4411546053, a.Localization.PositionMm![1], 1e-9);
        Assert.Equal([-1.0, 0, 0, 0, 1, 0], a.Localization.Orientation!);
        Assert.Equal(MrsiGrid.SingleVoxel, a.Localization.Grid);
        Assert.Equal("Siemens Healthineers", a.Provenance.Manufacturer);
        Assert.Equal("MAGNETOM Prisma", a.Provenance.Model);
        Assert.Equal("syngo MR XA60", a.Provenance.SoftwareVersion);
        Assert.Equal("svs_se_30_phantom", a.Provenance.SeriesDescription);
        Assert.Equal("svs_se_30_phantom", a.Provenance.ProtocolName);
        Assert.Equal("*svs_se", a.Provenance.SequenceName);
        Assert.Equal(["1.3.12.2.1107.5.2.43.166042.30000025011617344417000000411"], a.Provenance.SopInstanceUids);
        Assert.Equal("1.3.12.2.1107.5.2.43.166042.30000025011617344417000000414", a.Provenance.SeriesInstanceUid);
        Assert.Equal(1, a.Provenance.InstanceNumber);
        Assert.Equal(DicomMrsReader.Name, a.Provenance.SourceFormat);
    }

    /// <summary>
    /// The phantom is ethanol-like: conjugated, the CH₃ triplet sits at 1.07 ppm (the CH₂ quartet at
    /// 3.6 ppm); as stored it would be at 8.33 ppm. The mirror of the triplet must be empty.
    /// </summary>
    [Fact]
    public void Read_SiemensXa60Phantom_ConjugatedTripletAt1_07MirrorEmpty()
    {
        var a = Assert.Single(Read(Xa60));
        var (ppm, mirror) = SpectrumChecks.PeakAndMirror(a.Fid(), a.Axis, 1.1);
        Assert.Equal(1.07, ppm, 0.02);
        Assert.True(mirror < 0.1, $"mirror at {2 * 4.7 - ppm:F2} ppm is {mirror:P1} of the peak");
        Assert.Equal(3.60, a.Axis.PeakPpm(a.Fid(), 3.45, 3.75), 0.03);
    }

    [Fact]
    public void Read_PhilipsTwoFrame_MetaboliteThenWaterReference()
    {
        var list = Read(Philips);
        Assert.Equal(2, list.Count);
        var (metabolite, water) = (list[0], list[1]);
        Assert.Equal(AcquisitionRole.Metabolite, metabolite.Role);
        Assert.Equal(AcquisitionRole.WaterReference, water.Role);
        foreach (var a in list)
        {
            Assert.Equal(1024, a.Points);
            Assert.Equal(1, a.Averages);
            Assert.Equal(1000.0, a.SpectralWidthHz, 0.01);
            Assert.Equal(63.89575, a.TransmitterFrequencyMHz, 1e-5);
            Assert.Equal(31.91, a.EchoTimeMs!.Value, 0.01);
            Assert.Equal(2000, a.RepetitionTimeMs!.Value, 1e-9);
            Assert.Equal(4.68, a.ReferencePpm, 1e-9);
            Assert.Equal("PRIME", a.Localization.Technique);
            Assert.Equal([25.0, 25.0, 15.0], a.Localization.VoxelSizeMm!);
            Assert.Equal("Philips Medical Systems", a.Provenance.Manufacturer);
            Assert.Equal("MRS-shortTE-LN", a.Provenance.SeriesDescription);
        }
        // Frame 1 is frame 1 of the data, frame 2 the second 1024 points (both conjugated).
        var raw = DicomFile.Open(TestData.Path(Philips)).Dataset.GetComplexFloats(DicomTags.SpectroscopyData);
        Assert.Equal(Complex.Conjugate(raw[5]), metabolite.Data[5]);
        Assert.Equal(Complex.Conjugate(raw[1024 + 5]), water.Data[5]);
        Assert.Equal(4.70, SpectrumChecks.MaxPpm(water.Fid(), water.Axis), 0.05);
    }

    /// <summary>
    /// The Philips QA phantom's metabolites, conjugated: NAA, Cr and Cho upfield of water, each 0.16 ppm
    /// below its in-vivo shift (NAA 1.85, Cr 2.88, Cr CH₂ 3.76) because the header references water at
    /// 4.68 ppm, water's body-temperature shift, and a room-temperature phantom's water line sits
    /// ≈0.16 ppm further downfield (−0.01 ppm/°C). The spacings are NAA's; the mirror is empty. As stored
    /// (not conjugated) the strongest metabolite line would be at 7.51 ppm.
    /// </summary>
    [Fact]
    public void Read_PhilipsMetabolite_NaaCrPatternUpfieldMirrorEmpty()
    {
        var a = Read(Philips)[0];
        var (naa, mirror) = SpectrumChecks.PeakAndMirror(a.Fid(), a.Axis, 1.9);
        Assert.Equal(1.85, naa, 0.03);
        Assert.True(mirror < 0.1, $"mirror is {mirror:P1} of NAA");
        double cr = a.Axis.PeakPpm(a.Fid(), 2.75, 2.95);
        Assert.Equal(1.02, cr - naa, 0.03); // Cr CH₃ 3.03 − NAA 2.01
        Assert.Equal(1.85, a.Axis.PeakPpm(a.Fid(), 1.8, 2.2), 0.03);
    }

    [Fact]
    public void Read_SevenTeslaAveraged_ParametersAsManifest()
    {
        var a = Assert.Single(Read(SevenTesla));
        Assert.Equal(1024, a.Points);
        Assert.Equal(2000.0, a.SpectralWidthHz, 0.01);
        Assert.Equal(297.154513, a.TransmitterFrequencyMHz, 1e-5);
        Assert.Equal(30, a.EchoTimeMs!.Value, 1e-9);
        Assert.Equal(4000, a.RepetitionTimeMs!.Value, 1e-9);
        Assert.Equal(64, a.AcquiredAverages);
        Assert.Equal(1, a.Averages);
        Assert.Equal(AcquisitionRole.Metabolite, a.Role);
        Assert.Equal("MAGNETOM Terra.X", a.Provenance.Model);
        Assert.Equal(7.0, a.FieldStrengthTesla, 0.05);
    }

    /// <summary>7 T, conjugated: NAA 2.06, Cr 3.06, Cho 3.24 ppm (a common +0.05 ppm offset from the in-vivo shifts); mirror empty.</summary>
    [Fact]
    public void Read_SevenTeslaAveraged_NaaCrChoUpfieldMirrorEmpty()
    {
        var a = Assert.Single(Read(SevenTesla));
        var (naa, mirror) = SpectrumChecks.PeakAndMirror(a.Fid(), a.Axis, 2.01);
        Assert.Equal(2.06, naa, 0.02);
        Assert.True(Math.Abs(naa - 2.01) <= 0.05);
        Assert.True(mirror < 0.1, $"mirror is {mirror:P1} of NAA");
        Assert.Equal(3.06, a.Axis.PeakPpm(a.Fid(), 2.95, 3.12), 0.02);
        Assert.Equal(3.24, a.Axis.PeakPpm(a.Fid(), 3.15, 3.35), 0.02);
    }

    [Fact]
    public void Read_SpectroscopyDataTruncated_ThrowsNamingSizes()
    {
        var path = Modified(Xa60, ds =>
        {
            var bytes = ds.GetBytes(DicomTags.SpectroscopyData).ToArray();
            ds.AddOrUpdate(new DicomElement(DicomTags.SpectroscopyData, DicomVR.OF, bytes.AsMemory(..^8)));
        });
        var ex = Assert.Throws<MrsReadException>(() => new DicomMrsReader().Read(path, MrsReadOptions.Default));
        Assert.Contains("8184 bytes", ex.Message);
        Assert.Contains("8192 bytes", ex.Message);
        Assert.Contains("(5600,0020)", ex.Message);
    }

    [Fact]
    public void Read_Phosphorus_ThrowsUnlessAllowed()
    {
        var path = Modified(Xa60, ds => ds.AddOrUpdate(DicomTags.ResonantNucleus, "31P"));
        var ex = Assert.Throws<MrsReadException>(() => new DicomMrsReader().Read(path, MrsReadOptions.Default));
        Assert.Contains("1H", ex.Message);
        Assert.Contains("31P", ex.Message);
        var a = Assert.Single(new DicomMrsReader().Read(path, new MrsReadOptions { AllowNonProton = true }));
        Assert.Equal("31P", a.Nucleus);
        Assert.Equal(AcquisitionRole.Unknown, a.Role);
    }

    [Theory]
    [InlineData("MAGNITUDE", "COMPLEX")]
    [InlineData("REAL", "COMPLEX")]
    public void Read_NotComplex_Throws(string representation, string expected)
    {
        var path = Modified(Xa60, ds => ds.AddOrUpdate(DicomTags.DataRepresentation, representation));
        var ex = Assert.Throws<MrsReadException>(() => new DicomMrsReader().Read(path, MrsReadOptions.Default));
        Assert.Contains(representation, ex.Message);
        Assert.Contains(expected, ex.Message);
    }

    [Fact]
    public void Read_FrequencyDomain_ThrowsAskingForTheFid()
    {
        var path = Modified(Xa60, ds => ds.AddOrUpdate(DicomTags.SignalDomainColumns, "FREQUENCY"));
        var ex = Assert.Throws<MrsReadException>(() => new DicomMrsReader().Read(path, MrsReadOptions.Default));
        Assert.Contains("FREQUENCY", ex.Message);
        Assert.Contains("TIME", ex.Message);
    }

    [Fact]
    public void Read_NotMrSpectroscopy_Throws()
    {
        var ex = Assert.Throws<MrsReadException>(() => Read(Csa));
        Assert.Contains("1.3.12.2.1107.5.9.1", ex.Message);
    }

    [Fact]
    public void Read_ChemicalShiftReferenceAbsent_Defaults4_7()
    {
        var path = Modified(Philips, ds => ds.Remove(DicomTags.ChemicalShiftReference));
        Assert.All(new DicomMrsReader().Read(path, MrsReadOptions.Default), a => Assert.Equal(4.7, a.ReferencePpm));
    }

    [Fact]
    public void Read_WaterReferenceAcquisitionFlag_Honoured()
    {
        var path = Modified(Xa60, ds => ds.AddOrUpdate(DicomTags.WaterReferenceAcquisition, "WATER_REFERENCE"));
        Assert.Equal(AcquisitionRole.WaterReference, Assert.Single(new DicomMrsReader().Read(path, MrsReadOptions.Default)).Role);
    }

    [Fact]
    public void Read_ImagingGrid_VoxelsRowsColumnsSlices()
    {
        // Reshape the 1024-point SVS into a 2 × 2 grid of 256 points in one frame.
        var path = Modified(Xa60, ds =>
        {
            ds.AddOrUpdate<ushort>(DicomTags.Rows, DicomVR.US, 2);
            ds.AddOrUpdate<ushort>(DicomTags.Columns, DicomVR.US, 2);
            ds.AddOrUpdate<uint>(DicomTags.DataPointColumns, DicomVR.UL, 256);
        });
        var a = Assert.Single(new DicomMrsReader().Read(path, MrsReadOptions.Default));
        Assert.Equal(4, a.Voxels);
        Assert.Equal(256, a.Points);
        Assert.Equal(new MrsiGrid(2, 2, 1), a.Localization.Grid);
        Assert.Equal([30.0, 30.0, 30.0], a.Localization.VoxelSizeMm!); // pixel spacing 30\30, slice thickness 30
    }

    /// <summary>A copy of a test file with its data set changed, saved with <see cref="DicomFile.Save(string, DicomTransferSyntax?, DicomWriteOptions?)"/>.</summary>
    internal static string Modified(string relative, Action<DicomDataset> change)
    {
        var file = DicomFile.Open(TestData.Path(relative));
        change(file.Dataset);
        var path = Path.Combine(TestData.NewTempFolder(), Path.GetFileName(relative));
        file.Save(path);
        return path;
    }

    [Fact]
    public void Read_PerFrameEchoTimesDiffer_DesignListsEveryEchoTime()
    {
        var dataset = MrsDicomWriter.CreateDataset(TwoFrameAcquisition());
        var frames = dataset.GetSequence(DicomTags.PerFrameFunctionalGroupsSequence)!.Items;
        frames[0].AddOrUpdate(DicomTags.MREchoSequence, new DicomDataset().AddOrUpdate(DicomTags.EffectiveEchoTime, DicomVR.FD, 30.0));
        frames[1].AddOrUpdate(DicomTags.MREchoSequence, new DicomDataset().AddOrUpdate(DicomTags.EffectiveEchoTime, DicomVR.FD, 144.0));
        var path = Path.Combine(TestData.NewTempFolder(), "multi-echo.dcm");
        new DicomFile(dataset, DicomTransferSyntax.ExplicitVRLittleEndian).Save(path);

        var acquisition = Assert.Single(new DicomMrsReader().Read(path, MrsReadOptions.Default));

        Assert.Equal([30.0, 144.0], acquisition.Design.EchoTimesMs);
    }

    [Fact]
    public void Read_OneEchoTime_PlainDesign()
    {
        Assert.Same(AcquisitionDesign.Plain, Read(Xa60)[0].Design);
    }

    private static MrsAcquisition TwoFrameAcquisition() =>
        new(Enumerable.Range(0, 512).Select(t => Complex.FromPolarCoordinates(Math.Exp(-t / 100.0), t * 0.3)).ToArray(), 256, 2)
        {
            SpectralWidthHz = 2000,
            TransmitterFrequencyMHz = 123.2,
            EchoTimeMs = 30,
            Localization = new Localization { PositionMm = [0, 0, 0], VoxelSizeMm = [20, 20, 20], Orientation = [1, 0, 0, 0, 1, 0] },
            Provenance = new Provenance { SourceFormat = "test" },
        };
}
