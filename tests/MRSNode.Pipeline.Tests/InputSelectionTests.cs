using MRSNode.Spectroscopy;
using MRSNode.Spectroscopy.Readers;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Pipeline.Tests;

[UnitTest]
public class InputSelectionTests
{
    private static string Manifest => Path.Combine(TestData.Root, "..", "..", "config", "basis-sets", "manifest.json");

    [Fact]
    public void Select_PhilipsTwoFrameObject_WaterFoundBesideMetabolite()
    {
        var request = new QuantificationRequest { MetaboliteFiles = [TestData.Path("dicom/philips-mrs-2frame.dcm")] };

        var inputs = InputSelection.Select(request, MrsFormats.Default);

        Assert.Equal(AcquisitionRole.Metabolite, inputs.Metabolite.Role);
        Assert.Equal(AcquisitionRole.WaterReference, inputs.Water!.Role);
        Assert.Equal("DICOM MR Spectroscopy", inputs.Format);
    }

    [Fact]
    public void Select_SeparateWaterFile_Used()
    {
        var request = new QuantificationRequest
        {
            MetaboliteFiles = [TestData.Path("mrs/philips-sdat/sub-01_PRESS_35_act.spar")],
            WaterFiles = [TestData.Path("mrs/philips-sdat/sub-01_PRESS_35_ref.spar")],
        };

        var inputs = InputSelection.Select(request, MrsFormats.Default);

        Assert.Equal(AcquisitionRole.WaterReference, inputs.Water!.Role);
        Assert.Equal(2048, inputs.Water.Points);
    }

    [Fact]
    public void Select_WaterFileHoldsMetabolites_Refused()
    {
        var request = new QuantificationRequest
        {
            MetaboliteFiles = [TestData.Path("mrs/philips-sdat/sub-01_PRESS_35_act.spar")],
            WaterFiles = [TestData.Path("mrs/philips-sdat/sub-02_PRESS_35_act.spar")],
        };

        var ex = Assert.Throws<QuantificationException>(() => InputSelection.Select(request, MrsFormats.Default));

        Assert.Equal("sub-02_PRESS_35_act.spar is not a water reference: its spectrum is dominated by metabolites (role Metabolite)", ex.Message);
    }

    [Fact]
    public void Select_WaterFromAnotherField_Refused()
    {
        var request = new QuantificationRequest
        {
            MetaboliteFiles = [TestData.Path("dicom/siemens-csa-svs30.ima")],
            WaterFiles = [TestData.Path("mrs/nifti/wref_raw.nii.gz")],
        };

        var ex = Assert.Throws<QuantificationException>(() => InputSelection.Select(request, MrsFormats.Default));

        Assert.Contains("the water reference was acquired at 297.220 MHz, the metabolite data at 123.235 MHz", ex.Message);
    }

    [Fact]
    public void Basis_FromManifestFor3TTe30_IsmrmBasis()
    {
        var request = new QuantificationRequest { MetaboliteFiles = [TestData.Path("dicom/siemens-xa60-svs.dcm")], BasisManifest = Manifest };
        var inputs = InputSelection.Select(request, MrsFormats.Default);

        var (basis, path, mismatch, _) = InputSelection.Basis(request, inputs.Metabolite);

        Assert.EndsWith("press3T_30ms.BASIS", path);
        Assert.NotNull(basis.Find("NAA"));
        Assert.Null(mismatch);
    }

