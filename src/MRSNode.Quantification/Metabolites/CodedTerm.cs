namespace MRSNode.Quantification.Metabolites;

/// <summary>A standard code: coding scheme designator (SCT, DCM, …), code value and code meaning, as PS3.16 lists it.</summary>
public sealed record CodedTerm(string Scheme, string Value, string Meaning);

/// <summary>A standard code for a ratio of two reported quantities (names of metabolites or pools).</summary>
public sealed record RatioCode(string Numerator, string Denominator, CodedTerm Code);

/// <summary>
/// DICOM PS3.16 CID 4033 "MR Proton Spectroscopy Metabolite" (included in CID 4032 "MR Spectroscopy Metabolite"):
/// every term, with the standard's code meanings (its "Tuarine" spelling included, since a code meaning is compared
/// literally). The standard describes a resonance peak by the SNOMED CT concept of its substance.
/// </summary>
public static class MrProtonSpectroscopyCodes
{
    public static readonly CodedTerm NAcetylaspartate = new("SCT", "115391007", "N-acetylaspartate");
    public static readonly CodedTerm Citrate = new("SCT", "59351004", "Citrate");
    public static readonly CodedTerm Choline = new("SCT", "65123005", "Choline");
    public static readonly CodedTerm Creatine = new("SCT", "14804005", "Creatine");
    public static readonly CodedTerm CreatineAndCholine = new("DCM", "113094", "Creatine and Choline");
    public static readonly CodedTerm Lactate = new("SCT", "83036002", "Lactate");
    public static readonly CodedTerm Lipid = new("SCT", "70106000", "Lipid");
    public static readonly CodedTerm LipidAndLactate = new("DCM", "113095", "Lipid and Lactate");
    public static readonly CodedTerm GlutamateAndGlutamine = new("DCM", "113080", "Glutamate and glutamine");
    public static readonly CodedTerm Glutamine = new("SCT", "25761002", "Glutamine");
    public static readonly CodedTerm Taurine = new("SCT", "10944007", "Tuarine");
    public static readonly CodedTerm Inositol = new("SCT", "72164009", "Inositol");
    public static readonly CodedTerm CholineCreatineRatio = new("DCM", "113081", "Choline/Creatine Ratio");
    public static readonly CodedTerm NAcetylaspartateCreatineRatio = new("DCM", "113082", "N-acetylaspartate/Creatine Ratio");
    public static readonly CodedTerm NAcetylaspartateCholineRatio = new("DCM", "113083", "N-acetylaspartate/Choline Ratio");
    public static readonly CodedTerm CreatineCholineCitrateRatio = new("DCM", "113096", "Creatine+Choline/Citrate Ratio");

    /// <summary>The context group's terms in the standard's order.</summary>
    public static IReadOnlyList<CodedTerm> All { get; } =
    [
        NAcetylaspartate, Citrate, Choline, Creatine, CreatineAndCholine, Lactate, Lipid, LipidAndLactate, GlutamateAndGlutamine,
        Glutamine, Taurine, Inositol, CholineCreatineRatio, NAcetylaspartateCreatineRatio, NAcetylaspartateCholineRatio, CreatineCholineCitrateRatio,
    ];
}
