using System.Globalization;
using System.Numerics;
using MRSNode.Spectroscopy.Classification;
using MRSNode.Spectroscopy.Readers;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Spectroscopy.Tests.Classification;

[UnitTest]
public class AcquisitionClassifierTests
{
    private const string EditedTail = "MRSNode quantifies unedited ¹H spectra only; edited GABA/GSH spectra need a dedicated analysis (e.g. Gannet/Osprey); no values are given";

    public static TheoryData<string> UneditedFiles() =>
    [
        "mrs/nifti/metab.nii.gz",
        "mrs/nifti/metab_raw.nii.gz",
        "mrs/nifti/wref_raw.nii.gz",
        "mrs/nifti/osprey-sub-01_ses-01_SVS-ref.nii.gz",
        "mrs/spec2nii/metab.nii",
        "mrs/spec2nii/metab.RAW",
        "mrs/philips-sdat/sub-01_PRESS_35_act.spar",
        "mrs/philips-sdat/sub-01_ses-01_PRESS_raw-act_noID.SPAR",
        "mrs/philips-sdat/sub-01_ses-01_PRESS-Inverted_TI-600_raw-act_noID.SPAR",
        "mrs/siemens-svs30.rda",
        "dicom/siemens-xa60-svs.dcm",
        "dicom/siemens-csa-svs30.ima",
        "dicom/philips-mrs-2frame.dcm",
        "dicom/siemens-xa60-7t-averaged.dcm",
    ];

    [Theory]
    [MemberData(nameof(UneditedFiles))]
    public void Classify_RealUneditedFile_SingleVoxel(string file)
    {
        var acquisitions = MrsFormats.Default.Read(TestData.Path(file));

        Assert.All(acquisitions, a =>
        {
            var classification = AcquisitionClassifier.Classify(a);
            Assert.Equal(AcquisitionKind.SingleVoxel, classification.Kind);
            Assert.Null(classification.Reason);
        });
    }

    [Fact]
    public void Classify_RealXaSingleAverageExport_SingleVoxel()
    {
        var files = Directory.GetFiles(TestData.Path("dicom/xa60-7t-single-averages"), "*.dcm");

        var acquisition = Assert.Single(MrsFormats.Default.ReadAll(files));

        Assert.Equal(64, acquisition.Averages);
        Assert.Equal(AcquisitionKind.SingleVoxel, AcquisitionClassifier.Classify(acquisition).Kind);
    }

    [Fact]
    public void Classify_Mrsi2x2NiftiWithoutGeometry_MrsiWithReason()
    {
        var path = WriteNifti([2, 2, 1, 0], """{"SpectrometerFrequency": [123.261703], "ResonantNucleus": ["1H"], "SequenceName": "csi_se"}""");

        var classification = AcquisitionClassifier.Classify(MrsFormats.Default.Read(path)[0]);

        Assert.Equal(AcquisitionKind.Mrsi, classification.Kind);
        Assert.Equal("this is an MR spectroscopic imaging (multi-voxel, 2×2×1) acquisition whose file does not state where its voxels lie: MRSNode maps MRSI only with known voxel positions; no values are given", classification.Reason);
    }

    [Fact]
    public void Classify_MrsiWithGeometry_MrsiProcessed()
    {
        var classification = AcquisitionClassifier.Classify(Grid(4, 3, geometryColumns: 4));

        Assert.Equal(AcquisitionKind.Mrsi, classification.Kind);
        Assert.True(classification.IsSupported);
        Assert.True(classification.IsMrsi);
        Assert.Null(classification.Reason);
        Assert.Equal(["grid 4×3×1", "12 voxels", "voxel positions known"], classification.Evidence);
    }

    [Fact]
    public void Classify_MrsiGeometryOfAnotherGrid_MrsiWithReason()
    {
        var classification = AcquisitionClassifier.Classify(Grid(4, 3, geometryColumns: 5));

        Assert.Equal(AcquisitionKind.Mrsi, classification.Kind);
        Assert.False(classification.IsSupported);
        Assert.Equal("this MR spectroscopic imaging acquisition holds 12 spectra but its grid is 5×3×1: the voxels cannot be placed; no values are given", classification.Reason);
    }

    [Fact]
    public void Classify_EditedMrsiWithGeometry_EditedWithReason()
    {
        var mrsi = Grid(4, 3, geometryColumns: 4);
        var edited = mrsi.Copy(mrsi.Data, mrsi.Points, 1, 1, mrsi.Voxels, mrsi.Role, null, mrsi.Provenance with { SequenceName = "svs_mega_csi" });

        var classification = AcquisitionClassifier.Classify(edited);

        Assert.Equal(AcquisitionKind.Edited, classification.Kind);
        Assert.False(classification.IsMrsi);
        Assert.Equal("this is an edited (MEGA) acquisition: MRSNode quantifies unedited ¹H spectra only; edited GABA/GSH spectra need a dedicated analysis (e.g. Gannet/Osprey); no values are given", classification.Reason);
    }

