using System.Buffers.Binary;
using System.IO.Compression;
using System.Numerics;
using System.Text;
using System.Text.Json;

namespace MRSNode.Spectroscopy.Readers;

/// <summary>
/// NIfTI-MRS (.nii, .nii.gz; NIfTI-1 or NIfTI-2, either byte order): complex64 or complex128 data with
/// dims x, y, z, spectral points, then up to three more dims tagged dim_5..dim_7 in the JSON header
/// extension (ecode 44). DIM_COIL → <see cref="MrsAcquisition.Coils"/>, DIM_DYN → <see cref="MrsAcquisition.Averages"/>;
/// every other tag (DIM_EDIT, DIM_ISIS, DIM_INDIRECT_n, DIM_MEAS, DIM_USER_n, ...) splits the file into one
/// acquisition per index, in file order. Dwell time = pixdim[4] (s). Untagged dims default as the standard
/// says: dim_5 = DIM_COIL, dim_6 = DIM_DYN, dim_7 = DIM_INDIRECT_0.
/// <para>Convention: NIfTI-MRS is MRSNode's (no conjugation), reference 4.65 ppm for 1H (NIfTI-MRS /
/// FSL-MRS). Measured: metab.nii.gz NAA 2.01 ppm.</para>
/// <para>Pre-standard NIfTI (no extension 44, e.g. spec2nii before the standard): parameters come from the
/// options or a same-name .json sidecar (ImagingFrequency in Hz, Dwelltime in s), dwell last from pixdim[4];
/// the conjugation is decided from the content and defaults to conjugating (spec2nii's pre-standard files
/// used the mirrored convention: measured on spec2nii's metab.nii, NAA 2.00 ppm after conjugation).</para>
/// <para>Role: water reference when the spectrum is water-dominated, metabolite-nulled when the JSON gives an
/// InversionTime &gt; 0, metabolite otherwise. File names are not used (the osprey test file is named
/// "...SVS-ref" and says "metab" in its header; its content is unsuppressed water).</para>
/// </summary>
public sealed class NiftiMrsReader : IMrsReader
{
    public const double NiftiMrsReferencePpm = 4.65;
    private const int JsonExtensionCode = 44;
    private const int MaxSplitAcquisitions = 4096;

    public string FormatName => "NIfTI-MRS";

    public bool CanRead(MrsFileProbe probe)
    {
        ArgumentNullException.ThrowIfNull(probe);
        var head = probe.Head;
        if (head.Length >= 2 && head[0] == 0x1F && head[1] == 0x8B)
        {
            try
            {
                using var gz = new GZipStream(new MemoryStream(head, writable: false), CompressionMode.Decompress);
                var buffer = new byte[548];
                int n = gz.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
                return IsNiftiHeader(buffer.AsSpan(0, n));
            }
            catch (Exception ex) when (ex is InvalidDataException or IOException or NotSupportedException)
            {
                return false;
            }
        }
        return IsNiftiHeader(head);
    }

    /// <summary>NIfTI-1 single file ("n+1\0" at 344, sizeof_hdr 348) or NIfTI-2 ("n+2\0" at 4, sizeof_hdr 540), either byte order.</summary>
    internal static bool IsNiftiHeader(ReadOnlySpan<byte> h)
    {
        if (h.Length >= 348 && SizeOfHeader(h) == 348 && h[344] == (byte)'n' && h[345] == (byte)'+' && h[346] == (byte)'1' && h[347] == 0)
        {
            return true;
        }
        return h.Length >= 540 && SizeOfHeader(h) == 540 && h[4] == (byte)'n' && h[5] == (byte)'+' && h[6] == (byte)'2' && h[7] == 0;
    }

    private static int SizeOfHeader(ReadOnlySpan<byte> h)
    {
        int le = BinaryPrimitives.ReadInt32LittleEndian(h);
        return le is 348 or 540 ? le : BinaryPrimitives.ReadInt32BigEndian(h);
    }

    public IReadOnlyList<MrsAcquisition> Read(string path, MrsReadOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return ReaderGuard.Run(path, () => ReadCore(path, options));
    }

