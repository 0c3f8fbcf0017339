using MRSNode.Quantification.Results;
using MRSNode.Spectroscopy;
using MRSNode.Spectroscopy.Readers;
using MRSNode.SpinSimulation;
using MRSNode.SpinSimulation.Caching;

namespace MRSNode.Pipeline;

/// <summary>The metabolite and water acquisitions of a job, read and checked; <see cref="Notes"/>: what the report must say about them.</summary>
public sealed record SelectedInputs(MrsAcquisition Metabolite, MrsAcquisition? Water, string Format)
{
    public IReadOnlyList<string> Notes { get; init; } = [];
}

/// <summary>The basis set chosen for a job, its file, the mismatch note every output must carry (null: it fits) and where it came from.</summary>
public sealed record SelectedBasis(BasisSet Basis, string Path, string? MismatchNote, BasisProvenance Provenance);

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
    /// The basis set for the acquisition, in this order: the file given (--basis); the manifest's first matching entry
    /// with a file (a site's pin); else, with a <paramref name="cache"/>, a basis simulated for the acquisition's own
    /// field, TE and sequence (<see cref="AcquisitionProtocol"/>; a matching manifest entry's "simulate" block sets the
    /// timing), taken from the cache when it was simulated before. Every path is checked against the acquisition by
    /// <see cref="BasisAcquisitionMatch"/>; a mismatch is refused, or with <see cref="QuantificationRequest.AllowBasisMismatch"/>
    /// accepted and returned as a note every output must carry. An acquisition no entry fits and the simulator cannot
    /// serve (another nucleus, no TE, an unknown sequence) is refused with both reasons.
    /// </summary>
    public static SelectedBasis Basis(QuantificationRequest request, MrsAcquisition metabolite, SimulatedBasisCache? cache = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(metabolite);
        var catalog = request.BasisManifest is { } manifest ? BasisSetCatalog.Load(manifest) : null;
        if (request.BasisFile is { } file)
        {
            return FileBasis(request, metabolite, file, catalog?.EntryFor(file), BasisProvenance.FromFile, Path.GetFileName(file));
        }
        var entry = catalog?.Match(metabolite);
        if (entry is not null && catalog!.PathOf(entry) is { } pinned)
        {
            return FileBasis(request, metabolite, pinned, entry, BasisProvenance.FromManifest, entry.Name);
        }
        const string NothingConfigured = "no basis set: pass --basis FILE or configure config/basis-sets/manifest.json";
        if (cache is null)
        {
            throw catalog is null ? new QuantificationException(NothingConfigured)
                : entry is not null ? new BasisSetSelectionException($"the basis-set manifest entry {entry.Name} asks for a simulated basis set, and basis simulation is off (node: Processing:SimulateBasisSets).")
                : new BasisSetSelectionException(catalog.NoMatch(metabolite));
        }
        var noEntry = catalog?.NoMatch(metabolite) ?? NothingConfigured + ".";
        var protocol = AcquisitionProtocol.For(metabolite, entry?.Simulate);
        if (protocol.Request is not { } simulation)
        {
            throw new BasisSetSelectionException(entry is null
                ? $"{noEntry} No basis set can be simulated for it either: {protocol.Refusal}."
                : $"the basis-set manifest entry {entry.Name} asks for a simulated basis, which cannot be made: {protocol.Refusal}.");
        }
        var cached = cache.Get(simulation, progress: null, cancellationToken);
        var provenance = new BasisProvenance
        {
            Source = BasisProvenance.FromSimulation,
            Name = entry?.Name ?? BasisProvenance.DefaultTiming,
            Sequence = AcquisitionProtocol.SequenceName(simulation.Sequence),
            EchoTimeMs = simulation.EchoTimeMs,
            Te1Ms = simulation.Te1Ms,
            Te2Ms = simulation.Te2Ms,
            MixingTimeMs = simulation.MixingTimeMs,
            Pulses = simulation.Pulses == PulseModel.Shaped ? "shaped" : null,
            FieldT = FieldOf(simulation.FrequencyMHz),
            FrequencyMHz = simulation.FrequencyMHz,
            CacheKey = cached.Key,
            SimulatedNow = cached.Simulated,
            Assumptions = protocol.Assumptions.Count > 0 ? protocol.Assumptions : null,
        };
        return Checked(request, metabolite, cached.Basis, cached.BasisPath, entry, provenance);
    }

    private static BasisSet ReadFile(string path)
    {
        try
        {
            return LcModelBasisReader.Read(path);
        }
        catch (MrsReadException ex)
        {
            throw new QuantificationException($"basis set {Path.GetFileName(path)} cannot be read: {ex.Reason}", ex);
        }
    }

    /// <summary>A basis file (--basis or a manifest pin), read, described and checked.</summary>
    private static SelectedBasis FileBasis(QuantificationRequest request, MrsAcquisition metabolite, string path, BasisSetEntry? entry, string source, string name)
    {
        var basis = ReadFile(path);
        var provenance = new BasisProvenance
        {
            Source = source,
            Name = name,
            Sequence = basis.Sequence ?? entry?.StatedSequence,
            EchoTimeMs = basis.EchoTimeMs ?? entry?.StatedEchoTimeMs,
            FieldT = FieldOf(basis.FrequencyMHz),
            FrequencyMHz = basis.FrequencyMHz,
        };
        return Checked(request, metabolite, basis, path, entry, provenance);
    }

    /// <summary>The basis if it fits the acquisition (<see cref="BasisAcquisitionMatch"/>), else refused or, when allowed, with the mismatch note.</summary>
    private static SelectedBasis Checked(QuantificationRequest request, MrsAcquisition metabolite, BasisSet basis, string path, BasisSetEntry? entry, BasisProvenance provenance)
    {
        var description = BasisDescription.Of(basis, Path.GetFileName(path), entry);
        var mismatches = BasisAcquisitionMatch.Mismatches(description, metabolite);
        if (mismatches.Count == 0)
        {
            return new SelectedBasis(basis, path, null, provenance);
        }
        var what = string.Join("; ", mismatches);
        if (!request.AllowBasisMismatch)
        {
            throw new QuantificationException(what + " (--allow-basis-mismatch quantifies anyway, for research use)");
        }
        return new SelectedBasis(basis, path, "basis set mismatch accepted for research use (--allow-basis-mismatch): " + what, provenance);
    }

    private static double FieldOf(double frequencyMHz) => Math.Round(frequencyMHz / Nuclei.GyromagneticRatioMHzPerTesla("1H"), 3);
}
