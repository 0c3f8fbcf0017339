using MRSNode.Dicom;

namespace MRSNode.Spectroscopy.Readers;

/// <summary>
/// Siemens CSA Non-Image (1.3.12.2.1107.5.9.1), the ".IMA" spectroscopy export of syngo VA–VE.
/// The FID is (7FE1,xx10) in the block of private creator "SIEMENS CSA NON-IMAGE" (float32 re, im);
/// the parameters are in the image CSA header (0029,xx10) of creator "SIEMENS CSA HEADER", the
/// protocol (MrPhoenixProtocol) in the series CSA header (0029,xx20). Blocks are looked up by their
/// creator, never assumed. The data are already in MRSNode's convention: no conjugation (checked:
/// NAA of the test brain spectrum at 2.02 ppm, its mirror at 7.38 ppm empty; the RDA export of the
/// same scan is bit-identical).
/// </summary>
public sealed class SiemensCsaReader : IMrsReader
{
    public const string Name = "Siemens CSA Non-Image";
    public const string SopClassUid = "1.3.12.2.1107.5.9.1";
    private const string HeaderCreator = "SIEMENS CSA HEADER";
    private const string NonImageCreator = "SIEMENS CSA NON-IMAGE";

    public string FormatName => Name;

    public bool CanRead(MrsFileProbe probe) =>
        string.Equals(DicomHeaderProbe.SopClassUid(probe), SopClassUid, StringComparison.Ordinal);