    private sealed class Header
    {
        public int Version;
        public bool BigEndian;
        public long[] Dim = new long[8];
        public double[] PixDim = new double[8];
        public int DataType;
        public long VoxOffset;
        public double Slope;
        public int QFormCode, SFormCode;
        public double QuaternB, QuaternC, QuaternD;
        public double[] QOffset = new double[3];
        public double[][] SRow = [new double[4], new double[4], new double[4]];
        public int XyztUnits;
        public string IntentName = "";
        public int HeaderSize;
    }

    private static List<MrsAcquisition> ReadCore(string path, MrsReadOptions options)
    {
        var bytes = ReadPayload(path);
        var h = ParseHeader(path, bytes);

        // Dims and size.
        int ndim = (int)h.Dim[0];
        if (ndim is < 4 or > 7)
        {
            throw new MrsReadException(path, $"dim[0] = {h.Dim[0]}: NIfTI-MRS needs 4 to 7 dimensions (x, y, z, spectral points, ...).");
        }
        var size = new long[8];
        for (int i = 1; i <= 7; i++)
        {
            size[i] = i <= ndim ? h.Dim[i] : 1;
            if (size[i] < 1 || size[i] > ReaderLimits.MaxSamples)
            {
                throw new MrsReadException(path, $"dim[{i}] = {size[i]} is not a valid size.");
            }
        }
        int points = ReaderLimits.CheckPoints(path, size[4], "dim[4] (spectral points)");
        long total = 1;
        for (int i = 1; i <= 7; i++)
        {
            total *= size[i];
            if (total > ReaderLimits.MaxSamples)
            {
                throw new MrsReadException(path, "the dims multiply to more samples than any MRS file holds.");
            }
        }
        int elementBytes = h.DataType switch
        {
            32 => 8,
            1792 => 16,
            _ => throw new MrsReadException(path, $"datatype {h.DataType} ({DataTypeName(h.DataType)}) is not complex: NIfTI-MRS data must be complex64 (32) or complex128 (1792)."),
        };
        if (h.VoxOffset < h.HeaderSize || h.VoxOffset > bytes.Length)
        {
            throw new MrsReadException(path, $"vox_offset {h.VoxOffset} lies outside the file ({bytes.Length} bytes).");
        }
        long expected = h.VoxOffset + total * elementBytes;
        if (bytes.Length != expected)
        {
            throw new MrsReadException(path,
                $"the file holds {bytes.Length - h.VoxOffset} data bytes, the dims say {total} × {elementBytes} = {total * elementBytes} (truncated, or the header lies about the size).");
        }

        var json = ReadJsonExtension(path, bytes, h);
        bool standard = json is not null;
        if (!standard && h.IntentName.StartsWith("mrs_v", StringComparison.Ordinal))
        {
            throw new MrsReadException(path, $"intent '{h.IntentName}' but no JSON header extension (ecode 44): a broken NIfTI-MRS file.");
        }
        using var document = json;
        var root = document?.RootElement;

        // Parameters.
        double dwell;
        double mhz;
        string nucleus;
        double? te, tr, inversion = null;
        SidecarJson? sidecar = null;
        var units = TimeUnitSeconds(h.XyztUnits);
        if (root is { } r)
        {
            dwell = h.PixDim[4] * units;
            if (!(dwell > 0))
            {
                throw new MrsReadException(path, $"pixdim[4] (dwell time) = {h.PixDim[4]} is not positive.");
            }
            mhz = SidecarJson.Number(path, r, "SpectrometerFrequency") ?? throw new MrsReadException(path, "the NIfTI-MRS header has no SpectrometerFrequency.");
            nucleus = ReaderLimits.CheckNucleus(path, SidecarJson.Text(r, "ResonantNucleus") ?? throw new MrsReadException(path, "the NIfTI-MRS header has no ResonantNucleus."), options);
            te = SidecarJson.Number(path, r, "EchoTime") * 1000;
            tr = SidecarJson.Number(path, r, "RepetitionTime") * 1000;
            inversion = SidecarJson.Number(path, r, "InversionTime");
        }
        else
        {
            if (ndim > 4 && size[5] * size[6] * size[7] > 1)
            {
                throw new MrsReadException(path, "a pre-standard NIfTI (no NIfTI-MRS header extension) with more than 4 dimensions: the meaning of dims 5–7 is unknown.");
            }
            sidecar = SidecarJson.Find(path);
            dwell = options.SpectralWidthHz is { } sw ? 1 / sw
                : sidecar?.SpectralWidthHz is { } ssw ? 1 / ssw
                : sidecar?.DwellTimeSeconds ?? h.PixDim[4] * units;
            if (!(dwell > 0))
            {
                throw new MrsReadException(path, "a pre-standard NIfTI without a dwell time: --spectral-width is needed (or a .json sidecar with Dwelltime).");
            }
            mhz = options.FrequencyMHz ?? sidecar?.FrequencyMHz
                ?? throw new MrsReadException(path, "a pre-standard NIfTI (no NIfTI-MRS header extension) carries no frequency: --frequency (MHz) is needed, or a .json sidecar with ImagingFrequency.");
            nucleus = ReaderLimits.CheckNucleus(path, sidecar?.Nucleus, options);
            te = options.EchoTimeMs ?? sidecar?.EchoTimeMs;
            tr = sidecar?.RepetitionTimeMs;
        }
        double spectralWidth = ReaderLimits.CheckSpectralWidth(path, 1 / dwell, "the dwell time");
        mhz = ReaderLimits.CheckFrequency(path, mhz, "SpectrometerFrequency");
        te = ReaderLimits.CheckTimeMs(path, te, "EchoTime");
        tr = ReaderLimits.CheckTimeMs(path, tr, "RepetitionTime");

        // Dim roles.
        var roles = new string[8];
        for (int i = 5; i <= 7; i++)
        {
            var tag = root is { } rr ? SidecarJson.Text(rr, $"dim_{i}") : null;
            roles[i] = (tag ?? (i == 5 ? "DIM_COIL" : i == 6 ? "DIM_DYN" : "DIM_INDIRECT_0")).Trim().ToUpperInvariant();
        }
        int coilDim = -1, dynDim = -1;
        for (int i = 5; i <= 7; i++)
        {
            if (size[i] == 1)
            {
                continue;
            }
            if (roles[i] == "DIM_COIL")
            {
                coilDim = coilDim < 0 ? i : throw new MrsReadException(path, "two dims are tagged DIM_COIL.");
            }
            else if (roles[i] == "DIM_DYN")
            {
                dynDim = dynDim < 0 ? i : throw new MrsReadException(path, "two dims are tagged DIM_DYN.");
            }
        }
        int coils = coilDim > 0 ? (int)size[coilDim] : 1;
        int averages = dynDim > 0 ? (int)size[dynDim] : 1;
        long voxels = size[1] * size[2] * size[3];
        long splits = total / (voxels * points * coils * averages);
        if (splits > MaxSplitAcquisitions)
        {
            throw new MrsReadException(path, $"{splits} sub-spectra (edit/indirect/user dims) is more than {MaxSplitAcquisitions}.");
        }

        // Samples: NIfTI order x fastest, then y, z, t, dim5, dim6, dim7.
        var datasets = new Complex[splits][];
        for (int s = 0; s < splits; s++)
        {
            datasets[s] = new Complex[voxels * averages * coils * points];
        }
        double slope = h.Slope is 0 || !double.IsFinite(h.Slope) ? 1 : h.Slope;
        var data = bytes.AsSpan((int)h.VoxOffset);
        for (long d7 = 0; d7 < size[7]; d7++)
        {
            for (long d6 = 0; d6 < size[6]; d6++)
            {
                for (long d5 = 0; d5 < size[5]; d5++)
                {
                    long[] index = [0, 0, 0, 0, 0, d5, d6, d7];
                    long coil = coilDim > 0 ? index[coilDim] : 0;
                    long average = dynDim > 0 ? index[dynDim] : 0;
                    long split = 0;
                    for (int i = 7; i >= 5; i--)
                    {
                        if (i != coilDim && i != dynDim)
                        {
                            split = split * size[i] + index[i];
                        }
                    }
                    long rest = d5 + size[5] * (d6 + size[6] * d7);
                    var target = datasets[split];
                    for (long v = 0; v < voxels; v++)
                    {
                        long destination = ((v * averages + average) * coils + coil) * points;
                        for (long t = 0; t < points; t++)
                        {
                            long source = v + voxels * (t + points * rest);
                            target[destination + t] = ReadComplex(data, source, elementBytes, h.BigEndian, path) * slope;
                        }
                    }
                }
            }
        }

        double reference = ReaderLimits.ReferencePpm(nucleus, NiftiMrsReferencePpm);
        var axis = new SpectralAxis(points, spectralWidth, mhz, reference);
        if (!standard && (nucleus != "1H" || SpectrumContent.IsMirrored(SpectrumContent.Combine(datasets[0], points), axis) != false))
        {
            foreach (var set in datasets)
            {
                SpectrumContent.ConjugateInPlace(set);
            }
        }

        var localization = Localize(h, root, sidecar, (int)size[1], (int)size[2], (int)size[3]);
        var provenance = Provenance(path, root, sidecar, standard);
        var design = Design(root, roles, size, coilDim, dynDim, (int)splits);
        var result = new List<MrsAcquisition>(datasets.Length);
        foreach (var set in datasets)
        {
            var role = nucleus == "1H" ? SpectrumContent.Classify(SpectrumContent.Combine(set, points), axis) : AcquisitionRole.Unknown;
            if (role == AcquisitionRole.Metabolite && inversion > 0)
            {
                role = AcquisitionRole.MetaboliteNulled;
            }
            result.Add(new MrsAcquisition(set, points, averages, coils, (int)voxels)
            {
                SpectralWidthHz = spectralWidth,
                TransmitterFrequencyMHz = mhz,
                Nucleus = nucleus,
                ReferencePpm = reference,
                EchoTimeMs = te,
                RepetitionTimeMs = tr,
                AcquiredAverages = dynDim > 0 ? averages : null,
                Role = role,
                Localization = localization,
                Provenance = provenance,
                Design = design,
            });
        }
        return result;
    }

