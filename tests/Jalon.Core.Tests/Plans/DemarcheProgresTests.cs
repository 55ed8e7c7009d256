using Jalon.Domain;
using Jalon.Domain.Pilotage;
using Jalon.Domain.Plans;

namespace Jalon.Core.Tests.Plans;

public class DemarcheProgresTests
{
    private static readonly DateOnly Jour = new(2013, 11, 15);

    private static Dictionary<SectionEtatDesLieux, string?> Toutes(string texte = "Texte") =>
        Enum.GetValues<SectionEtatDesLieux>().ToDictionary(s => s, _ => (string?)texte);

    private static DemarcheProgres Demarche() => DemarcheProgres.Ouvrir("44", "Démarche de progrès 2013-2014", 2013, 2014, "ARML Grand Est", new DateOnly(2013, 9, 1));

    [Fact]
    public void Opening_a_demarche_checks_its_title_and_period_in_French()
    {
        Assert.Equal("Le titre de la démarche est requis.", Assert.Throws<PlanException>(() => DemarcheProgres.Ouvrir("44", " ", 2013, 2014, "x", Jour)).Message);
        Assert.Contains("précède la première", Assert.Throws<PlanException>(() => DemarcheProgres.Ouvrir("44", "D", 2014, 2013, "x", Jour)).Message);
        Assert.Contains("au plus 5 années", Assert.Throws<PlanException>(() => DemarcheProgres.Ouvrir("44", "D", 2013, 2018, "x", Jour)).Message);
        var d = DemarcheProgres.Ouvrir("44", "  Démarche  ", 2013, 2017, "ARML", Jour);
        Assert.Equal(("Démarche", "44", new Signature("ARML", Jour)), (d.Titre, d.Region, d.Ouverture));
    }

    [Fact]
    public void An_etat_des_lieux_belongs_to_a_structure_of_the_demarches_region()
    {
        var d = Demarche();
        Assert.Contains("n'est pas de la région de la démarche", Assert.Throws<PlanException>(() => EtatDesLieux.Nouveau(d, "S9", "84")).Message);
        var e = EtatDesLieux.Nouveau(d, "S1", "44");
        Assert.Equal((d.Id, "S1", "44"), (e.DemarcheId, e.Structure, e.Region));
        Assert.Null(e.Validation);
    }

    [Fact]
    public void Validation_requires_every_section_then_freezes_the_etat_des_lieux()
    {
        var e = EtatDesLieux.Nouveau(Demarche(), "S1", "44");
        e.Rediger(new Dictionary<SectionEtatDesLieux, string?> { [SectionEtatDesLieux.Sources] = "  Projet 2011, bilan 2012 ; entretiens président et directeur.  " });
        Assert.Equal("Projet 2011, bilan 2012 ; entretiens président et directeur.", e.Sections[SectionEtatDesLieux.Sources]);

        var refus = Assert.Throws<PlanException>(() => e.Valider("Direction", Jour));
        Assert.StartsWith("Pour valider, renseignez : Offre de services et besoins du territoire, Partenariats et financeurs,", refus.Message);
        Assert.Contains("Points de blocage", refus.Message);
        Assert.Null(e.Validation);

        e.Rediger(Toutes());
        // An empty text empties a section: validation is refused again.
        e.Rediger(new Dictionary<SectionEtatDesLieux, string?> { [SectionEtatDesLieux.PointsDeBlocage] = "" });
        Assert.Contains("Points de blocage", Assert.Throws<PlanException>(() => e.Valider("Direction", Jour)).Message);
        e.Rediger(new Dictionary<SectionEtatDesLieux, string?> { [SectionEtatDesLieux.PointsDeBlocage] = "Aucun" });
        e.Valider("Direction", Jour);
        Assert.Equal(new Signature("Direction", Jour), e.Validation);

        Assert.Equal("Cet état des lieux a été validé par Direction le 15/11/2013 : il est figé.",
            Assert.Throws<PlanException>(() => e.Rediger(Toutes("Autre"))).Message);
        Assert.Equal("Texte", e.Sections[SectionEtatDesLieux.Sources]);
        Assert.Contains("déjà validé", Assert.Throws<PlanException>(() => e.Valider("Direction", Jour)).Message);
    }

    [Fact]
    public void A_section_longer_than_the_limit_is_refused_and_nothing_changes()
    {
        var e = EtatDesLieux.Nouveau(Demarche(), "S1", "44");
        e.Rediger(Toutes());
        var trop = new string('a', TextLimits.TexteDialogue + 1);
        var refus = Assert.Throws<PlanException>(() => e.Rediger(new Dictionary<SectionEtatDesLieux, string?>
        {
            [SectionEtatDesLieux.Sources] = "Nouveau", [SectionEtatDesLieux.Partenariats] = trop,
        }));
        Assert.Equal($"La section « Partenariats et financeurs » dépasse {TextLimits.TexteDialogue} caractères.", refus.Message);
        Assert.Equal("Texte", e.Sections[SectionEtatDesLieux.Sources]);
    }

