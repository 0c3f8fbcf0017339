using MRSNode.Spectroscopy;
using MRSNode.Spectroscopy.Readers;

namespace MRSNode.Pipeline;

/// <summary>The metabolite and water acquisitions of a job, read and checked.</summary>
public sealed record SelectedInputs(MrsAcquisition Metabolite, MrsAcquisition? Water, string Format);

/// <summary>
/// Reads the job's files and picks the metabolite acquisition and its water reference. The roles come from
/// the readers (content-based); a "water" file that holds metabolite data is refused rather than used to scale.
/// </summary>
public static class InputSelection
{
    public static SelectedInputs Select(QuantificationRequest request, MrsFormats formats)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(formats);
        if (request.MetaboliteFiles.Count == 0)
        {
            throw new QuantificationException("no metabolite file given");
        }
        var format = formats.Detect(request.MetaboliteFiles[0]).FormatName;
        var found = formats.ReadAll(request.MetaboliteFiles, request.ReadOptions);
        var metabolite = found.FirstOrDefault(a => a.Role is AcquisitionRole.Metabolite)
            ?? found.FirstOrDefault(a => a.Role is AcquisitionRole.Unknown)
            ?? throw new QuantificationException(
                $"{Path.GetFileName(request.MetaboliteFiles[0])} holds no metabolite acquisition (found: {string.Join(", ", found.Select(a => a.Role.ToString()))})");

        MrsAcquisition? water = null;
        if (request.WaterFiles.Count > 0)
        {
            var candidates = formats.ReadAll(request.WaterFiles, request.ReadOptions);
            water = candidates.FirstOrDefault(a => a.Role == AcquisitionRole.WaterReference)
                ?? throw new QuantificationException(
                    $"{Path.GetFileName(request.WaterFiles[0])} is not a water reference: its spectrum is dominated by metabolites (role {(candidates.Count > 0 ? candidates[0].Role : AcquisitionRole.Unknown)})");
        }
        else
        {
            water = found.FirstOrDefault(a => a.Role == AcquisitionRole.WaterReference);
        }
        if (water is not null && Math.Abs(water.TransmitterFrequencyMHz - metabolite.TransmitterFrequencyMHz) > 0.01 * metabolite.TransmitterFrequencyMHz)
        {
            throw new QuantificationException(
                $"the water reference was acquired at {water.TransmitterFrequencyMHz:F3} MHz, the metabolite data at {metabolite.TransmitterFrequencyMHz:F3} MHz: not the same scanner session");
        }
        return new SelectedInputs(metabolite, water, format);
    }

    /// <summary>The basis set given, or the one the manifest assigns to this acquisition; a basis for another field is refused.</summary>
    public static (BasisSet Basis, string Path) Basis(QuantificationRequest request, MrsAcquisition metabolite)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(metabolite);
        string path = request.BasisFile
            ?? (request.BasisManifest is { } manifest
                ? BasisSetCatalog.Load(manifest).Select(metabolite)
                : throw new QuantificationException("no basis set: pass --basis FILE or configure config/basis-sets/manifest.json"));
        BasisSet basis;
        try
        {
            basis = LcModelBasisReader.Read(path);
        }
        catch (MrsReadException ex)
        {
            throw new QuantificationException($"basis set {Path.GetFileName(path)} cannot be read: {ex.Reason}", ex);
        }
        if (Math.Abs(basis.FrequencyMHz - metabolite.TransmitterFrequencyMHz) > 0.05 * metabolite.TransmitterFrequencyMHz)
        {
            throw new QuantificationException(
                $"basis set {Path.GetFileName(path)} was made for {basis.FrequencyMHz:F2} MHz; the data are at {metabolite.TransmitterFrequencyMHz:F2} MHz");
        }
        return (basis, path);
    }
}