    [Fact]
    public void Classify_PhosphorusMrsiWithGeometry_NonProton()
    {
        var mrsi = Grid(4, 3, geometryColumns: 4);
        var phosphorus = new MrsAcquisition(mrsi.Data, mrsi.Points, 1, 1, mrsi.Voxels)
        {
            SpectralWidthHz = 2000,
            TransmitterFrequencyMHz = 49.9,
            Nucleus = "31P",
            Localization = mrsi.Localization,
            Provenance = mrsi.Provenance,
        };

        var classification = AcquisitionClassifier.Classify(phosphorus);

        Assert.Equal(AcquisitionKind.NonProton, classification.Kind);
        Assert.False(classification.IsSupported);
    }

    [Fact]
    public void Classify_MegaNiftiWithDimEdit_EditedMegaPress()
    {
        var path = WriteNifti([1, 1, 1, 0, 2], """{"SpectrometerFrequency": [123.261703], "ResonantNucleus": ["1H"], "SequenceName": "MEGA-PRESS", "dim_5": "DIM_EDIT", "dim_5_header": {"EditCondition": ["ON", "OFF"]}}""");

        var read = MrsFormats.Default.Read(path);
        var classification = AcquisitionClassifier.Classify(read[0]);

        Assert.Equal(2, read.Count);
        Assert.Equal(2, read[0].Design.SubSpectra);
        Assert.Equal(["DIM_EDIT"], read[0].Design.SplitDimensions);
        Assert.Equal(["dim_5_header.EditCondition"], read[0].Design.EditingFields);
        Assert.Equal(AcquisitionKind.Edited, classification.Kind);
        Assert.Equal(EditingScheme.Mega, classification.Editing);
        Assert.Equal("this is an edited (MEGA-PRESS) acquisition: " + EditedTail, classification.Reason);
    }

    [Fact]
    public void Classify_DimEditWithoutName_EditedUnknown()
    {
        var path = WriteNifti([1, 1, 1, 0, 2], """{"SpectrometerFrequency": [123.261703], "ResonantNucleus": ["1H"], "dim_5": "DIM_EDIT"}""");

        var classification = AcquisitionClassifier.Classify(MrsFormats.Default.Read(path)[1]);

        Assert.Equal(EditingScheme.Unknown, classification.Editing);
        Assert.Equal("this is an edited (2 edit sub-spectra) acquisition: " + EditedTail, classification.Reason);
    }

    [Fact]
    public void Classify_IndirectEchoTimes_MultiEcho()
    {
        var path = WriteNifti([1, 1, 1, 0, 2], """{"SpectrometerFrequency": [123.261703], "ResonantNucleus": ["1H"], "dim_5": "DIM_INDIRECT_0", "dim_5_header": {"EchoTime": [0.03, 0.144]}}""");

        var classification = AcquisitionClassifier.Classify(MrsFormats.Default.Read(path)[0]);

        Assert.Equal(AcquisitionKind.MultiEcho, classification.Kind);
        Assert.Equal("this is a multi-echo acquisition (TE 30, 144 ms): MRSNode quantifies unedited ¹H spectra only, at one echo time; no values are given", classification.Reason);
    }

    [Fact]
    public void Classify_UserDimension_SeveralSubSpectra()
    {
        var path = WriteNifti([1, 1, 1, 0, 3], """{"SpectrometerFrequency": [123.261703], "ResonantNucleus": ["1H"], "dim_5": "DIM_USER_0"}""");

        var classification = AcquisitionClassifier.Classify(MrsFormats.Default.Read(path)[0]);

        Assert.Equal(AcquisitionKind.SeveralSubSpectra, classification.Kind);
        Assert.Equal("the file holds 3 sub-spectra (DIM_USER_0), not one spectrum: MRSNode quantifies unedited ¹H spectra only and does not choose one part of a file; no values are given", classification.Reason);
    }

    [Fact]
    public void Classify_Phosphorus_NonProton()
    {
        var path = WriteNifti([1, 1, 1, 0], """{"SpectrometerFrequency": [49.9], "ResonantNucleus": ["31P"]}""");

        var classification = AcquisitionClassifier.Classify(MrsFormats.Default.Read(path, new MrsReadOptions { AllowNonProton = true })[0]);

        Assert.Equal(AcquisitionKind.NonProton, classification.Kind);
        Assert.Equal("this is a ³¹P acquisition: MRSNode quantifies unedited ¹H spectra only; no values are given", classification.Reason);
    }

