using Jalon.Domain;
using Jalon.Domain.Pilotage;

namespace Jalon.Core.Tests.Pilotage;

public class DialogueDeGestionTests
{
    /// <summary>The negotiable ratios of cpo-2015 (R1 to R13), as the web reads them from the catalogue.</summary>
    internal static readonly IReadOnlyList<RatioObjectif> Grille = Jalon.Indicators.Catalogues.Catalogue.Load("cpo-2015").Objectifs;

    internal static readonly Acteur Directeur = new("Claire Martin", Role.Directeur, Structure: "ML01", Region: "84");
    internal static readonly Acteur AutreDirecteur = new("Paul Roux", Role.Directeur, Structure: "ML02", Region: "84");
    internal static readonly Acteur Conseiller = new("Léa Petit", Role.Conseiller, Structure: "ML01", Region: "84");
    internal static readonly Acteur Etat = new("Marc Dupont", Role.AgentEtatRegional, Region: "84");
    internal static readonly Acteur EtatAutreRegion = new("Anne Morel", Role.AgentEtatRegional, Region: "11");
    internal static readonly Acteur Arml = new("ARML", Role.AssociationRegionale, Region: "84");
    private static readonly DateTimeOffset T0 = new(2016, 3, 1, 9, 0, 0, TimeSpan.Zero);

    internal static DialogueDeGestion Nouveau() => DialogueDeGestion.Ouvrir(Directeur, "ML01", "84", 2016, T0);

    internal static DialogueDeGestion EnDialogue()
    {
        var d = Nouveau();
        foreach (var e in Referentiel.Etapes) d.RedigerAnalyse(Directeur, e, "Analyse " + e);
        d.Transmettre(Directeur, T0.AddDays(1));
        d.OuvrirDialogue(Etat, T0.AddDays(10));
        return d;
    }

    [Fact]
    public void A_new_dialogue_is_in_preparation_for_the_campaign_year_and_analyses_the_year_before()
    {
        var d = Nouveau();
        Assert.Equal(EtatDialogue.Preparation, d.Etat);
        Assert.Equal(2015, d.AnneeAnalysee);
        Assert.Equal(4, d.Etapes.Count);
        Assert.Equal(5, d.PlanAction.Count);
        Assert.Single(d.Journal);
    }

    [Fact]
    public void Only_the_director_or_the_state_agent_of_the_region_may_open_it()
    {
        Assert.Throws<PilotageException>(() => DialogueDeGestion.Ouvrir(Conseiller, "ML01", "84", 2016, T0));
        Assert.Throws<PilotageException>(() => DialogueDeGestion.Ouvrir(AutreDirecteur, "ML01", "84", 2016, T0));
        Assert.Throws<PilotageException>(() => DialogueDeGestion.Ouvrir(EtatAutreRegion, "ML01", "84", 2016, T0));
        Assert.Equal(EtatDialogue.Preparation, DialogueDeGestion.Ouvrir(Etat, "ML01", "84", 2016, T0).Etat);
    }

    [Fact]
    public void The_full_path_is_logged_with_dates_and_authors()
    {
        var d = EnDialogue();
        d.CommenterEtape(Etat, EtapeDialogue.Contexte, "Contexte bien décrit.");
        d.FixerObjectif(Etat, Grille, "R10", 0.35, reference: 0.31, commentaire: "Progression attendue");
        d.RedigerPlanAction(Directeur, ThemePlanAction.Employeurs, "Réseau actif", "Prospection PME");
        d.ValiderConclusions(Directeur, T0.AddDays(11));
        Assert.Equal(EtatDialogue.EnDialogue, d.Etat);
        d.ValiderConclusions(Etat, T0.AddDays(12));
        Assert.Equal(EtatDialogue.Conclu, d.Etat);
        d.SignerAvenant(Etat, T0.AddDays(20), new DateOnly(2016, 3, 21));
        Assert.Equal(EtatDialogue.AvenantSigne, d.Etat);
        Assert.Equal(new DateOnly(2016, 3, 21), d.DateSignatureAvenant);

        var etats = d.Journal.Select(t => (t.De, t.Vers)).ToList();
        Assert.Equal(
            [
                (EtatDialogue.Preparation, EtatDialogue.Preparation),
                (EtatDialogue.Preparation, EtatDialogue.Transmis),
                (EtatDialogue.Transmis, EtatDialogue.EnDialogue),
                (EtatDialogue.EnDialogue, EtatDialogue.Conclu),
                (EtatDialogue.Conclu, EtatDialogue.AvenantSigne),
            ],
            etats);
        Assert.Equal("Marc Dupont", d.Journal[3].Par);
        Assert.Equal(T0.AddDays(12), d.Journal[3].Le);
        Assert.Contains("Claire Martin", d.Journal[3].Commentaire);
    }

