namespace MRSNode.Quantification;

/// <summary>
/// Which model a spectrum is fitted with, chosen per study from a first fit (as LCModel's SPTYPE chooses per run):
/// normal brain, or lipid-rich (short-TE tumour or lipid contamination) where brain-tissue lipid/MM priors do not hold.
/// </summary>
public enum SpectrumType
{
    /// <summary>Normal brain: LCModel's lipid/MM components and all its brain ratio priors.</summary>
    Brain,

    /// <summary>
    /// Lipids at 0.9/1.3 ppm at least <see cref="LipidContent.LipidRichAtOrAbove"/> × the creatine area:
    /// <see cref="MacromoleculeLibrary.LipidRich"/> (lipid lines free to sit a little off LCModel's positions and to have
    /// wings) and no lipid/MM ratio priors; the metabolite priors stay.
    /// </summary>
    LipidRich,
}
