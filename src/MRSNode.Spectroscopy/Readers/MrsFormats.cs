namespace MRSNode.Spectroscopy.Readers;

/// <summary>
/// Every MRS format MRSNode reads, detected by content. The order matters only where two formats
/// could claim the same bytes: specific signatures (DICOM SOP classes, NIfTI magic, RDA/SPAR/LCModel/
/// jMRUI headers) come before the catch-all two-column text.
/// </summary>
public sealed class MrsFormats
{
    private readonly IReadOnlyList<IMrsReader> _readers;

    public MrsFormats(IEnumerable<IMrsReader> readers)
    {
        ArgumentNullException.ThrowIfNull(readers);
        _readers = [.. readers];
    }

    public static MrsFormats Default { get; } = new(
    [
        new DicomMrsReader(),
        new SiemensCsaReader(),
        new NiftiMrsReader(),
        new SiemensRdaReader(),
        new PhilipsSdatReader(),
        new LcModelRawReader(),
        new JmruiTextReader(),
        new PlainTextReader(),
    ]);

    public IReadOnlyList<IMrsReader> Readers => _readers;

    /// <summary>The reader for a file, or an <see cref="MrsReadException"/> saying what the file seems to be.</summary>
    public IMrsReader Detect(string path)
    {
        MrsFileProbe probe;
        try
        {
            probe = MrsFileProbe.Open(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new MrsReadException(path, $"cannot be opened: {ex.Message}");
        }
        if (probe.Length == 0)
        {
            throw new MrsReadException(path, "is empty");
        }
        foreach (var reader in _readers)
        {
            if (reader.CanRead(probe))
            {
                return reader;
            }
        }
        if (LcModelBasisReader.IsBasisFile(probe))
        {
            throw new MrsReadException(path, "is an LCModel basis set (.BASIS), not a spectrum: pass it with --basis");
        }
        throw new MrsReadException(path, "is not a recognised MR spectroscopy format (DICOM MR Spectroscopy or Siemens CSA, Siemens RDA, Philips SDAT/SPAR, NIfTI-MRS, LCModel .RAW/.H2O, jMRUI text, two-column text)");
    }

    /// <summary>
    /// Reads one file (a file may hold several acquisitions, e.g. Philips metabolite + water), each checked by
    /// <see cref="MrsPlausibility"/>: an implausible header value or sample is an <see cref="MrsReadException"/>.
    /// </summary>
    public IReadOnlyList<MrsAcquisition> Read(string path, MrsReadOptions? options = null)
    {
        var reader = Detect(path);
        IReadOnlyList<MrsAcquisition> acquisitions;
        try
        {
            acquisitions = reader.Read(path, options ?? MrsReadOptions.Default);
        }
        catch (Dicom.DicomFormatException ex)
        {
            // A reader should already have said this; keep the one exception type for callers regardless.
            throw new MrsReadException(path, $"is not valid {reader.FormatName}: {ex.Message}");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new MrsReadException(path, $"cannot be read: {ex.Message}");
        }
        foreach (var acquisition in acquisitions)
        {
            MrsPlausibility.Check(path, acquisition); // every format, so no reader can let a poison header or sample through
        }
        return acquisitions;
    }

    /// <summary>
    /// Reads many files and regroups what belongs together: Siemens XA single-average exports (one file per
    /// average, same series) become one acquisition with all averages; files of one series at several echo times
    /// are each marked with all of them (<see cref="SeriesEchoTimes"/>).
    /// </summary>
    public IReadOnlyList<MrsAcquisition> ReadAll(IEnumerable<string> paths, MrsReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var all = new List<MrsAcquisition>();
        foreach (var path in paths)
        {
            all.AddRange(Read(path, options));
        }
        return SeriesEchoTimes.Mark(XaAverageGrouper.Group(all));
    }
}