    [Fact]
    public void It_cannot_be_sent_without_the_four_analyses()
    {
        var d = Nouveau();
        d.RedigerAnalyse(Directeur, EtapeDialogue.Contexte, "Territoire rural");
        var ex = Assert.Throws<PilotageException>(() => d.Transmettre(Directeur, T0));
        Assert.Contains("2. Le parcours d'accompagnement contractualisé", ex.Message);
        Assert.Equal(EtatDialogue.Preparation, d.Etat);
    }

    [Fact]
    public void Invalid_moves_are_refused_with_a_french_message()
    {
        var d = Nouveau();
        var ex = Assert.Throws<PilotageException>(() => d.OuvrirDialogue(Etat, T0));
        Assert.Equal("Action « Ouvrir le dialogue » impossible : le dialogue est « En préparation par la Mission locale », il doit être « Transmis aux services de l'État ».", ex.Message);
        Assert.Throws<PilotageException>(() => d.SignerAvenant(Etat, T0, new DateOnly(2016, 1, 1)));
        Assert.Throws<PilotageException>(() => d.ValiderConclusions(Directeur, T0));
    }

    [Fact]
    public void Each_party_only_does_its_own_moves()
    {
        var d = Nouveau();
        foreach (var e in Referentiel.Etapes) d.RedigerAnalyse(Directeur, e, "x");
        var ex = Assert.Throws<PilotageException>(() => d.Transmettre(Etat, T0));
        Assert.Contains("réservée à la partie « Mission locale »", ex.Message);
        d.Transmettre(Directeur, T0);
        Assert.Throws<PilotageException>(() => d.OuvrirDialogue(Directeur, T0));
        Assert.Throws<PilotageException>(() => d.OuvrirDialogue(EtatAutreRegion, T0));
        Assert.Throws<PilotageException>(() => d.OuvrirDialogue(Arml, T0));
        Assert.Throws<PilotageException>(() => d.RedigerAnalyse(Directeur, EtapeDialogue.Contexte, "trop tard"));
        Assert.Throws<PilotageException>(() => d.CommenterEtape(Directeur, EtapeDialogue.Contexte, "je commente"));
        Assert.Throws<PilotageException>(() => d.RedigerAnalyse(Etat, EtapeDialogue.Contexte, "je rédige"));
        d.CommenterEtape(Etat, EtapeDialogue.Contexte, "Merci");
        Assert.Equal("Merci", d.Etape(EtapeDialogue.Contexte).CommentaireEtat);
    }

    [Fact]
    public void The_state_may_send_it_back_with_a_reason()
    {
        var d = Nouveau();
        foreach (var e in Referentiel.Etapes) d.RedigerAnalyse(Directeur, e, "x");
        d.Transmettre(Directeur, T0);
        Assert.Throws<PilotageException>(() => d.Renvoyer(Etat, T0, " "));
        d.Renvoyer(Etat, T0.AddHours(1), "Compléter l'offre employeurs");
        Assert.Equal(EtatDialogue.Preparation, d.Etat);
        Assert.Equal("Compléter l'offre employeurs", d.Journal[^1].Commentaire);
    }

    [Fact]
    public void Nothing_is_editable_once_concluded()
    {
        var d = EnDialogue();
        d.FixerObjectif(Directeur, Grille, "R5", 0.4);
        d.ValiderConclusions(Etat, T0.AddDays(11));
        d.ValiderConclusions(Directeur, T0.AddDays(12));
        Assert.True(d.EstFige);
        var ex = Assert.Throws<PilotageException>(() => d.FixerObjectif(Etat, Grille, "R5", 0.5));
        Assert.Contains("le dialogue est conclu, plus rien n'est modifiable", ex.Message);
        Assert.Throws<PilotageException>(() => d.RedigerAnalyse(Directeur, EtapeDialogue.Contexte, "x"));
        Assert.Throws<PilotageException>(() => d.CommenterEtape(Etat, EtapeDialogue.Contexte, "x"));
        Assert.Throws<PilotageException>(() => d.RedigerPlanAction(Etat, ThemePlanAction.Contexte, "a", "b"));
        Assert.Throws<PilotageException>(() => d.RetirerObjectif(Etat, "R5"));
        Assert.Throws<PilotageException>(() => d.ValiderConclusions(Etat, T0.AddDays(13)));
        Assert.False(d.PeutModifier(Directeur, Partie.MissionLocale));
        Assert.Equal(0.4, d.Objectifs.Single().Cible);
    }

    [Fact]
    public void A_change_after_a_validation_withdraws_it()
    {
        var d = EnDialogue();
        d.FixerObjectif(Etat, Grille, "R10", 0.3);
        d.ValiderConclusions(Directeur, T0.AddDays(11));
        Assert.True(d.EstValidePar(Partie.MissionLocale));
        d.FixerObjectif(Etat, Grille, "R10", 0.4);
        Assert.False(d.EstValidePar(Partie.MissionLocale));
        d.ValiderConclusions(Etat, T0.AddDays(12));
        Assert.Equal(EtatDialogue.EnDialogue, d.Etat);
    }

