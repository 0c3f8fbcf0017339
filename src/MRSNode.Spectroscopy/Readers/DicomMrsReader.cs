using System.Numerics;
using MRSNode.Dicom;

namespace MRSNode.Spectroscopy.Readers;

/// <summary>
/// MR Spectroscopy Storage (1.2.840.10008.5.1.4.1.1.4.2), as Siemens XA, Philips and UIH send it.
/// Spectroscopy Data (5600,0020) holds float32 (re, im) pairs for Rows × Columns × Frames voxels ×
/// Data Point Rows × Data Point Columns; COMPLEX time-domain data only. The data are conjugated
/// into MRSNode's convention (<see cref="DicomMrsConvention"/>).
/// <para>
/// Shapes: Rows × Columns &gt; 1 is a spectroscopic imaging grid with one slice per frame; a single
/// voxel with several frames holds one average per frame. Philips puts the water reference in the
/// same object: with Water Referenced Phase Correction (0018,9199) YES and an even number of single
/// voxel frames, the second half of the frames is returned as a separate water-reference acquisition.
/// Otherwise the role comes from Water Reference Acquisition (0018,9297) when present, else from
/// the content (<see cref="RoleClassifier"/>).
/// </para>
/// </summary>
public sealed class DicomMrsReader : IMrsReader
{
    public const string Name = "DICOM MR Spectroscopy";

    public string FormatName => Name;

    public bool CanRead(MrsFileProbe probe) =>
        string.Equals(DicomHeaderProbe.SopClassUid(probe), DicomUids.MRSpectroscopyStorage, StringComparison.Ordinal);