    public IReadOnlyList<MrsAcquisition> Read(string path, MrsReadOptions options)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Read(ReaderGuard.Run(path, () => DicomHeaderProbe.Open(path)).Dataset, path, options ?? MrsReadOptions.Default);
    }

    /// <summary>Reads a CSA Non-Image data set already in memory; <paramref name="path"/> names it in messages.</summary>
    public static IReadOnlyList<MrsAcquisition> Read(DicomDataset ds, string path, MrsReadOptions options)
    {
        ArgumentNullException.ThrowIfNull(ds);
        ArgumentNullException.ThrowIfNull(path);
        options ??= MrsReadOptions.Default;
        return ReaderGuard.Run(path, () => ReadCore(ds, path, options), "unusable Siemens CSA object");
    }

    private static List<MrsAcquisition> ReadCore(DicomDataset ds, string path, MrsReadOptions options)
    {
        var sopClass = Text(ds, DicomTags.SOPClassUID);
        if (!string.Equals(sopClass, SopClassUid, StringComparison.Ordinal))
        {
            throw new MrsReadException(path, $"SOP Class UID (0008,0016) is '{sopClass}', not Siemens CSA Non-Image ({SopClassUid})");
        }
        if (ds.FindPrivateTag(0x0029, NonImageCreator, 0x08) is { } typeTag && PrivateText(ds, typeTag) is { } dataType
            && !dataType.StartsWith("SPEC", StringComparison.Ordinal))
        {
            throw new MrsReadException(path, $"the CSA Non-Image object holds '{dataType}', not spectroscopy (SPEC NUM 4)");
        }
        var imageTag = ds.FindPrivateTag(0x0029, HeaderCreator, 0x10)
            ?? throw new MrsReadException(path, $"there is no image CSA header (no private block \"{HeaderCreator}\" in group 0029)");
        var csa = CsaHeader.Parse(ds.GetBytes(imageTag).Span, path);
        CsaHeader? series = ds.FindPrivateTag(0x0029, HeaderCreator, 0x20) is { } seriesTag && ds.GetBytes(seriesTag).Length > 0
            ? CsaHeader.Parse(ds.GetBytes(seriesTag).Span, path)
            : null;
        var protocol = series?.GetString("MrPhoenixProtocol") is { } phoenix ? Ascconv.Parse(phoenix) : new Dictionary<string, string>();

        var fidTag = ds.FindPrivateTag(0x7FE1, NonImageCreator, 0x10)
            ?? throw new MrsReadException(path, $"there is no FID (no private block \"{NonImageCreator}\" in group 7FE1)");
        var bytes = ds.GetBytes(fidTag);

        var representation = csa.GetString("DataRepresentation") ?? "COMPLEX";
        if (representation != "COMPLEX")
        {
            throw new MrsReadException(path, $"CSA DataRepresentation is {representation}; MRSNode reads COMPLEX data only");
        }
        var domain = csa.GetString("SignalDomainColumns") ?? "TIME";
        if (domain != "TIME")
        {
            throw new MrsReadException(path, $"CSA SignalDomainColumns is {domain}; MRSNode reads time-domain (TIME) data only");
        }
        int points = Count(csa, "DataPointColumns", path, null);
        int rows = Count(csa, "Rows", path, 1);
        int columns = Count(csa, "Columns", path, 1);
        int frames = Count(csa, "NumberOfFrames", path, 1);
        int dataPointRows = Count(csa, "DataPointRows", path, 1);
        if (dataPointRows != 1)
        {
            throw new MrsReadException(path, $"CSA DataPointRows is {dataPointRows}: 2-D spectroscopy is not supported");
        }
        long complexPoints = (long)rows * columns * frames * points;
        if (bytes.Length != 8 * complexPoints)
        {
            throw new MrsReadException(path,
                $"the CSA FID ({fidTag}) holds {bytes.Length} bytes, but Rows {rows} × Columns {columns} × NumberOfFrames {frames} × " +
                $"DataPointColumns {points} = {complexPoints} complex float32 points need {8 * complexPoints} bytes");
        }

        var nucleus = Nuclei.Normalize(csa.GetString("ResonantNucleus") ?? csa.GetString("ImagedNucleus") ?? options.Nucleus ?? "1H");
        if (nucleus != "1H" && !options.AllowNonProton)
        {
            throw new MrsReadException(path, $"the nucleus (CSA ResonantNucleus) is {nucleus}; MRSNode quantifies 1H (proton) spectra only");
        }
        double dwellNs = csa.GetDouble("RealDwellTime") ?? (options.SpectralWidthHz is { } sw ? 1e9 / sw : double.NaN);
        double frequency = csa.GetDouble("ImagingFrequency") ?? options.FrequencyMHz ?? double.NaN;
        if (!(dwellNs > 0) || !(frequency > 0))
        {
            throw new MrsReadException(path, $"CSA RealDwellTime ({dwellNs} ns) and ImagingFrequency ({frequency} MHz) must be present and positive");
        }

        // Total TE: the protocol's alTE[0] (µs) when present (for sLASER the CSA EchoTime is not the total), else CSA EchoTime (ms).
        double? echoTime = Ascconv.Number(protocol, "alTE[0]") is { } teUs && teUs > 0 ? teUs / 1000.0 : csa.GetDouble("EchoTime") ?? options.EchoTimeMs;
        int voxelsPerFrame = rows * columns;
        var sequence = csa.GetString("SequenceName");
        var acquisition = new MrsAcquisition(DicomMrsConvention.DecodeUnconjugated(bytes.Span), points, voxelsPerFrame > 1 ? 1 : frames, 1, voxelsPerFrame > 1 ? voxelsPerFrame * frames : 1)
        {
            SpectralWidthHz = 1e9 / dwellNs,
            TransmitterFrequencyMHz = frequency,
            Nucleus = nucleus,
            ReferencePpm = 4.7,
            EchoTimeMs = echoTime,
            RepetitionTimeMs = csa.GetDouble("RepetitionTime"),
            AcquiredAverages = csa.GetInt("NumberOfAverages") is { } n && n >= 1 ? n : null,
            Localization = new Localization
            {
                Technique = Technique(sequence),
                VoxelSizeMm = csa.GetDouble("VoiReadoutFoV") is { } readout && csa.GetDouble("VoiPhaseFoV") is { } phase && csa.GetDouble("VoiThickness") is { } thick
                    ? [readout, phase, thick]
                    : null,
                PositionMm = csa.GetDoubles("VoiPosition") is { Length: 3 } p ? p : null,
                Orientation = csa.GetDoubles("ImageOrientationPatient") is { Length: 6 } o ? o : null,
                Grid = voxelsPerFrame > 1 ? new MrsiGrid(columns, rows, frames) : MrsiGrid.SingleVoxel,
                Geometry = voxelsPerFrame > 1 ? Geometry(csa, new MrsiGrid(columns, rows, frames), Text(ds, DicomTags.FrameOfReferenceUID)) : null,
                // svs_se leaves MixingTime empty or 0: only a positive value is a stated STEAM TM.
                MixingTimeMs = csa.GetDouble("MixingTime") is { } tm && tm > 0 ? tm : null,
            },
            Provenance = new Provenance
            {
                SourceFormat = Name,
                SourcePath = path,
                Manufacturer = Text(ds, DicomTags.Manufacturer),
                Model = Text(ds, DicomTags.ManufacturerModelName),
                SoftwareVersion = Text(ds, DicomTags.SoftwareVersions),
                PatientId = Text(ds, DicomTags.PatientID),
                StudyInstanceUid = Text(ds, DicomTags.StudyInstanceUID),
                SeriesInstanceUid = Text(ds, DicomTags.SeriesInstanceUID),
                FrameOfReferenceUid = Text(ds, DicomTags.FrameOfReferenceUID),
                SopInstanceUids = Text(ds, DicomTags.SOPInstanceUID) is { } sop ? [sop] : [],
                InstanceNumber = ds.TryGetValue<int>(DicomTags.InstanceNumber, 0, out var number) ? number : null,
                SeriesDescription = Text(ds, DicomTags.SeriesDescription),
                ProtocolName = Text(ds, DicomTags.ProtocolName) ?? Ascconv.Text(protocol, "tProtocolName"),
                SequenceName = sequence,
            },
        };
        // Siemens' water suppression flag: sPrepPulses.ucWaterSat 0x40 is "off" (unsuppressed water).
        var hint = Ascconv.Number(protocol, "sPrepPulses.ucWaterSat") == 0x40
            ? AcquisitionRole.WaterReference
            : RoleClassifier.FromHeaderText(acquisition.Provenance.SeriesDescription, acquisition.Provenance.ProtocolName);
        return [acquisition.WithRole(RoleClassifier.Classify(acquisition, hint))];
    }

    /// <summary>
    /// A CSI grid's geometry from the image CSA header, read with DICOM's image conventions: ImagePositionPatient the
    /// centre of the first voxel, ImageOrientationPatient row\column cosines, PixelSpacing between rows\between
    /// columns, SliceThickness the slice step. The excited box (VoiPosition; VoiReadoutFoV, VoiPhaseFoV, VoiThickness)
    /// is taken along the grid's own directions, readout along a row — Siemens' default; an in-plane rotated VOI is not modelled.
    /// Checked on files written to these conventions only: no real CSI CSA file was available.
    /// </summary>
    private static Mrsi.MrsiGeometry? Geometry(CsaHeader csa, MrsiGrid grid, string? frameOfReference)
    {
        if (csa.GetDoubles("ImageOrientationPatient") is not { Length: 6 } o || csa.GetDoubles("ImagePositionPatient") is not { Length: 3 } first
            || csa.GetDoubles("PixelSpacing") is not { Length: 2 } spacing || !(spacing[0] > 0 && spacing[1] > 0))
        {
            return null;
        }
        double thickness = csa.GetDouble("SliceThickness") is { } t && t > 0 ? t : spacing[0];
        var geometry = new Mrsi.MrsiGeometry(grid, first, o[..3], o[3..6], [spacing[1], spacing[0], thickness]) { FrameOfReferenceUid = frameOfReference };
        return csa.GetDoubles("VoiPosition") is { Length: 3 } centre && csa.GetDouble("VoiReadoutFoV") is { } readout && csa.GetDouble("VoiPhaseFoV") is { } phase
            && csa.GetDouble("VoiThickness") is { } voiThickness && readout > 0 && phase > 0 && voiThickness > 0
            ? geometry with { Volume = new Mrsi.VolumeOfInterest(centre, [readout, phase, voiThickness], o[..3], o[3..6]) }
            : geometry;
    }

    /// <summary>The localisation technique from the Siemens sequence name (*svs_se → PRESS, *svs_st → STEAM, ...).</summary>
    private static string? Technique(string? sequence)
    {
        if (sequence is null)
        {
            return null;
        }
        var s = sequence.ToLowerInvariant();
        return s.Contains("slaser", StringComparison.Ordinal) ? "SLASER"
            : s.Contains("svs_se", StringComparison.Ordinal) || s.Contains("press", StringComparison.Ordinal) ? "PRESS"
            : s.Contains("svs_st", StringComparison.Ordinal) || s.Contains("steam", StringComparison.Ordinal) ? "STEAM"
            : s.Contains("fid", StringComparison.Ordinal) ? "NONE"
            : null;
    }

    private static int Count(CsaHeader csa, string name, string path, int? fallback)
    {
        if (!csa.Contains(name) || csa.GetDouble(name) is not { } value)
        {
            return fallback ?? throw new MrsReadException(path, $"CSA {name} is missing");
        }
        if (value < 1 || value > 1 << 24 || value != Math.Floor(value))
        {
            throw new MrsReadException(path, $"CSA {name} is {value}; expected a whole number from 1 to {1 << 24}");
        }
        return (int)value;
    }

    /// <summary>A private text element, also when it arrived as UN (implicit VR files carry no VR for private tags).</summary>
    private static string? PrivateText(DicomDataset ds, DicomTag tag) =>
        ds.GetElement(tag) is { } e
            ? (e.VR.IsText ? ds.GetString(tag) : System.Text.Encoding.Latin1.GetString(e.Value.Span))?.Trim('\0', ' ') is { Length: > 0 } s ? s : null
            : null;

    private static string? Text(DicomDataset ds, DicomTag tag) =>
        ds.GetString(tag)?.Trim('\0', ' ') is { Length: > 0 } s ? s : null;
}