    /// <summary>
    /// What the classifier needs: the dims that split the file, the header fields that describe editing (any key
    /// with "Edit" in the top level or in a used dim's dim_N_header) and the echo times a dim header lists.
    /// </summary>
    private static AcquisitionDesign Design(JsonElement? root, string[] roles, long[] size, int coilDim, int dynDim, int splits)
    {
        var splitDims = new List<string>();
        var editing = new List<string>();
        var echoTimes = new List<double>();
        if (root is { } r)
        {
            editing.AddRange(r.EnumerateObject().Select(p => p.Name).Where(IsEditingField));
        }
        for (int i = 5; i <= 7; i++)
        {
            if (size[i] == 1)
            {
                continue;
            }
            if (i != coilDim && i != dynDim)
            {
                splitDims.Add(roles[i]);
            }
            if (root is { } rr && rr.TryGetProperty($"dim_{i}_header", out var header) && header.ValueKind == JsonValueKind.Object)
            {
                foreach (var field in header.EnumerateObject())
                {
                    if (IsEditingField(field.Name))
                    {
                        editing.Add($"dim_{i}_header.{field.Name}");
                    }
                    else if (field.Name.Equals("EchoTime", StringComparison.OrdinalIgnoreCase))
                    {
                        echoTimes.AddRange(DimValues(field.Value, size[i]).Select(s => s * 1000));
                    }
                }
            }
        }
        var distinct = echoTimes.Where(double.IsFinite).Select(t => Math.Round(t, 3)).Distinct().ToList();
        return new AcquisitionDesign
        {
            SubSpectra = splits,
            SplitDimensions = splitDims,
            EditingFields = editing,
            EchoTimesMs = distinct.Count > 1 ? distinct : [],
        };
    }