    [Theory]
    [InlineData("svs_edit", null, null, EditingScheme.Mega)]
    [InlineData("eja_svs_mpress", null, null, EditingScheme.Mega)]
    [InlineData("*mega_press", null, null, EditingScheme.Mega)]
    [InlineData(null, "WIP MEGA-sLASER GABA", null, EditingScheme.Mega)]
    [InlineData(null, null, "HERMES GABA GSH", EditingScheme.Hermes)]
    [InlineData("hercules_svs", null, null, EditingScheme.Hercules)]
    [InlineData(null, "PRESS edited", null, EditingScheme.Unknown)]
    public void Classify_EditingSequenceName_Edited(string? sequence, string? protocol, string? series, EditingScheme expected)
    {
        var classification = AcquisitionClassifier.Classify(Named(sequence, protocol, series));

        Assert.Equal(AcquisitionKind.Edited, classification.Kind);
        Assert.Equal(expected, classification.Editing);
    }

    [Theory]
    [InlineData("*svs_se")]
    [InlineData("jn_svs_special")]
    [InlineData("PRESS_TE30")]
    [InlineData("svs_st")]
    public void Classify_UneditedSequenceName_SingleVoxel(string sequence)
    {
        Assert.Equal(AcquisitionKind.SingleVoxel, AcquisitionClassifier.Classify(Named(sequence, null, null)).Kind);
    }

    [Fact]
    public void Classify_JPress_MultiEcho()
    {
        var classification = AcquisitionClassifier.Classify(Named("jpress", null, null));

        Assert.Equal(AcquisitionKind.MultiEcho, classification.Kind);
        Assert.Equal("this is a J-resolved (JPRESS) acquisition: MRSNode quantifies unedited ¹H spectra only, at one echo time; no values are given", classification.Reason);
    }

    [Fact]
    public void Classify_InterleavedOnOffWithoutHeader_EditedFromTheData()
    {
        var acquisition = SimulatedTransients.Create(64, 0.5, 200, 7);

        var classification = AcquisitionClassifier.Classify(acquisition);

        Assert.Equal(AcquisitionKind.Edited, classification.Kind);
        Assert.Equal(EditingScheme.Unknown, classification.Editing);
        Assert.StartsWith("this looks like an edited acquisition (odd and even transients differ ", classification.Reason, StringComparison.Ordinal);
        Assert.EndsWith("× more than noise, as interleaved edit ON/OFF transients do): " + EditedTail, classification.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Classify_UneditedTransients_SingleVoxel()
    {
        Assert.Equal(AcquisitionKind.SingleVoxel, AcquisitionClassifier.Classify(SimulatedTransients.Create(64, 0, 200, 7)).Kind);
    }

    /// <summary>A columns × rows single-slice grid of empty FIDs whose geometry states <paramref name="geometryColumns"/> columns.</summary>
    private static MrsAcquisition Grid(int columns, int rows, int geometryColumns) =>
        new(new Complex[256 * columns * rows], 256, 1, 1, columns * rows)
        {
            SpectralWidthHz = 2000,
            TransmitterFrequencyMHz = 123.2,
            Localization = new Localization
            {
                Grid = new MrsiGrid(columns, rows, 1),
                Geometry = new Mrsi.MrsiGeometry(new MrsiGrid(geometryColumns, rows, 1), [0, 0, 0], [1, 0, 0], [0, 1, 0], [10, 10, 15]),
            },
            Provenance = new Provenance { SourceFormat = "test" },
        };

    private static MrsAcquisition Named(string? sequence, string? protocol, string? series) =>
        new(new Complex[256], 256)
        {
            SpectralWidthHz = 2000,
            TransmitterFrequencyMHz = 123.2,
            Provenance = new Provenance { SourceFormat = "test", SequenceName = sequence, ProtocolName = protocol, SeriesDescription = series },
        };

    /// <summary>A NIfTI-MRS file of the given dims (points: dims[3], set here) holding the same simulated metabolite FID everywhere.</summary>
    private static string WriteNifti(long[] dims, string json)
    {
        var simulated = SimulatedTransients.Create(1, 0, 100, 3);
        var fid = simulated.Fid().ToArray();
        dims[3] = fid.Length;
        int points = fid.Length;
        long total = dims.Aggregate(1L, (a, b) => a * b);
        long voxels = dims[0] * dims[1] * dims[2];
        var samples = new Complex[total];
        for (long k = 0; k < total; k++)
        {
            long t = k / voxels % points;
            samples[k] = fid[t];
        }
        var path = Path.Combine(TestData.NewTempFolder(), string.Create(CultureInfo.InvariantCulture, $"test{dims.Length}.nii"));
        NiftiMrsTestFile.Write(path, dims, samples, simulated.DwellTimeSeconds, json);
        return path;
    }
}
