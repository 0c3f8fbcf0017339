using System.Globalization;
using MRSNode.Spectroscopy.Readers;

namespace MRSNode.Spectroscopy.Classification;

/// <summary>
/// Says what an acquisition is before anything is fitted: single-voxel unedited ¹H and unedited ¹H MRSI with known
/// voxel positions (the kinds MRSNode quantifies; an MRSI that is also edited, multi-echo or split is refused as
/// such), MRSI without voxel positions, edited, multi-echo, several sub-spectra, or another nucleus, from the reader's header facts
/// (<see cref="MrsAcquisition.Localization"/>, <see cref="MrsAcquisition.Design"/>, the sequence, protocol and series
/// names) and, for interleaved ON/OFF dynamics with no header hint, from the data (<see cref="InterleavedEditDetector"/>).
/// </summary>
public static class AcquisitionClassifier
{
    private const string OnlyUnedited = "MRSNode quantifies unedited ¹H spectra only";
    private const string NoValues = "no values are given";

    public static AcquisitionClassification Classify(MrsAcquisition acquisition)
    {
        ArgumentNullException.ThrowIfNull(acquisition);
        var design = acquisition.Design;
        var provenance = acquisition.Provenance;

        if (acquisition.Nucleus != "1H")
        {
            return new(AcquisitionKind.NonProton, EditingScheme.None, [$"nucleus {acquisition.Nucleus}"],
                $"this is a {Nuclide(acquisition.Nucleus)} acquisition: {OnlyUnedited}; {NoValues}");
        }

        var grid = acquisition.Localization.Grid;
        bool mrsi = acquisition.Voxels > 1 || grid.VoxelCount > 1;
        string size = FormattableString.Invariant($"{grid.Columns}×{grid.Rows}×{grid.Slices}");
        if (mrsi && MrsiWithoutGeometry(acquisition, size) is { } unmapped)
        {
            return unmapped;
        }

        if (Edited(acquisition) is { } edited)
        {
            return edited;
        }

        if (design.EchoTimesMs.Count > 1)
        {
            string echoes = string.Join(", ", design.EchoTimesMs.Select(t => t.ToString("0.###", CultureInfo.InvariantCulture)));
            return new(AcquisitionKind.MultiEcho, EditingScheme.None, [$"echo times {echoes} ms"],
                $"this is a multi-echo acquisition (TE {echoes} ms): {OnlyUnedited}, at one echo time; {NoValues}");
        }
        if (EditingNames.JResolved(provenance) is { } jpress)
        {
            return new(AcquisitionKind.MultiEcho, EditingScheme.None, [$"sequence name '{jpress}'"],
                $"this is a J-resolved (JPRESS) acquisition: {OnlyUnedited}, at one echo time; {NoValues}");
        }

        if (design.SubSpectra > 1)
        {
            string dims = design.SplitDimensions.Count > 0 ? string.Join(", ", design.SplitDimensions) : "unknown dimensions";
            return new(AcquisitionKind.SeveralSubSpectra, EditingScheme.None, [$"{design.SubSpectra} sub-spectra along {dims}"],
                $"the file holds {design.SubSpectra} sub-spectra ({dims}), not one spectrum: {OnlyUnedited} and does not choose one part of a file; {NoValues}");
        }

        if (mrsi)
        {
            // Unedited ¹H MRSI at one TE whose voxel positions are known: mapped voxel by voxel (the MRSI path).
            return new(AcquisitionKind.Mrsi, EditingScheme.None, [$"grid {size}", $"{acquisition.Voxels} voxels", "voxel positions known"], null);
        }

        if (InterleavedEditDetector.AlternationRatio(acquisition) is { } ratio && ratio > InterleavedEditDetector.Threshold)
        {
            string measured = ratio.ToString("0.#", CultureInfo.InvariantCulture);
            return new(AcquisitionKind.Edited, EditingScheme.Unknown, [$"odd−even transient difference {measured}× the noise at NAA/Cr"],
                $"this looks like an edited acquisition (odd and even transients differ {measured}× more than noise, as interleaved edit ON/OFF transients do): "
                + $"{OnlyUnedited}; edited GABA/GSH spectra need a dedicated analysis (e.g. Gannet/Osprey); {NoValues}");
        }

        return new(AcquisitionKind.SingleVoxel, EditingScheme.None, [], null);
    }