    public IReadOnlyList<MrsAcquisition> Read(string path, MrsReadOptions options)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Read(ReaderGuard.Run(path, () => DicomHeaderProbe.Open(path)).Dataset, path, options ?? MrsReadOptions.Default);
    }

    /// <summary>Reads an MR Spectroscopy data set already in memory; <paramref name="path"/> names it in messages.</summary>
    public static IReadOnlyList<MrsAcquisition> Read(DicomDataset dataset, string path, MrsReadOptions options)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(path);
        options ??= MrsReadOptions.Default;
        return ReaderGuard.Run(path, () => ReadCore(dataset, path, options), "unusable MR Spectroscopy header");
    }

    private static List<MrsAcquisition> ReadCore(DicomDataset ds, string path, MrsReadOptions options)
    {
        var sopClass = Text(ds, DicomTags.SOPClassUID);
        if (!string.Equals(sopClass, DicomUids.MRSpectroscopyStorage, StringComparison.Ordinal))
        {
            throw new MrsReadException(path, $"SOP Class UID (0008,0016) is '{sopClass}', not MR Spectroscopy Storage ({DicomUids.MRSpectroscopyStorage})");
        }

        int rows = Dimension(ds, DicomTags.Rows, "Rows (0028,0010)", path, 1);
        int columns = Dimension(ds, DicomTags.Columns, "Columns (0028,0011)", path, 1);
        int frames = Dimension(ds, DicomTags.NumberOfFrames, "Number of Frames (0028,0008)", path, 1);
        int dataPointRows = Dimension(ds, DicomTags.DataPointRows, "Data Point Rows (0028,9001)", path, 1);
        int points = Dimension(ds, DicomTags.DataPointColumns, "Data Point Columns (0028,9002)", path, null);

        var representation = Text(ds, DicomTags.DataRepresentation)
            ?? throw new MrsReadException(path, "Data Representation (0028,9108) is missing; MRSNode reads COMPLEX data only");
        if (representation != "COMPLEX")
        {
            throw new MrsReadException(path, $"Data Representation (0028,9108) is {representation}; MRSNode reads COMPLEX data only (REAL, IMAGINARY and MAGNITUDE data cannot be quantified)");
        }
        var domain = Text(ds, DicomTags.SignalDomainColumns) ?? "TIME";
        if (domain == "FREQUENCY")
        {
            throw new MrsReadException(path, "Signal Domain Columns (0028,9003) is FREQUENCY: the object holds a spectrum, not a FID; MRSNode reads time-domain (TIME) data only — export the unprocessed FID");
        }
        if (domain != "TIME")
        {
            throw new MrsReadException(path, $"Signal Domain Columns (0028,9003) is '{domain}'; expected TIME");
        }
        if (dataPointRows != 1)
        {
            throw new MrsReadException(path, $"Data Point Rows (0028,9001) is {dataPointRows}: 2-D spectroscopy is not supported (expected 1)");
        }

        var element = ds.GetElement(DicomTags.SpectroscopyData)
            ?? throw new MrsReadException(path, "there is no Spectroscopy Data (5600,0020)");
        long complexPoints = (long)rows * columns * frames * dataPointRows * points;
        long expectedBytes = 8 * complexPoints;
        if (element.Length != expectedBytes)
        {
            throw new MrsReadException(path,
                $"Spectroscopy Data (5600,0020) holds {element.Length} bytes, but Rows {rows} × Columns {columns} × Number of Frames {frames} × " +
                $"Data Point Rows {dataPointRows} × Data Point Columns {points} = {complexPoints} complex float32 points need {expectedBytes} bytes");
        }

        var nucleus = Nuclei.Normalize(Text(ds, DicomTags.ResonantNucleus) ?? options.Nucleus ?? "1H");
        if (nucleus != "1H" && !options.AllowNonProton)
        {
            throw new MrsReadException(path, $"Resonant Nucleus (0018,9100) is {nucleus}; MRSNode quantifies 1H (proton) spectra only");
        }
        double frequency = First(ds, DicomTags.TransmitterFrequency) ?? options.FrequencyMHz
            ?? throw new MrsReadException(path, "Transmitter Frequency (0018,9098) is missing");
        double width = First(ds, DicomTags.SpectralWidth) ?? options.SpectralWidthHz
            ?? throw new MrsReadException(path, "Spectral Width (0018,9052) is missing");
        if (!(frequency > 0) || !double.IsFinite(frequency) || !(width > 0) || !double.IsFinite(width))
        {
            throw new MrsReadException(path, $"Transmitter Frequency {frequency} MHz and Spectral Width {width} Hz must be positive");
        }
        double reference = First(ds, DicomTags.ChemicalShiftReference) ?? 4.7;

        var data = DicomMrsConvention.Decode(element.Value.Span);
        int voxelsPerFrame = rows * columns;
        var provenance = ReadProvenance(ds, path);
        bool philipsWater = IsPhilips(provenance.Manufacturer) && Text(ds, DicomTags.WaterReferencedPhaseCorrection) == "YES"
            && voxelsPerFrame == 1 && frames >= 2 && frames % 2 == 0;

        var design = Design(ds, frames);

        MrsAcquisition Build(Complex[] fids, int averages, int voxels, int firstFrame, MrsiGrid grid, AcquisitionRole role) =>
            new(fids, points, averages, 1, voxels)
            {
                SpectralWidthHz = width,
                TransmitterFrequencyMHz = frequency,
                Nucleus = nucleus,
                ReferencePpm = reference,
                EchoTimeMs = FunctionalGroups.Number(ds, DicomTags.MREchoSequence, DicomTags.EffectiveEchoTime, firstFrame)
                    ?? First(ds, DicomTags.EchoTime) ?? options.EchoTimeMs,
                RepetitionTimeMs = FunctionalGroups.Number(ds, DicomTags.MRTimingAndRelatedParametersSequence, DicomTags.RepetitionTime, firstFrame),
                AcquiredAverages = FunctionalGroups.Number(ds, DicomTags.MRAveragesSequence, DicomTags.NumberOfAverages, firstFrame) is { } n
                    && n >= 1 && n <= int.MaxValue ? (int)Math.Round(n) : null,
                Role = role,
                Localization = ReadLocalization(ds, grid, voxelsPerFrame > 1, firstFrame),
                Provenance = provenance,
                Design = design,
            };

        if (philipsWater)
        {
            int half = frames / 2;
            var metabolite = data.AsSpan(0, half * points).ToArray();
            var water = data.AsSpan(half * points).ToArray();
            return
            [
                Build(metabolite, half, 1, 0, MrsiGrid.SingleVoxel, AcquisitionRole.Metabolite),
                Build(water, half, 1, half, MrsiGrid.SingleVoxel, AcquisitionRole.WaterReference),
            ];
        }

        MrsAcquisition WithRole(AcquisitionRole role) => voxelsPerFrame > 1
            ? Build(data, 1, voxelsPerFrame * frames, 0, new MrsiGrid(columns, rows, frames), role)
            : Build(data, frames, 1, 0, MrsiGrid.SingleVoxel, role);
        var role = Text(ds, DicomTags.WaterReferenceAcquisition) switch
        {
            "WATER_REFERENCE" => AcquisitionRole.WaterReference,
            "REFERENCED" => AcquisitionRole.Metabolite,
            _ => RoleClassifier.Classify(WithRole(AcquisitionRole.Unknown), RoleClassifier.FromHeaderText(provenance.SeriesDescription, provenance.ProtocolName)),
        };
        return [WithRole(role)];
    }

    /// <summary>Several echo times across the frames (Effective Echo Time per frame) make a multi-echo object.</summary>
    private static AcquisitionDesign Design(DicomDataset ds, int frames)
    {
        var echoTimes = Enumerable.Range(0, Math.Min(frames, 4096))
            .Select(f => FunctionalGroups.Number(ds, DicomTags.MREchoSequence, DicomTags.EffectiveEchoTime, f))
            .OfType<double>()
            .Where(double.IsFinite)
            .Distinct()
            .ToList();
        return echoTimes.Count > 1 ? new AcquisitionDesign { EchoTimesMs = echoTimes } : AcquisitionDesign.Plain;
    }

    private static Provenance ReadProvenance(DicomDataset ds, string path) => new()
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
        ProtocolName = Text(ds, DicomTags.ProtocolName),
        SequenceName = Text(ds, DicomTags.PulseSequenceName) ?? Text(ds, DicomTags.SequenceName),
    };

    /// <summary>
    /// VOI from the Volume Localization Sequence (one slab per item: thickness, normal, mid-slab position)
    /// and the plane orientation/position and pixel measures of the functional groups.
    /// </summary>
    private static Localization ReadLocalization(DicomDataset ds, MrsiGrid grid, bool imaging, int frame)
    {
        var slabs = ds.GetSequence(DicomTags.VolumeLocalizationSequence)?.Items
            .Select(item => (Thickness: item.GetValues<double>(DicomTags.SlabThickness), Normal: item.GetValues<double>(DicomTags.SlabOrientation), Position: item.GetValues<double>(DicomTags.MidSlabPosition)))
            .Where(s => s.Thickness.Length == 1)
            .ToList() ?? [];
        var orientation = FunctionalGroups.Numbers(ds, DicomTags.PlaneOrientationSequence, DicomTags.ImageOrientationPatient, frame);
        var position = FunctionalGroups.Numbers(ds, DicomTags.PlanePositionSequence, DicomTags.ImagePositionPatient, frame);
        var spacing = FunctionalGroups.Numbers(ds, DicomTags.PixelMeasuresSequence, DicomTags.PixelSpacing, frame);
        var sliceThickness = FunctionalGroups.Number(ds, DicomTags.PixelMeasuresSequence, DicomTags.SliceThickness, frame);

        double[]? size = null;
        if (!imaging && slabs.Count == 3)
        {
            size = orientation.Length == 6 && slabs.All(s => s.Normal.Length == 3)
                ? SlabSizesAlong(orientation, slabs.Select(s => (s.Thickness[0], s.Normal)).ToList())
                : [slabs[0].Thickness[0], slabs[1].Thickness[0], slabs[2].Thickness[0]];
        }
        else if (spacing.Length == 2)
        {
            double? thickness = sliceThickness ?? (slabs.Count == 1 ? slabs[0].Thickness[0] : null);
            size = thickness is { } t ? [spacing[1], spacing[0], t] : null;
        }

        double[]? centre = slabs.FirstOrDefault(s => s.Position.Length == 3).Position;
        if (centre is null && position.Length == 3)
        {
            centre = position;
        }
        return new Localization
        {
            Technique = Text(ds, DicomTags.VolumeLocalizationTechnique),
            VoxelSizeMm = size,
            PositionMm = centre,
            Orientation = orientation.Length == 6 ? orientation : null,
            Grid = grid,
            Geometry = imaging ? DicomMrsiGeometry.Read(ds, grid, slabs.Where(s => s.Normal.Length == 3 && s.Position.Length == 3).Select(s => (s.Thickness[0], s.Normal, s.Position)).ToList()) : null,
        };
    }

    /// <summary>Slab thicknesses along the row direction, the column direction and the normal (the slab whose normal is closest to each).</summary>
    private static double[] SlabSizesAlong(double[] orientation, List<(double Thickness, double[] Normal)> slabs)
    {
        double[] row = orientation[..3], col = orientation[3..6];
        double[] normal = [row[1] * col[2] - row[2] * col[1], row[2] * col[0] - row[0] * col[2], row[0] * col[1] - row[1] * col[0]];
        var remaining = slabs.ToList();
        var result = new double[3];
        var axes = new[] { row, col, normal };
        for (int a = 0; a < 3; a++)
        {
            var axis = axes[a];
            var best = remaining.MaxBy(s => Math.Abs(Dot(s.Normal, axis)) / Math.Max(Norm(s.Normal), 1e-12));
            result[a] = best.Thickness;
            remaining.Remove(best);
        }
        return result;
    }

    private static double Dot(double[] a, double[] b) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];

    private static double Norm(double[] a) => Math.Sqrt(Dot(a, a));

    private static bool IsPhilips(string? manufacturer) =>
        manufacturer is not null && manufacturer.Contains("philips", StringComparison.OrdinalIgnoreCase);

    private static int Dimension(DicomDataset ds, DicomTag tag, string name, string path, int? fallback)
    {
        if (!ds.Contains(tag) || ds.GetValues<long>(tag) is not { Length: > 0 } values)
        {
            return fallback ?? throw new MrsReadException(path, $"{name} is missing");
        }
        long value = values[0];
        if (value < 1 || value > 1 << 24)
        {
            throw new MrsReadException(path, $"{name} is {value}; expected 1 to {1 << 24}");
        }
        return (int)value;
    }

    private static double? First(DicomDataset ds, DicomTag tag) =>
        ds.GetValues<double>(tag) is { Length: > 0 } values && double.IsFinite(values[0]) ? values[0] : null;

    private static string? Text(DicomDataset ds, DicomTag tag) =>
        ds.GetString(tag)?.Trim('\0', ' ') is { Length: > 0 } s ? s : null;
}