    [Fact]
    public void The_state_cannot_conclude_without_targets_and_a_party_cannot_validate_twice()
    {
        var d = EnDialogue();
        var ex = Assert.Throws<PilotageException>(() => d.ValiderConclusions(Etat, T0.AddDays(11)));
        Assert.Contains("Aucun objectif", ex.Message);
        d.ValiderConclusions(Directeur, T0.AddDays(11));
        Assert.Throws<PilotageException>(() => d.ValiderConclusions(Directeur, T0.AddDays(11)));
    }

    [Fact]
    public void Targets_are_on_the_13_ratios_of_the_catalogue_and_sorted_in_its_order()
    {
        var d = EnDialogue();
        d.FixerObjectif(Etat, Grille, "R13", 85);
        d.FixerObjectif(Directeur, Grille, "R2", 1.05);
        d.FixerObjectif(Etat, Grille, "R10", 0.3);
        d.FixerObjectif(Etat, Grille, "R10", 0.32);
        Assert.Equal(["R2", "R10", "R13"], d.Objectifs.Select(o => o.Ratio));
        Assert.Equal(0.32, d.Objectifs[1].Cible);
        Assert.Contains("n'est pas un ratio", Assert.Throws<PilotageException>(() => d.FixerObjectif(Etat, Grille, "R14", 0.1)).Message);
        Assert.Contains("entre 0 % et 100 %", Assert.Throws<PilotageException>(() => d.FixerObjectif(Etat, Grille, "R5", 1.5)).Message);
        Assert.Throws<PilotageException>(() => d.FixerObjectif(Etat, Grille, "R13", -1));
        Assert.Throws<PilotageException>(() => d.FixerObjectif(Conseiller, Grille, "R13", 10));
        d.RetirerObjectif(Etat, "R2");
        Assert.Equal(2, d.Objectifs.Count);
        Assert.Equal(Enumerable.Range(1, 13).Select(i => "R" + i), Grille.Select(r => r.Cle));
        Assert.False(Grille.Single(r => r.Cle == "R13").EstTaux);
        Assert.True(Grille.Single(r => r.Cle == "R10").EstTaux);
    }

    [Fact]
    public void Possible_actions_follow_the_transition_table()
    {
        var d = Nouveau();
        Assert.Equal([ActionDialogue.Transmettre], d.ActionsPossibles(Directeur).Select(a => a.Action));
        Assert.Empty(d.ActionsPossibles(Etat));
        Assert.Empty(d.ActionsPossibles(Conseiller));
        foreach (var e in Referentiel.Etapes) d.RedigerAnalyse(Directeur, e, "x");
        d.Transmettre(Directeur, T0);
        Assert.Equal([ActionDialogue.Renvoyer, ActionDialogue.OuvrirDialogue], d.ActionsPossibles(Etat).Select(a => a.Action));
        Assert.All(DialogueDeGestion.Transitions, t => Assert.False(string.IsNullOrEmpty(t.Libelle)));
    }

    [Fact]
    public void Transitions_cannot_go_back_in_time()
    {
        var d = Nouveau();
        foreach (var e in Referentiel.Etapes) d.RedigerAnalyse(Directeur, e, "x");
        Assert.Throws<PilotageException>(() => d.Transmettre(Directeur, T0.AddDays(-1)));
    }

    [Fact]
    public void A_restored_dialogue_keeps_its_state_and_rules()
    {
        var d = EnDialogue();
        d.FixerObjectif(Etat, Grille, "R10", 0.3);
        var r = DialogueDeGestion.Restaurer(d.Id, d.Structure, d.Region, d.Annee, EtatDialogue.Conclu, null,
            d.Etapes, d.Objectifs, d.PlanAction, d.Journal, d.Validations);
        Assert.Equal(EtatDialogue.Conclu, r.Etat);
        Assert.Equal(d.Journal.Count, r.Journal.Count);
        Assert.Throws<PilotageException>(() => r.FixerObjectif(Etat, Grille, "R10", 0.4));
    }

    [Fact]
    public void Read_rights_follow_roles_and_territories()
    {
        Assert.True(Habilitations.PeutLire(Conseiller, "ML01", "84"));
        Assert.False(Habilitations.PeutLire(AutreDirecteur, "ML01", "84"));
        Assert.True(Habilitations.PeutLire(Arml, "ML01", "84"));
        Assert.False(Habilitations.PeutLire(EtatAutreRegion, "ML01", "84"));
        Assert.True(Habilitations.PeutLire(new Acteur("DGEFP", Role.AgentEtatNational), "ML01", "84"));
        Assert.True(Habilitations.PeutLireTerritoire(Etat, "84"));
        Assert.False(Habilitations.PeutLireTerritoire(Etat, null));
        Assert.False(Habilitations.PeutLireTerritoire(Directeur, "84"));
    }
}
