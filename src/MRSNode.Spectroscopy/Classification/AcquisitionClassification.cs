namespace MRSNode.Spectroscopy.Classification;

/// <summary>What kind of acquisition a file holds, as far as MRSNode's fit is concerned.</summary>
public enum AcquisitionKind
{
    /// <summary>Unedited single-voxel ¹H at one echo time.</summary>
    SingleVoxel,
    /// <summary>MR spectroscopic imaging (several voxels): quantified voxel by voxel when the voxel positions are known, else refused.</summary>
    Mrsi,
    /// <summary>Spectral editing (MEGA, HERMES, HERCULES or unknown): ON/OFF sub-spectra.</summary>
    Edited,
    /// <summary>Several echo times (multi-echo, J-resolved).</summary>
    MultiEcho,
    /// <summary>One file split into several sub-spectra of unknown meaning.</summary>
    SeveralSubSpectra,
    /// <summary>A nucleus other than ¹H.</summary>
    NonProton,
}

/// <summary>The editing scheme of an <see cref="AcquisitionKind.Edited"/> acquisition.</summary>
public enum EditingScheme
{
    None,
    Mega,
    Hermes,
    Hercules,
    Unknown,
}

/// <summary>
/// The classifier's answer: the kind, the editing scheme, the evidence (header fields and measures, for the log and
/// the tests) and, for anything MRSNode does not quantify, the reason in words a radiologist understands.
/// </summary>
public sealed record AcquisitionClassification(AcquisitionKind Kind, EditingScheme Editing, IReadOnlyList<string> Evidence, string? Reason)
{
    /// <summary>Whether MRSNode quantifies it: single voxel, or MRSI with known voxel positions (<see cref="Reason"/> null).</summary>
    public bool IsSupported => Reason is null;

    /// <summary>Whether it goes the MRSI path (maps) rather than the single-voxel one.</summary>
    public bool IsMrsi => Kind == AcquisitionKind.Mrsi && IsSupported;
}
