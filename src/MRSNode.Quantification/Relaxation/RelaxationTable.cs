namespace MRSNode.Quantification.Relaxation;

/// <summary>
/// The table of relaxation times at 1.5, 3 and 7 T (docs/architecture.md, "Units, reference ranges and findings"). A field is matched to the nearest
/// entry within 0.6 T (2.89 T Siemens and 3.0 T Philips are both 3 T); none else, so no correction is guessed.
/// </summary>
public static class RelaxationTable
{
    public static IReadOnlyList<FieldRelaxation> Entries { get; } =
    [
        new(1.5, new(1304, 93), new(660, 73), new(2930, 230), new(1150, 289),
            "water GM/WM/CSF T1 and T2: Gasparovic et al. MRM 2006;55:1219 (the values its 1.5 T analysis used); metabolite T2 289 ms: median of the NAA, Cr and Cho singlet T2s at 1.5 T in the Gudmundson et al. 2023 T2 database (170 values, 25 studies); metabolite T1 1150 ms: as Gasparovic's analysis (spant's 1.5 T default)"),
        new(3.0, new(1331, 110), new(832, 79.2), new(3817, 503), new(1400, 226),
            "water GM/WM T1 and T2: Wansapura et al. JMRI 1999;9:531; CSF T1: Lu et al. JMRI 2005;22:13; CSF T2: Piechnik et al. MRM 2009;61:579; metabolite T2 226 ms: median of the NAA, Cr and Cho singlet T2s at 3 T in the Gudmundson et al. 2023 T2 database (300 values, 23 studies; Träber et al. JMRI 2004;19:537 among them); metabolite T1 1400 ms: Mlynárik et al. NMR Biomed 2001;14:325 (NAA, Cr, Cho 1.2–1.5 s)"),
        new(7.0, new(2132, 50), new(1220, 55), new(4425, 141), new(1600, 135),
            "water GM/WM/CSF T1: Rooney et al. MRM 2007;57:308; water GM/WM/CSF T2: Bartha et al. MRM 2002;47:742; metabolite T2 135 ms: median of the NAA, Cr and Cho singlet T2s at 7 T in the Gudmundson et al. 2023 T2 database (89 values, 11 studies); metabolite T1 1600 ms: approximate, T1 of the singlets rises slowly with field (Mlynárik 2001 at 3 T; site to confirm)"),
    ];

    /// <summary>The entry for this field, or null when none lies within 0.6 T.</summary>
    public static FieldRelaxation? For(double fieldTesla) =>
        Entries.Where(e => Math.Abs(e.FieldTesla - fieldTesla) <= 0.6).OrderBy(e => Math.Abs(e.FieldTesla - fieldTesla)).FirstOrDefault();
}