    private static bool IsEditingField(string name) => name.Contains("Edit", StringComparison.OrdinalIgnoreCase);

    /// <summary>A dim header's numbers: a list, {"Value": list} or {"start", "increment"} (NIfTI-MRS dynamic header forms).</summary>
    private static IEnumerable<double> DimValues(JsonElement value, long count)
    {
        if (value.ValueKind == JsonValueKind.Array)
        {
            return value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.Number).Select(v => v.GetDouble()).ToList();
        }
        if (value.ValueKind == JsonValueKind.Object)
        {
            if (value.TryGetProperty("Value", out var list))
            {
                return DimValues(list, count);
            }
            if (value.TryGetProperty("start", out var start) && start.ValueKind == JsonValueKind.Number
                && value.TryGetProperty("increment", out var step) && step.ValueKind == JsonValueKind.Number)
            {
                double first = start.GetDouble(), increment = step.GetDouble();
                return Enumerable.Range(0, (int)Math.Min(count, MaxSplitAcquisitions)).Select(k => first + k * increment).ToList();
            }
        }
        return [];
    }

    /// <summary>The whole (decompressed) file, refusing more than <see cref="ReaderLimits.MaxBinaryBytes"/>.</summary>
    private static byte[] ReadPayload(string path)
    {
        using var file = File.OpenRead(path);
        var magic = new byte[2];
        int n = file.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
        file.Position = 0;
        if (n == 2 && magic[0] == 0x1F && magic[1] == 0x8B)
        {
            using var gz = new GZipStream(file, CompressionMode.Decompress);
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = gz.Read(chunk, 0, chunk.Length)) > 0)
            {
                if (buffer.Length + read > ReaderLimits.MaxBinaryBytes)
                {
                    throw new MrsReadException(path, "the decompressed file is larger than 2 GiB.");
                }
                buffer.Write(chunk, 0, read);
            }
            return buffer.ToArray();
        }
        if (file.Length > ReaderLimits.MaxBinaryBytes)
        {
            throw new MrsReadException(path, "the file is larger than 2 GiB.");
        }
        var bytes = new byte[file.Length];
        file.ReadExactly(bytes);
        return bytes;
    }

    private static Header ParseHeader(string path, byte[] bytes)
    {
        if (bytes.Length < 348)
        {
            throw new MrsReadException(path, $"{bytes.Length} bytes is shorter than a NIfTI header.");
        }
        var b = bytes.AsSpan();
        int le = BinaryPrimitives.ReadInt32LittleEndian(b);
        int be = BinaryPrimitives.ReadInt32BigEndian(b);
        var h = new Header();
        if (le == 348 || be == 348)
        {
            h.BigEndian = le != 348;
            if (!(b[344] == (byte)'n' && b[345] == (byte)'+' && b[346] == (byte)'1' && b[347] == 0))
            {
                throw new MrsReadException(path, "NIfTI-1 magic is not \"n+1\" (a .hdr/.img pair or not NIfTI): single-file .nii only.");
            }
            h.Version = 1;
            h.HeaderSize = 348;
            for (int i = 0; i < 8; i++)
            {
                h.Dim[i] = I16(b, 40 + 2 * i, h.BigEndian);
                h.PixDim[i] = F32(b, 76 + 4 * i, h.BigEndian);
            }
            h.DataType = I16(b, 70, h.BigEndian);
            double offset = F32(b, 108, h.BigEndian);
            if (!double.IsFinite(offset) || offset < 0 || offset > long.MaxValue / 2 || offset != Math.Floor(offset))
            {
                throw new MrsReadException(path, $"vox_offset {offset} is not a valid byte offset.");
            }
            h.VoxOffset = (long)offset;
            h.Slope = F32(b, 112, h.BigEndian);
            h.QFormCode = I16(b, 252, h.BigEndian);
            h.SFormCode = I16(b, 254, h.BigEndian);
            h.QuaternB = F32(b, 256, h.BigEndian);
            h.QuaternC = F32(b, 260, h.BigEndian);
            h.QuaternD = F32(b, 264, h.BigEndian);
            for (int i = 0; i < 3; i++)
            {
                h.QOffset[i] = F32(b, 268 + 4 * i, h.BigEndian);
                for (int j = 0; j < 4; j++)
                {
                    h.SRow[i][j] = F32(b, 280 + 16 * i + 4 * j, h.BigEndian);
                }
            }
            h.XyztUnits = b[123];
            h.IntentName = Ascii(b.Slice(328, 16));
        }
        else if (le == 540 || be == 540)
        {
            h.BigEndian = le != 540;
            if (bytes.Length < 540)
            {
                throw new MrsReadException(path, $"{bytes.Length} bytes is shorter than a NIfTI-2 header.");
            }
            if (!(b[4] == (byte)'n' && b[5] == (byte)'+' && b[6] == (byte)'2' && b[7] == 0))
            {
                throw new MrsReadException(path, "NIfTI-2 magic is not \"n+2\": single-file .nii only.");
            }
            h.Version = 2;
            h.HeaderSize = 540;
            h.DataType = I16(b, 12, h.BigEndian);
            for (int i = 0; i < 8; i++)
            {
                h.Dim[i] = I64(b, 16 + 8 * i, h.BigEndian);
                h.PixDim[i] = F64(b, 104 + 8 * i, h.BigEndian);
            }
            h.VoxOffset = I64(b, 168, h.BigEndian);
            h.Slope = F64(b, 176, h.BigEndian);
            h.QFormCode = I32(b, 344, h.BigEndian);
            h.SFormCode = I32(b, 348, h.BigEndian);
            h.QuaternB = F64(b, 352, h.BigEndian);
            h.QuaternC = F64(b, 360, h.BigEndian);
            h.QuaternD = F64(b, 368, h.BigEndian);
            for (int i = 0; i < 3; i++)
            {
                h.QOffset[i] = F64(b, 376 + 8 * i, h.BigEndian);
                for (int j = 0; j < 4; j++)
                {
                    h.SRow[i][j] = F64(b, 400 + 32 * i + 8 * j, h.BigEndian);
                }
            }
            h.XyztUnits = I32(b, 500, h.BigEndian);
            h.IntentName = Ascii(b.Slice(508, 16));
        }
        else
        {
            throw new MrsReadException(path, $"sizeof_hdr is {le}, not 348 (NIfTI-1) or 540 (NIfTI-2): not a NIfTI file.");
        }
        return h;
    }

    /// <summary>The ecode-44 extension's JSON, or null when there is none.</summary>
    private static JsonDocument? ReadJsonExtension(string path, byte[] bytes, Header h)
    {
        int flag = h.HeaderSize;
        if (h.VoxOffset < flag + 4 || bytes[flag] == 0)
        {
            return null;
        }
        long pos = flag + 4;
        while (pos + 8 <= h.VoxOffset)
        {
            int esize = I32(bytes, (int)pos, h.BigEndian);
            int ecode = I32(bytes, (int)pos + 4, h.BigEndian);
            if (esize < 8 || pos + esize > h.VoxOffset)
            {
                throw new MrsReadException(path, $"a header extension at byte {pos} has size {esize}, which does not fit before vox_offset {h.VoxOffset}.");
            }
            if (ecode == JsonExtensionCode)
            {
                var content = bytes.AsSpan((int)pos + 8, esize - 8);
                int length = content.IndexOf((byte)0);
                content = length >= 0 ? content[..length] : content;
                try
                {
                    var document = JsonDocument.Parse(content.ToArray(), new JsonDocumentOptions { MaxDepth = 64, AllowTrailingCommas = true });
                    if (document.RootElement.ValueKind != JsonValueKind.Object)
                    {
                        document.Dispose();
                        throw new MrsReadException(path, "the NIfTI-MRS header extension is not a JSON object.");
                    }
                    return document;
                }
                catch (JsonException ex)
                {
                    throw new MrsReadException(path, $"the NIfTI-MRS header extension is not valid JSON ({ex.Message}).");
                }
            }
            pos += esize;
        }
        return null;
    }

    private static Complex ReadComplex(ReadOnlySpan<byte> data, long index, int elementBytes, bool bigEndian, string path)
    {
        int offset = checked((int)(index * elementBytes));
        double re, im;
        if (elementBytes == 8)
        {
            re = F32(data, offset, bigEndian);
            im = F32(data, offset + 4, bigEndian);
        }
        else
        {
            re = F64(data, offset, bigEndian);
            im = F64(data, offset + 8, bigEndian);
        }
        if (!double.IsFinite(re) || !double.IsFinite(im))
        {
            throw new MrsReadException(path, $"sample {index} is not a finite number (corrupt data).");
        }
        return new Complex(re, im);
    }

    /// <summary>Seconds per unit of pixdim[4] from xyzt_units (NIfTI: 8 s, 16 ms, 24 µs; 0 = unknown → s).</summary>
    private static double TimeUnitSeconds(int xyztUnits) => (xyztUnits & 0x38) switch
    {
        16 => 1e-3,
        24 => 1e-6,
        _ => 1,
    };

    private static Localization Localize(Header h, JsonElement? root, SidecarJson? sidecar, int x, int y, int z)
    {
        var technique = SequenceNames.Technique(
            root is { } r ? SidecarJson.Text(r, "SequenceName") : sidecar?.SequenceName,
            root is { } r2 ? SidecarJson.Text(r2, "ProtocolName") : sidecar?.ProtocolName);
        // NIfTI-MRS states MixingTime in seconds (STEAM); absent in most files.
        double? mixingTimeMs = root is { } r3 && r3.TryGetProperty("MixingTime", out var tm) && tm.ValueKind == JsonValueKind.Number
            && tm.GetDouble() is var seconds && seconds > 0 && double.IsFinite(seconds)
            ? seconds * 1000
            : null;
        var affine = Affine(h);
        if (affine is null)
        {
            return new Localization { Technique = technique, Grid = new MrsiGrid(x, y, z), MixingTimeMs = mixingTimeMs };
        }
        // Affine columns: voxel i, j, k steps in RAS mm; translation = centre of voxel 0. RAS → LPS: negate x, y.
        var size = new double[3];
        var orientation = new double[6];
        for (int c = 0; c < 3; c++)
        {
            size[c] = Math.Sqrt(affine[0, c] * affine[0, c] + affine[1, c] * affine[1, c] + affine[2, c] * affine[2, c]);
        }
        for (int c = 0; c < 2; c++)
        {
            double norm = size[c] > 0 ? size[c] : 1;
            orientation[3 * c] = -affine[0, c] / norm;
            orientation[3 * c + 1] = -affine[1, c] / norm;
            orientation[3 * c + 2] = affine[2, c] / norm;
        }
        // Centre of the grid: voxel ((x-1)/2, (y-1)/2, (z-1)/2).
        var centre = new double[3];
        for (int row = 0; row < 3; row++)
        {
            centre[row] = affine[row, 3] + affine[row, 0] * (x - 1) / 2.0 + affine[row, 1] * (y - 1) / 2.0 + affine[row, 2] * (z - 1) / 2.0;
        }
        bool finite = size.All(double.IsFinite) && centre.All(double.IsFinite) && orientation.All(double.IsFinite);
        return new Localization
        {
            Technique = technique,
            VoxelSizeMm = finite ? size : null,
            PositionMm = finite ? [-centre[0], -centre[1], centre[2]] : null,
            Orientation = finite ? orientation : null,
            Grid = new MrsiGrid(x, y, z),
            Geometry = finite && x * y * z > 1 ? Geometry(affine, new MrsiGrid(x, y, z)) : null,
            MixingTimeMs = mixingTimeMs,
        };
    }

    /// <summary>
    /// An MRSI grid's geometry from the affine, RAS → LPS (negate x, y): i runs along a row (column index), j down a
    /// column (row index), k across slices — NIfTI's data order is the model's voxel order. The slice step is the k
    /// column along RowDirection × ColumnDirection, signed (a left-handed qform steps against it).
    /// </summary>
    private static Mrsi.MrsiGeometry? Geometry(double[,] affine, MrsiGrid grid)
    {
        double[] Column(int c) => [-affine[0, c], -affine[1, c], affine[2, c]];
        double[] i = Column(0), j = Column(1), k = Column(2);
        double di = Math.Sqrt(i[0] * i[0] + i[1] * i[1] + i[2] * i[2]), dj = Math.Sqrt(j[0] * j[0] + j[1] * j[1] + j[2] * j[2]);
        if (!(di > 0) || !(dj > 0))
        {
            return null;
        }
        double[] row = [i[0] / di, i[1] / di, i[2] / di], column = [j[0] / dj, j[1] / dj, j[2] / dj];
        double[] normal = [row[1] * column[2] - row[2] * column[1], row[2] * column[0] - row[0] * column[2], row[0] * column[1] - row[1] * column[0]];
        double dk = k[0] * normal[0] + k[1] * normal[1] + k[2] * normal[2];
        if (grid.Slices == 1 && Math.Abs(dk) < 1e-9)
        {
            dk = Math.Sqrt(k[0] * k[0] + k[1] * k[1] + k[2] * k[2]);
        }
        return new Mrsi.MrsiGeometry(grid, [-affine[0, 3], -affine[1, 3], affine[2, 3]], row, column, [di, dj, dk]);
    }

    /// <summary>The voxel → RAS affine: sform when set, else qform, else null.</summary>
    private static double[,]? Affine(Header h)
    {
        var a = new double[3, 4];
        if (h.SFormCode > 0)
        {
            for (int i = 0; i < 3; i++)
            {
                for (int j = 0; j < 4; j++)
                {
                    a[i, j] = h.SRow[i][j];
                }
            }
            return a;
        }
        if (h.QFormCode > 0)
        {
            double b = h.QuaternB, c = h.QuaternC, d = h.QuaternD;
            double s = 1 - (b * b + c * c + d * d);
            double q = s > 0 ? Math.Sqrt(s) : 0;
            double qfac = h.PixDim[0] < 0 ? -1 : 1;
            double[,] r =
            {
                { q * q + b * b - c * c - d * d, 2 * (b * c - q * d), 2 * (b * d + q * c) },
                { 2 * (b * c + q * d), q * q + c * c - b * b - d * d, 2 * (c * d - q * b) },
                { 2 * (b * d - q * c), 2 * (c * d + q * b), q * q + d * d - c * c - b * b },
            };
            double[] scale = [h.PixDim[1], h.PixDim[2], h.PixDim[3] * qfac];
            for (int i = 0; i < 3; i++)
            {
                for (int j = 0; j < 3; j++)
                {
                    a[i, j] = r[i, j] * scale[j];
                }
                a[i, 3] = h.QOffset[i];
            }
            return a;
        }
        return null;
    }

    private static Provenance Provenance(string path, JsonElement? root, SidecarJson? sidecar, bool standard)
    {
        if (root is { } r)
        {
            return new Provenance
            {
                SourceFormat = standard ? "NIfTI-MRS" : "NIfTI",
                SourcePath = path,
                Manufacturer = SidecarJson.Text(r, "Manufacturer"),
                Model = SidecarJson.Text(r, "ManufacturersModelName"),
                SoftwareVersion = SidecarJson.Text(r, "SoftwareVersions"),
                PatientId = SidecarJson.Text(r, "PatientID"),
                StudyInstanceUid = SidecarJson.Text(r, "StudyInstanceUID"),
                SeriesInstanceUid = SidecarJson.Text(r, "SeriesInstanceUID"),
                SeriesDescription = SidecarJson.Text(r, "SeriesDescription"),
                ProtocolName = SidecarJson.Text(r, "ProtocolName"),
                SequenceName = SidecarJson.Text(r, "SequenceName"),
            };
        }
        return new Provenance
        {
            SourceFormat = "NIfTI (pre-standard)",
            SourcePath = path,
            Manufacturer = sidecar?.Manufacturer,
            Model = sidecar?.Model,
            SoftwareVersion = sidecar?.SoftwareVersion,
            ProtocolName = sidecar?.ProtocolName,
            SequenceName = sidecar?.SequenceName,
        };
    }

    private static string DataTypeName(int code) => code switch
    {
        2 => "uint8",
        4 => "int16",
        8 => "int32",
        16 => "float32",
        64 => "float64",
        128 => "rgb24",
        256 => "int8",
        512 => "uint16",
        768 => "uint32",
        1024 => "int64",
        1280 => "uint64",
        1536 => "float128",
        2048 => "complex256",
        2304 => "rgba32",
        _ => "unknown",
    };

    private static string Ascii(ReadOnlySpan<byte> b)
    {
        int n = b.IndexOf((byte)0);
        return Encoding.ASCII.GetString(n >= 0 ? b[..n] : b).Trim();
    }

    private static short I16(ReadOnlySpan<byte> b, int o, bool big) => big ? BinaryPrimitives.ReadInt16BigEndian(b[o..]) : BinaryPrimitives.ReadInt16LittleEndian(b[o..]);
    private static int I32(ReadOnlySpan<byte> b, int o, bool big) => big ? BinaryPrimitives.ReadInt32BigEndian(b[o..]) : BinaryPrimitives.ReadInt32LittleEndian(b[o..]);
    private static long I64(ReadOnlySpan<byte> b, int o, bool big) => big ? BinaryPrimitives.ReadInt64BigEndian(b[o..]) : BinaryPrimitives.ReadInt64LittleEndian(b[o..]);
    private static float F32(ReadOnlySpan<byte> b, int o, bool big) => big ? BinaryPrimitives.ReadSingleBigEndian(b[o..]) : BinaryPrimitives.ReadSingleLittleEndian(b[o..]);
    private static double F64(ReadOnlySpan<byte> b, int o, bool big) => big ? BinaryPrimitives.ReadDoubleBigEndian(b[o..]) : BinaryPrimitives.ReadDoubleLittleEndian(b[o..]);
}