    /// <summary>
    /// MRSI the MRSI path cannot map: no voxel positions in the header (no <see cref="Localization.Geometry"/>), or a
    /// geometry whose grid does not hold the file's voxels; null when the grid is known and matches.
    /// </summary>
    private static AcquisitionClassification? MrsiWithoutGeometry(MrsAcquisition acquisition, string size)
    {
        var geometry = acquisition.Localization.Geometry;
        if (geometry is null)
        {
            return new(AcquisitionKind.Mrsi, EditingScheme.None, [$"grid {size}", $"{acquisition.Voxels} voxels", "no voxel positions"],
                $"this is an MR spectroscopic imaging (multi-voxel, {size}) acquisition whose file does not state where its voxels lie: MRSNode maps MRSI only with known voxel positions; {NoValues}");
        }
        if (geometry.Grid.VoxelCount != acquisition.Voxels)
        {
            string stated = FormattableString.Invariant($"{geometry.Grid.Columns}×{geometry.Grid.Rows}×{geometry.Grid.Slices}");
            return new(AcquisitionKind.Mrsi, EditingScheme.None, [$"grid {stated}", $"{acquisition.Voxels} voxels"],
                $"this MR spectroscopic imaging acquisition holds {acquisition.Voxels} spectra but its grid is {stated}: the voxels cannot be placed; {NoValues}");
        }
        return null;
    }

    /// <summary>Edited by name, by an editing dimension, or by an editing header field; null when nothing says so.</summary>
    private static AcquisitionClassification? Edited(MrsAcquisition acquisition)
    {
        var design = acquisition.Design;
        var evidence = new List<string>();
        var named = EditingNames.Editing(acquisition.Provenance);
        if (named is { } n)
        {
            evidence.Add($"sequence name '{n.Name}'");
        }
        evidence.AddRange(design.SplitDimensions.Where(d => d == "DIM_EDIT").Select(d => $"{design.SubSpectra} sub-spectra along {d}"));
        evidence.AddRange(design.EditingFields.Select(f => $"header field {f}"));
        if (evidence.Count == 0)
        {
            return null;
        }
        var scheme = named?.Scheme ?? EditingScheme.Unknown;
        string label = scheme switch
        {
            EditingScheme.Mega => MegaLabel(acquisition),
            EditingScheme.Hermes => "HERMES",
            EditingScheme.Hercules => "HERCULES",
            _ => design.SplitDimensions.Contains("DIM_EDIT") ? $"{design.SubSpectra} edit sub-spectra" : "edit header fields",
        };
        return new(AcquisitionKind.Edited, scheme, evidence,
            $"this is an edited ({label}) acquisition: {OnlyUnedited}; edited GABA/GSH spectra need a dedicated analysis (e.g. Gannet/Osprey); {NoValues}");
    }

    /// <summary>"MEGA-PRESS", "MEGA-sLASER", …: the localisation from the names, else from the header's technique, else "MEGA".</summary>
    private static string MegaLabel(MrsAcquisition acquisition)
    {
        var p = acquisition.Provenance;
        var technique = SequenceNames.Technique(p.SequenceName, p.ProtocolName, p.SeriesDescription)
            ?? SequenceNames.Technique(acquisition.Localization.Technique);
        return technique is null ? "MEGA" : "MEGA-" + technique;
    }

    /// <summary>"31P" → "³¹P", as a radiologist reads it.</summary>
    private static string Nuclide(string nucleus)
    {
        const string superscripts = "⁰¹²³⁴⁵⁶⁷⁸⁹";
        return string.Concat(nucleus.Select(ch => ch is >= '0' and <= '9' ? superscripts[ch - '0'] : ch));
    }
}