    [Fact]
    public void Basis_ExplicitBasisForAnotherField_Refused()
    {
        var request = new QuantificationRequest
        {
            MetaboliteFiles = [TestData.Path("dicom/siemens-xa60-7t-averaged.dcm")],
            BasisFile = TestData.Path("mrs/ismrm2016/press3T_30ms.BASIS"),
        };
        var inputs = InputSelection.Select(request, MrsFormats.Default);

        var ex = Assert.Throws<QuantificationException>(() => InputSelection.Basis(request, inputs.Metabolite));

        // First the field; then (no manifest here) that the basis does not state its TE.
        Assert.StartsWith("the basis set press3T_30ms.BASIS was made for 2.89 T; these data were acquired at 6.98 T (297.15 MHz): chemical shifts and couplings scale with the field, so the values would be wrong; the basis set press3T_30ms.BASIS does not state the echo time", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Basis_NoBasisNoManifest_SaysWhatToPass()
    {
        var request = new QuantificationRequest { MetaboliteFiles = [TestData.Path("dicom/siemens-xa60-svs.dcm")] };
        var inputs = InputSelection.Select(request, MrsFormats.Default);

        var ex = Assert.Throws<QuantificationException>(() => InputSelection.Basis(request, inputs.Metabolite));

        Assert.Contains("pass --basis FILE", ex.Message);
    }

    [Fact]
    public void Basis_ExplicitBasisForAnotherEchoTime_RefusedSayingBothTes()
    {
        var request = new QuantificationRequest
        {
            MetaboliteFiles = [TestData.Path("mrs/philips-sdat/sub-01_PRESS_35_act.spar")],
            BasisFile = TestData.Path("mrs/ismrm2016/press3T_30ms.BASIS"),
            BasisManifest = Manifest,
        };
        var inputs = InputSelection.Select(request, MrsFormats.Default);

        var ex = Assert.Throws<QuantificationException>(() => InputSelection.Basis(request, inputs.Metabolite));

        Assert.Equal("the basis set press3T_30ms.BASIS was simulated for TE 30 ms; these data were acquired at TE 35 ms: at another echo time the metabolite shapes differ (lactate inverts at 144 ms) and the values would be wrong (--allow-basis-mismatch quantifies anyway, for research use)", ex.Message);
    }

    [Fact]
    public void Basis_MismatchAllowed_ReturnsTheMismatchAsANote()
    {
        var request = new QuantificationRequest
        {
            MetaboliteFiles = [TestData.Path("mrs/philips-sdat/sub-01_PRESS_35_act.spar")],
            BasisFile = TestData.Path("mrs/ismrm2016/press3T_30ms.BASIS"),
            BasisManifest = Manifest,
            AllowBasisMismatch = true,
        };
        var inputs = InputSelection.Select(request, MrsFormats.Default);

        var (_, _, note, _) = InputSelection.Basis(request, inputs.Metabolite);

        Assert.StartsWith("basis set mismatch accepted for research use (--allow-basis-mismatch): the basis set press3T_30ms.BASIS was simulated for TE 30 ms; these data were acquired at TE 35 ms", note, StringComparison.Ordinal);
    }

    [Fact]
    public void Basis_ExplicitCopyOfTheManifestsBasis_EchoTimeTakenFromTheManifestEntry()
    {
        // The ISMRM file writes ECHOT = -1: its TE 30 ms is stated only by the manifest entry it is a copy of.
        var request = new QuantificationRequest
        {
            MetaboliteFiles = [TestData.Path("dicom/siemens-xa60-svs.dcm")],
            BasisFile = TestData.Path("mrs/ismrm2016/press3T_30ms.BASIS"),
            BasisManifest = Manifest,
        };
        var inputs = InputSelection.Select(request, MrsFormats.Default);

        var (basis, _, mismatch, _) = InputSelection.Basis(request, inputs.Metabolite);

        Assert.Null(basis.EchoTimeMs);
        Assert.Null(mismatch);
    }

    [Fact]
    public void Basis_ExplicitBasisStatingNoEchoTimeAndNoManifest_RefusedSayingSo()
    {
        var request = new QuantificationRequest
        {
            MetaboliteFiles = [TestData.Path("dicom/siemens-xa60-svs.dcm")],
            BasisFile = TestData.Path("mrs/ismrm2016/press3T_30ms.BASIS"),
        };
        var inputs = InputSelection.Select(request, MrsFormats.Default);

        var ex = Assert.Throws<QuantificationException>(() => InputSelection.Basis(request, inputs.Metabolite));

        Assert.StartsWith("the basis set press3T_30ms.BASIS does not state the echo time it was simulated for (no ECHOT in its $SEQPAR and no manifest entry for it), so it cannot be checked against these data (TE 30 ms)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Select_WaterFromAnotherVoxelAndTe_NotUsedAndTheNoteSaysWhy()
    {
        // sub-01 session 1 (TE 30, voxel 26 mm wide at AP 35.6) is not the water of the TE 35 scan (30 mm wide at AP 45.0).
        var request = new QuantificationRequest
        {
            MetaboliteFiles = [TestData.Path("mrs/philips-sdat/sub-01_PRESS_35_act.spar")],
            WaterFiles = [TestData.Path("mrs/philips-sdat/sub-01_ses-01_PRESS_raw-ref_noID.SDAT")],
        };

        var inputs = InputSelection.Select(request, MrsFormats.Default);

        Assert.Null(inputs.Water);
        var note = Assert.Single(inputs.Notes);
        Assert.StartsWith("the water reference sub-01_ses-01_PRESS_raw-ref_noID.SDAT was not used: it was acquired at TE 30 ms, the metabolites at TE 35 ms (the water scaling's relaxation correction assumes the same TE); its voxel is 12 mm from the metabolite voxel; its voxel is 26×", note, StringComparison.Ordinal);
    }

    [Fact]
    public void Select_WaterOfTheSameVoxel_UsedWithoutNote()
    {
        var request = new QuantificationRequest
        {
            MetaboliteFiles = [TestData.Path("mrs/philips-sdat/sub-01_PRESS_35_act.spar")],
            WaterFiles = [TestData.Path("mrs/philips-sdat/sub-01_PRESS_35_ref.spar")],
            Notes = ["from the caller"],
        };

        var inputs = InputSelection.Select(request, MrsFormats.Default);

        Assert.NotNull(inputs.Water);
        Assert.Equal(["from the caller"], inputs.Notes);
    }

    // ---- simulate on a manifest miss ----------------------------------------------------------------

    private static QuantificationRequest PhilipsTe35(string? manifest = null) => new()
    {
        MetaboliteFiles = [TestData.Path("mrs/philips-sdat/sub-01_PRESS_35_act.spar")],
        BasisManifest = manifest ?? Manifest,
    };

    [Fact]
    public void Basis_ManifestMissWithCache_SimulatedForTheAcquisitionAndCached()
    {
        var (cache, simulator) = IsmrmBasisSimulator.NewCache();
        var request = PhilipsTe35();
        var inputs = InputSelection.Select(request, MrsFormats.Default);

        var first = InputSelection.Basis(request, inputs.Metabolite, cache);
        var second = InputSelection.Basis(request, inputs.Metabolite, cache);

        Assert.Equal(1, simulator.Calls);
        var p = first.Provenance;
        Assert.Equal("simulated", p.Source);
        Assert.Equal("default timing", p.Name);
        Assert.Equal("PRESS", p.Sequence);
        Assert.Equal(35, p.EchoTimeMs);
        Assert.Equal(16.3, p.Te1Ms);
        Assert.Equal(18.7, p.Te2Ms!.Value, 9);
        Assert.Equal(["PRESS TE1/TE2 not stated in the header: assumed 16.3/18.7 ms (the Philips short-TE PRESS TE1 of MRSCloud/Osprey)"], p.Assumptions);
        Assert.Equal(127.75, p.FrequencyMHz);
        Assert.Equal(3.0, p.FieldT, 2);
        Assert.Equal(64, p.CacheKey!.Length);
        Assert.True(p.SimulatedNow);
        Assert.False(second.Provenance.SimulatedNow);
        Assert.Equal(p.CacheKey, second.Provenance.CacheKey);
        Assert.Equal(Path.Combine(cache.Directory, p.CacheKey + ".BASIS"), first.Path);
        Assert.True(File.Exists(first.Path));
        Assert.Null(first.MismatchNote);
        Assert.Equal(35.0, first.Basis.EchoTimeMs);
        Assert.Equal("simulated: PRESS TE 35 (16.3+18.7) ms, key " + p.CacheKey[..8], p.Summary);
    }

    [Fact]
    public void Basis_ManifestEntryWithSimulateBlock_SimulatesWithItsTiming()
    {
        var manifest = Path.Combine(TestData.NewTempFolder(), "manifest.json");
        File.WriteAllText(manifest, """
            { "version": 1, "basisSets": [
              { "name": "site-philips-press-te35", "fieldT": 3.0, "sequence": "PRESS", "echoTimeMs": 35, "simulate": { "te1Ms": 13, "te2Ms": 22 } } ] }
            """);
        var (cache, simulator) = IsmrmBasisSimulator.NewCache();
        var request = PhilipsTe35(manifest);
        var inputs = InputSelection.Select(request, MrsFormats.Default);

        var selected = InputSelection.Basis(request, inputs.Metabolite, cache);

        Assert.Equal(1, simulator.Calls);
        Assert.Equal("simulated", selected.Provenance.Source);
        Assert.Equal("site-philips-press-te35", selected.Provenance.Name);
        Assert.Equal(13, selected.Provenance.Te1Ms);
        Assert.Equal(22, selected.Provenance.Te2Ms);
        Assert.Null(selected.Provenance.Assumptions); // the site stated the timing
    }

    [Fact]
    public void Basis_ManifestAsksShapedPulsesForSemiLaser_ProvenanceSaysShaped()
    {
        var manifest = Path.Combine(TestData.NewTempFolder(), "manifest.json");
        File.WriteAllText(manifest, """
            { "version": 1, "basisSets": [
              { "name": "site-slaser-te30", "fieldT": 2.89, "sequence": "sLASER", "echoTimeMs": 30, "simulate": { "pulses": "shaped", "spatialPoints": 4 } } ] }
            """);
        var (cache, simulator) = IsmrmBasisSimulator.NewCache();
        var acquisition = new MrsAcquisition(new System.Numerics.Complex[8], 8)
        {
            SpectralWidthHz = 4000,
            TransmitterFrequencyMHz = 123.261703,
            EchoTimeMs = 30,
            Localization = new Localization { Technique = "sLASER" },
            Provenance = new Provenance { SourceFormat = "test" },
        };

        var selected = InputSelection.Basis(new QuantificationRequest { MetaboliteFiles = ["x"], BasisManifest = manifest }, acquisition, cache);

        Assert.Equal(1, simulator.Calls);
        Assert.Equal("site-slaser-te30", selected.Provenance.Name);
        Assert.Equal("shaped", selected.Provenance.Pulses);
        Assert.StartsWith("simulated: sLASER TE 30 ms, shaped pulses, key ", selected.Provenance.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Basis_ManifestSimulateEntryWithSimulationOff_RefusedNamingTheEntry()
    {
        var manifest = Path.Combine(TestData.NewTempFolder(), "manifest.json");
        File.WriteAllText(manifest, """
            { "version": 1, "basisSets": [ { "name": "site-press-te35", "fieldT": 3.0, "sequence": "PRESS", "echoTimeMs": 35, "simulate": { "te1Ms": 13 } } ] }
            """);
        var request = PhilipsTe35(manifest);
        var inputs = InputSelection.Select(request, MrsFormats.Default);

        var ex = Assert.Throws<BasisSetSelectionException>(() => InputSelection.Basis(request, inputs.Metabolite));

        Assert.Equal("the basis-set manifest entry site-press-te35 asks for a simulated basis set, and basis simulation is off (node: Processing:SimulateBasisSets).", ex.Message);
    }

    [Fact]
    public void Basis_ManifestPin_WinsOverSimulationAndSaysManifest()
    {
        var (cache, simulator) = IsmrmBasisSimulator.NewCache();
        var request = new QuantificationRequest { MetaboliteFiles = [TestData.Path("dicom/siemens-xa60-svs.dcm")], BasisManifest = Manifest };
        var inputs = InputSelection.Select(request, MrsFormats.Default);

        var selected = InputSelection.Basis(request, inputs.Metabolite, cache);

        Assert.Equal(0, simulator.Calls);
        Assert.Equal("manifest", selected.Provenance.Source);
        Assert.Equal("ismrm2016-press-3t-te30", selected.Provenance.Name);
        Assert.Equal(30, selected.Provenance.EchoTimeMs); // from the manifest entry: the file says ECHOT = -1
        Assert.Equal("PRESS", selected.Provenance.Sequence);
        Assert.Null(selected.Provenance.CacheKey);
        Assert.EndsWith("press3T_30ms.BASIS", selected.Path);
    }

    [Fact]
    public void Basis_ExplicitFile_ProvenanceFile()
    {
        var (cache, simulator) = IsmrmBasisSimulator.NewCache();
        var request = PhilipsTe35() with { BasisFile = TestData.Path("basis/osprey-press3T-35ms-noMM.BASIS") };
        var inputs = InputSelection.Select(request, MrsFormats.Default);

        var selected = InputSelection.Basis(request, inputs.Metabolite, cache);

        Assert.Equal(0, simulator.Calls);
        Assert.Equal("file", selected.Provenance.Source);
        Assert.Equal("osprey-press3T-35ms-noMM.BASIS", selected.Provenance.Name);
        Assert.Equal("file: osprey-press3T-35ms-noMM.BASIS, PRESS TE 35 ms", selected.Provenance.Summary);
        Assert.Equal(2.894, selected.Provenance.FieldT, 3);
    }

    [Theory]
    [InlineData(null, "PRESS", "do not state their echo time")]
    [InlineData(35.0, "CSI_FID", "'CSI_FID' is not one the simulator models")]
    public void Basis_MissTheSimulatorCannotServe_RefusedWithBothReasons(double? te, string technique, string why)
    {
        var (cache, simulator) = IsmrmBasisSimulator.NewCache();
        var acquisition = new MrsAcquisition(new System.Numerics.Complex[8], 8)
        {
            SpectralWidthHz = 2000,
            TransmitterFrequencyMHz = 127.75,
            EchoTimeMs = te,
            Localization = new Localization { Technique = technique },
            Provenance = new Provenance { SourceFormat = "test" },
        };

        var ex = Assert.Throws<BasisSetSelectionException>(() => InputSelection.Basis(new QuantificationRequest { MetaboliteFiles = ["x"], BasisManifest = Manifest }, acquisition, cache));

        Assert.Equal(0, simulator.Calls);
        Assert.StartsWith("no basis set matches this acquisition", ex.Message, StringComparison.Ordinal);
        Assert.Contains("No basis set can be simulated for it either: ", ex.Message, StringComparison.Ordinal);
        Assert.Contains(why, ex.Message, StringComparison.Ordinal);
    }
}
