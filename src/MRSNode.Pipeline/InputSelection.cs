using MRSNode.Spectroscopy;
using MRSNode.Spectroscopy.Readers;

namespace MRSNode.Pipeline;

/// <summary>The metabolite and water acquisitions of a job, read and checked; <see cref="Notes"/>: what the report must say about them.</summary>
public sealed record SelectedInputs(MrsAcquisition Metabolite, MrsAcquisition? Water, string Format)
{
    public IReadOnlyList<string> Notes { get; init; } = [];
}

/// <summary>
/// Reads the job's files and picks the metabolite acquisition and its water reference. The roles come from
/// the readers (content-based); a "water" file that holds metabolite data is refused rather than used to scale.
/// A water file given separately must also fit the metabolite acquisition (<see cref="WaterReferenceMatch"/>: TE,
/// voxel, frame of reference); one that does not is left out and the study gets ratios only, with the reason.
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
        var notes = request.Notes.ToList();
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
        if (water is not null && request.WaterFiles.Count > 0)
        {
            var pairing = WaterReferenceMatch.Check(metabolite, water);
            if (pairing.Refusal is { } refusal)
            {
                notes.Add($"the water reference {Path.GetFileName(request.WaterFiles[0])} was not used: {refusal}");
                water = null;
            }
            else if (pairing.Caveat is { } caveat)
            {
                notes.Add(caveat);
            }
        }
        return new SelectedInputs(metabolite, water, format) { Notes = notes };
    }

    /// <summary>
    /// The basis set given, or the one the manifest assigns to this acquisition, checked against the acquisition by
    /// <see cref="BasisAcquisitionMatch"/> on both paths. A mismatch is refused, or with
    /// <see cref="QuantificationRequest.AllowBasisMismatch"/> accepted and returned as a note every output must carry.
    /// </summary>
    public static (BasisSet Basis, string Path, string? MismatchNote) Basis(QuantificationRequest request, MrsAcquisition metabolite)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(metabolite);
        var catalog = request.BasisManifest is { } manifest ? BasisSetCatalog.Load(manifest) : null;
        string path = request.BasisFile
            ?? catalog?.Select(metabolite)
            ?? throw new QuantificationException("no basis set: pass --basis FILE or configure config/basis-sets/manifest.json");
        BasisSet basis;
        try
        {
            basis = LcModelBasisReader.Read(path);
        }
        catch (MrsReadException ex)
        {
            throw new QuantificationException($"basis set {Path.GetFileName(path)} cannot be read: {ex.Reason}", ex);
        }
        var description = BasisDescription.Of(basis, Path.GetFileName(path), catalog?.EntryFor(path));
        var mismatches = BasisAcquisitionMatch.Mismatches(description, metabolite);
        if (mismatches.Count == 0)
        {
            return (basis, path, null);
        }
        var what = string.Join("; ", mismatches);
        if (!request.AllowBasisMismatch)
        {
            throw new QuantificationException(what + " (--allow-basis-mismatch quantifies anyway, for research use)");
        }
        return (basis, path, "basis set mismatch accepted for research use (--allow-basis-mismatch): " + what);
    }
}
