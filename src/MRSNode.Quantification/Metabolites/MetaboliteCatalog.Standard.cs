using Codes = MRSNode.Quantification.Metabolites.MrProtonSpectroscopyCodes;

namespace MRSNode.Quantification.Metabolites;

public sealed partial class MetaboliteCatalog
{
    /// <summary>The node's catalog: the 1H brain metabolites of common basis sets and LCModel's lipid/MM components.</summary>
    public static MetaboliteCatalog Standard { get; } = CreateStandard();

    private static MetaboliteCatalog CreateStandard()
    {
        static MetaboliteInfo M(string name, params string[] aliases) => new(name, aliases);

        var ala = M("Ala"); // alanine
        var asc = M("Asc"); // ascorbate
        var asp = M("Asp"); // aspartate
        // Creatine and phosphocreatine: 5 protons each (CH3 + CH2), the basis's per-proton area (WaterScaling).
        var cr = M("Cr", "Cre") with { Protons = 5, Code = Codes.Creatine };
        var pcr = M("PCr") with { Protons = 5 };
        var crCh2 = M("CrCH2", "-CrCH2"); // LCModel's negative creatine CH2 correction
        var gaba = M("GABA");
        var glc = M("Glc"); // glucose
        var gln = M("Gln") with { Code = Codes.Glutamine };
        var glu = M("Glu");
        var gly = M("Gly");
        var gsh = M("GSH"); // glutathione
        var ins = M("Ins", "mI", "mIns") with { Code = Codes.Inositol }; // myo-inositol
        var sIns = M("sIns", "Scyllo", "Scy", "sI"); // scyllo-inositol
        var lac = M("Lac") with { Code = Codes.Lactate };
        var naa = M("NAA") with { Code = Codes.NAcetylaspartate };
        var naag = M("NAAG");
        var gpc = M("GPC"); // glycerophosphocholine
        var pcho = M("PCho", "PCh"); // phosphocholine
        var cho = M("Cho"); // free choline
        var pe = M("PE"); // phosphoethanolamine
        var tau = M("Tau") with { Code = Codes.Taurine };
        MetaboliteInfo Mm(string name) => M(name) with { Kind = MetaboliteKind.Macromolecule };
        MetaboliteInfo Lip(string name) => M(name) with { Kind = MetaboliteKind.Lipid };
        // "Mac": a measured macromolecule spectrum; the rest: LCModel's parametric components (MacromoleculeLibrary).
        MetaboliteInfo[] macromolecules = [Mm("Mac"), Mm("MM09"), Mm("MM12"), Mm("MM14"), Mm("MM17"), Mm("MM20")];
        MetaboliteInfo[] lipids = [Lip("Lip09"), Lip("Lip13a"), Lip("Lip13b"), Lip("Lip20")];

        // The node's definition of its pools (results.json, the reports, the CRLB pooling and the evaluations alike).
        var tCr = new MetabolitePool("tCr", [cr, pcr]);
        MetabolitePool[] pools =
        [
            new("tNAA", [naa, naag]),
            tCr,
            new("tCho", [gpc, pcho]),
            new("Glx", [glu, gln], Code: Codes.GlutamateAndGlutamine),
            new("tIns", [ins, gly], RequiresEveryMember: true),
        ];
        // Lineshape groups: partners that overlap move together (GSH with Glx, sIns and Gly with Ins, free Cho with GPC/PCho).
        LineshapeGroup[] groups =
        [
            new("tNAA", [naa, naag]),
            new("tCr", [cr, pcr, crCh2]),
            new("tCho", [gpc, pcho, cho]),
            new("Glx", [glu, gln, gsh]),
            new("tIns", [ins, gly, sIns]),
        ];
        // LCModel 6.3's names in its ratio priors (LCModel.f, PARSE_SUM): Big3 counts the choline singlet's 9 protons as 3 units.
        WeightedMember[] totCr = [new(cr, 1), new(pcr, 1)];
        WeightedMember[] totNaa = [new(naa, 1), new(naag, 1)];
        WeightedMember[] totCho = [new(cho, 1), new(gpc, 1), new(pcho, 1)];
        RatioPriorAlias[] aliases =
        [
            new("totCr", totCr),
            new("totCho", totCho),
            new("totNAA", totNaa),
            new("Big3", [.. totCr, .. totNaa, .. totCho.Select(t => t with { Factor = 3 })]),
        ];
        // The clinical ratios of CID 4033, read as the pools that carry those peaks.
        RatioCode[] ratioCodes =
        [
            new("tCho", "tCr", Codes.CholineCreatineRatio),
            new("tNAA", "tCr", Codes.NAcetylaspartateCreatineRatio),
            new("tNAA", "tCho", Codes.NAcetylaspartateCholineRatio),
        ];
        PeakLabel[] peaks =
        [
            new("NAA", 2.01), new("Glx", 2.35), new("Cr", 3.03), new("Cho", 3.21), new("Ins", 3.56), new("Glx", 3.76), new("Cr", 3.92), new("Lac", 1.33),
        ];
        return new MetaboliteCatalog(
            [ala, asc, asp, cr, pcr, crCh2, gaba, glc, gln, glu, gly, gsh, ins, sIns, lac, naa, naag, gpc, pcho, cho, pe, tau, .. macromolecules, .. lipids],
            pools,
            groups,
            aliases,
            ratioCodes,
            ["tNAA", "tCr", "tCho", "Ins", "Glx"],
            peaks);
    }
}