    [Fact]
    public void The_cross_analysis_is_written_from_validated_etats_des_lieux_only()
    {
        var d = Demarche();
        var brouillon = EtatDesLieux.Nouveau(d, "S1", "44");
        brouillon.Rediger(Toutes());
        var textes = new Dictionary<ThemeAnalyse, string?> { [ThemeAnalyse.BonnesPratiques] = "Binôme président – directeur", [ThemeAnalyse.FreinsExterieurs] = " " };
        Assert.Contains("aucun ne l'est encore", Assert.Throws<PlanException>(() => d.RedigerAnalyse(textes, ["P1"], [brouillon], "ARML", Jour)).Message);

        // A validated état des lieux of another démarche does not count.
        var autre = EtatDesLieux.Nouveau(Demarche(), "S1", "44");
        autre.Rediger(Toutes());
        autre.Valider("Direction", Jour);
        Assert.Throws<PlanException>(() => d.RedigerAnalyse(textes, ["P1"], [brouillon, autre], "ARML", Jour));
        Assert.Null(d.AnalyseModifiee);

        brouillon.Valider("Direction", Jour);
        d.RedigerAnalyse(textes, ["  Mieux territorialiser l'offre de services ", "", null, "Réaffirmer l'accompagnement global"], [brouillon], "ARML", Jour);
        Assert.Equal(new Dictionary<ThemeAnalyse, string> { [ThemeAnalyse.BonnesPratiques] = "Binôme président – directeur" }, d.Analyse);
        Assert.Equal(["Mieux territorialiser l'offre de services", "Réaffirmer l'accompagnement global"], d.Preconisations);
        Assert.Equal(new Signature("ARML", Jour), d.AnalyseModifiee);

        var refus = Assert.Throws<PlanException>(() => d.RedigerAnalyse(textes, ["ok", new string('p', TextLimits.Motif + 1)], [brouillon], "ARML", Jour));
        Assert.Equal($"La préconisation n° 2 dépasse {TextLimits.Motif} caractères.", refus.Message);
        Assert.Contains("Au plus 30 préconisations", Assert.Throws<PlanException>(() => d.RedigerAnalyse(textes, Enumerable.Repeat("p", 31), [brouillon], "ARML", Jour)).Message);
        Assert.Equal(2, d.Preconisations.Count);
    }

    public static TheoryData<Role, string?, string?, bool, bool, bool> Lecteurs() => new()
    {
        // role, structure, region, reads the démarche, reads the S1 draft, reads the S1 validated
        { Role.Directeur, "S1", "44", true, true, true },
        { Role.Conseiller, "S1", "44", true, true, true },
        { Role.Directeur, "S2", "44", true, false, false },
        { Role.ChargeAccueil, "S1", "44", false, false, false },
        { Role.AssociationRegionale, null, "44", true, false, true },
        { Role.AgentRegion, null, "44", true, false, true },
        { Role.AgentEtatRegional, null, "44", true, false, true },
        { Role.AssociationRegionale, null, "84", false, false, false },
        { Role.AgentEtatRegional, null, "84", false, false, false },
        { Role.Directeur, "S8", "84", false, false, false },
        { Role.AgentEtatNational, null, null, true, false, true },
        { Role.Administrateur, null, null, true, false, true },
    };

    [Theory]
    [MemberData(nameof(Lecteurs))]
    public void Who_reads_a_demarche_and_an_etat_des_lieux(Role role, string? structure, string? region, bool demarche, bool brouillon, bool valide)
    {
        var a = new Acteur("x", role, structure, region);
        Assert.Equal(demarche, HabilitationsProgres.PeutLireDemarche(a, "44"));
        Assert.Equal(brouillon, HabilitationsProgres.PeutLireEtat(a, "S1", "44", valide: false));
        Assert.Equal(valide, HabilitationsProgres.PeutLireEtat(a, "S1", "44", valide: true));
    }

    [Fact]
    public void The_director_writes_the_etat_des_lieux_the_arml_the_analysis_and_the_regional_roles_open_a_demarche()
    {
        Assert.True(HabilitationsProgres.PeutRedigerEtat(new Acteur("d", Role.Directeur, "S1", "44"), "S1"));
        Assert.False(HabilitationsProgres.PeutRedigerEtat(new Acteur("c", Role.Conseiller, "S1", "44"), "S1"));
        Assert.False(HabilitationsProgres.PeutRedigerEtat(new Acteur("d", Role.Directeur, "S2", "44"), "S1"));

        Assert.True(HabilitationsProgres.PeutRedigerAnalyse(new Acteur("a", Role.AssociationRegionale, null, "44"), "44"));
        Assert.False(HabilitationsProgres.PeutRedigerAnalyse(new Acteur("a", Role.AssociationRegionale, null, "84"), "44"));
        Assert.False(HabilitationsProgres.PeutRedigerAnalyse(new Acteur("r", Role.AgentRegion, null, "44"), "44"));
        Assert.False(HabilitationsProgres.PeutRedigerAnalyse(new Acteur("e", Role.AgentEtatRegional, null, "44"), "44"));

        foreach (var r in new[] { Role.AssociationRegionale, Role.AgentRegion, Role.AgentEtatRegional })
        {
            Assert.True(HabilitationsProgres.PeutOuvrir(new Acteur("x", r, null, "44"), "44"));
            Assert.False(HabilitationsProgres.PeutOuvrir(new Acteur("x", r, null, "84"), "44"));
        }
        Assert.False(HabilitationsProgres.PeutOuvrir(new Acteur("x", Role.AgentEtatNational), "44"));
        Assert.False(HabilitationsProgres.PeutOuvrir(new Acteur("x", Role.Directeur, "S1", "44"), "44"));
    }
}
