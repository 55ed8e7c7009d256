using Jalon.Domain;
using Jalon.Domain.Employeurs;
using Jalon.Exchange.Immersions;
using Jalon.Storage.Employeurs;
using Jalon.Storage.Entities;

namespace Jalon.Storage.Tests;

/// <summary>
/// Periods in a company beyond their recording (schema step 19): the follow-up that is a hire points to the journey's job
/// situation once; a parrainage started with its sponsor; the import of the immersion platform's conventions.
/// </summary>
public class ImmersionStorageTests
{
    private static readonly DateOnly Today = new(2026, 3, 2);
    private const string S = "S1";

    private static JalonDbContext Seeded(TestDatabase database)
    {
        var db = database.CreateMigratedContext();
        db.Structures.Add(new() { Code = S, Nom = "Mission Locale 1", Region = "84" });
        db.Structures.Add(new() { Code = "S2", Nom = "Mission Locale 2", Region = "84" });
        foreach (var (structure, id, nom, prenom, naissance) in new[]
        {
            (S, "J1", "Lefèvre-Dupont", "Inès", new DateOnly(2005, 4, 12)),
            (S, "J2", "Martin", "Léo", new DateOnly(2004, 1, 1)),
            (S, "J3", "Martin", "Léo", new DateOnly(2004, 1, 1)),
            ("S2", "K1", "Moreau", "Sami", new DateOnly(2006, 6, 6)),
        })
        {
            db.Jeunes.Add(new JeuneEntity
            {
                StructureCode = structure, JeuneId = id, Nom = nom, Prenom = prenom, Naissance = naissance, Sexe = Sexe.F, Niveau = Niveau.IV,
                Commune = "69123", PremierAccueil = new DateOnly(2025, 9, 1),
            });
        }
        db.SaveChanges();
        return db;
    }

    [DatabaseTheory, BothProviders]
    public void A_hire_after_a_period_opens_the_job_situation_once_and_is_never_entered_twice(DatabaseProvider provider)
    {
        using var database = new TestDatabase(provider);
        using var db = Seeded(database);
        var entreprise = EmployeurStore.AjouterEntreprise(db, S, "73282932000074", "Garage du Parc", "45.20A", null, "69123", Today);
        var immersion = EmployeurStore.AjouterImmersion(db, S, "J1", TypeImmersion.Pmsmp, entreprise.Id, Today, Today.AddDays(13), "M. Durand", "Découvrir la mécanique");

        // Refusals in French, nothing written: a hire needs its contract and start; it cannot start before the period.
        var sans = Assert.Throws<EmployeurException>(() => ImmersionStore.EnregistrerBilan(db, S, immersion.Id, Today.AddDays(14), "Ravi", "Motivée", "Confirmé",
            SuiteImmersion.Embauche, debutEmploi: Today.AddDays(20)));
        Assert.Equal("Indiquez le contrat de l'embauche.", sans.Message);
        var avant = Assert.Throws<EmployeurException>(() => ImmersionStore.EnregistrerBilan(db, S, immersion.Id, Today.AddDays(14), null, null, null,
            SuiteImmersion.Embauche, TypeContrat.Cdd, Today.AddDays(-3)));
        Assert.Contains("avant la période", avant.Message);
        using (var check = database.CreateContext())
        {
            Assert.Null(check.Immersions.Single().BilanLe);
            Assert.Single(check.Situations);
        }

        // The journey already has the CDD (entered from the file): the follow-up points to it.
        var cdd = new SituationEntity { StructureCode = S, JeuneId = "J1", Type = TypeSituation.Cdd, Debut = Today.AddDays(20), Origine = OrigineEvenement.Saisie };
        db.Situations.Add(cdd);
        db.SaveChanges();
        var situation = ImmersionStore.EnregistrerBilan(db, S, immersion.Id, Today.AddDays(14), "Ravie", "Motivée, autonome", "Projet confirmé",
            SuiteImmersion.Embauche, TypeContrat.Cdd, Today.AddDays(20), 6);
        Assert.Equal(cdd.Id, situation!.Id);
        using (var check = database.CreateContext())
        {
            var row = check.Immersions.Single();
            Assert.Equal((Today.AddDays(14), "Ravie", "Motivée, autonome", "Projet confirmé", SuiteImmersion.Embauche, (long?)cdd.Id),
                (row.BilanLe!.Value, row.BilanJeune, row.BilanTuteur, row.BilanConseiller, row.Suite!.Value, row.SuiteSituationId));
            Assert.Equal([TypeSituation.Pmsmp, TypeSituation.Cdd], check.Situations.OrderBy(s => s.Debut).Select(s => s.Type));
        }
        var deux = Assert.Throws<EmployeurException>(() => ImmersionStore.EnregistrerBilan(db, S, immersion.Id, Today.AddDays(15), null, null, null,
            SuiteImmersion.Embauche, TypeContrat.Cdi, Today.AddDays(30)));
        Assert.Contains("déjà enregistrée", deux.Message);

        // A MER cannot claim the same situation: one record, one hire.
        var mer = EmployeurStore.MettreEnRelation(db, S, "J1", TypeMiseEnRelation.Emploi, Today, entrepriseId: entreprise.Id);
        var pris = Assert.Throws<EmployeurException>(() => EmployeurStore.EnregistrerIssue(db, S, mer.Id, IssueMiseEnRelation.Embauche, Today.AddDays(15),
            Today.AddDays(20), TypeContrat.Cdd));
        Assert.Contains("déjà l'embauche", pris.Message);

        // An apprenticeship after another period opens the apprenticeship contract, with its planned length.
        var autre = EmployeurStore.AjouterImmersion(db, S, "J2", TypeImmersion.DecouverteApprentissage, entreprise.Id, Today, Today.AddDays(4), null, null);
        var apprentissage = ImmersionStore.EnregistrerBilan(db, S, autre.Id, Today.AddDays(5), null, null, null, SuiteImmersion.Apprentissage, null, Today.AddDays(30), 24);
        Assert.Equal((TypeSituation.Apprentissage, Today.AddDays(30)), (apprentissage!.Type, apprentissage.Debut));
        Assert.Equal(Today.AddDays(30).AddMonths(24).DayNumber - Today.AddDays(30).DayNumber, apprentissage.DureePrevueJours);
        // A follow-up that opens nothing: only the review.
        var troisieme = EmployeurStore.AjouterImmersion(db, S, "J3", TypeImmersion.Pmsmp, entreprise.Id, Today, Today.AddDays(4), null, null);
        Assert.Null(ImmersionStore.EnregistrerBilan(db, S, troisieme.Id, Today.AddDays(5), null, null, "Réorientation vers la logistique", SuiteImmersion.ProjetReoriente));
    }

    [DatabaseTheory, BothProviders]
    public void A_parrainage_started_from_the_file_points_to_the_registry_s_sponsor(DatabaseProvider provider)
    {
        using var database = new TestDatabase(provider);
        using var db = Seeded(database);
        var parrain = EmployeurStore.AjouterParrain(db, S, "Mme Roux", "Cheffe de cuisine", null, "le mardi soir", "06 00 00 00 00");
        var autre = EmployeurStore.AjouterParrain(db, "S2", "M. Blanc", null, null, null);
        Assert.Throws<EmployeurException>(() => ParrainStore.Parrainer(db, S, "J1", autre.Id, Today));
        var parrainage = ParrainStore.Parrainer(db, S, "J1", parrain.Id, Today);
        var ex = Assert.Throws<EmployeurException>(() => ParrainStore.Parrainer(db, S, "J1", parrain.Id, Today));
        Assert.Contains("déjà un parrainage en cours", ex.Message);
        ParrainStore.Parrainer(db, S, "J2", parrain.Id, Today.AddDays(-10));
        using var check = database.CreateContext();
        Assert.Equal(parrain.Id, check.ParrainageParrains.Single(l => l.ParrainageId == parrainage.Id).ParrainId);
        Assert.Equal(OrigineEvenement.Saisie, check.Parrainages.Single(p => p.Id == parrainage.Id).Origine);
        Assert.Equal(["J1", "J2"], ParrainStore.Suivis(check, S, Today)[parrain.Id]);
        Assert.False(ParrainStore.Suivis(check, S, Today.AddDays(-11)).ContainsKey(parrain.Id));
    }

    private const string Header =
        "Identifiant de la convention;Statut;Accepté bénéficiaire;Nom bénéficiaire;Prénom bénéficiaire;Date de naissance bénéficiaire;Date de Début;Date de fin;" +
        "Métier;Objet de l'immersion;Entreprise d'accueil;Siret entreprise d'accueil;Tuteur;Téléphone tuteur;Email tuteur\n";

    [DatabaseTheory, BothProviders]
    public void Conventions_import_all_or_nothing_matching_young_people_by_name_and_birth_date_and_companies_by_siret(DatabaseProvider provider)
    {
        using var database = new TestDatabase(provider);
        using var db = Seeded(database);
        EmployeurStore.AjouterEntreprise(db, S, "73282932000074", "Garage du Parc (fiche Jalon)", null, null, null, Today);

        // A bad file: an ambiguous young person (J2 and J3), an unknown one, a young person of another structure. Nothing written.
        var bad = ImmersionFacileReader.Read(Header +
            "c-1;VALIDATED;OUI;LEFEVRE DUPONT;Ines;12/04/2005;02/03/2026;13/03/2026;Mécanicien;Confirmer le projet;Garage du Parc;73282932000074;Paul Durand;0600000000;p@garage.fr\n" +
            "c-2;VALIDATED;OUI;Martin;Léo;01/01/2004;02/03/2026;06/03/2026;;;Boulangerie Neuve;35600000000048;;;\n" +
            "c-3;VALIDATED;OUI;Inconnu;Personne;01/01/2001;02/03/2026;06/03/2026;;;Boulangerie Neuve;35600000000048;;;\n" +
            "c-4;VALIDATED;OUI;Moreau;Sami;06/06/2006;02/03/2026;06/03/2026;;;Boulangerie Neuve;35600000000048;;;\n");
        Assert.Empty(bad.Errors);
        var refused = ImmersionStore.ImporterConventions(db, S, bad.Conventions, Today);
        Assert.Equal(3, refused.Erreurs.Count);
        Assert.Equal("conventions.csv:3: Nom bénéficiaire: 2 jeunes de la structure s'appellent Léo Martin né(e) le 01/01/2004 (J2, J3) : rien n'est deviné, rapprochez les dossiers.",
            refused.Erreurs[0].Format("conventions.csv"));
        Assert.Equal([3, 4, 5], refused.Erreurs.Select(e => e.Ligne));
        using (var check = database.CreateContext())
        {
            Assert.Empty(check.Immersions);
            Assert.Single(check.Entreprises);
            Assert.Empty(check.Situations);
        }

        var good = ImmersionFacileReader.Read(Header +
            "c-1;VALIDATED;OUI;LEFEVRE DUPONT;Ines;12/04/2005;2026-03-02;2026-03-13;Mécanicien;Confirmer le projet;Garage du Parc;732 829 320 00074;Paul Durand;0600000000;p@garage.fr\n" +
            "c-5;READY_TO_SIGN;NON;Martin;Léo;01/01/2004;02/03/2026;06/03/2026;;;Boulangerie Neuve;35600000000048;;;\n" +
            "\"c-6\";\"VALIDATED\";OUI;\"Lefèvre-Dupont\";Inès;12/04/2005;16/03/2026;20/03/2026;\"Vendeuse; boulangère\";;Boulangerie Neuve;35600000000048;;;\n");
        Assert.Empty(good.Errors);
        var result = ImmersionStore.ImporterConventions(db, S, good.Conventions, Today);
        Assert.Empty(result.Erreurs);
        Assert.Equal((2, 0, 1, 1), (result.Importees, result.DejaImportees, result.NonValidees, result.EntreprisesCreees));
        // Again: idempotent on the convention id.
        var again = ImmersionStore.ImporterConventions(db, S, good.Conventions, Today);
        Assert.Equal((0, 2, 1, 0), (again.Importees, again.DejaImportees, again.NonValidees, again.EntreprisesCreees));

        using var after = database.CreateContext();
        var rows = after.Immersions.OrderBy(i => i.ConventionId).ToList();
        Assert.Equal(["c-1", "c-6"], rows.Select(i => i.ConventionId));
        Assert.All(rows, i => Assert.Equal(("J1", TypeImmersion.Pmsmp), (i.JeuneId, i.Type)));
        Assert.Equal("Paul Durand — 0600000000 — p@garage.fr", rows[0].Tuteur);
        Assert.Equal("Mécanicien — Confirmer le projet", rows[0].Objectif);
        Assert.Equal("Vendeuse; boulangère", rows[1].Objectif);
        Assert.Equal("Garage du Parc (fiche Jalon)", after.Entreprises.Single(e => e.Id == rows[0].EntrepriseId).Nom);
        Assert.Equal("Boulangerie Neuve", after.Entreprises.Single(e => e.Id == rows[1].EntrepriseId).Nom);
        Assert.Equal(2, after.Situations.Count(s => s.Type == TypeSituation.Pmsmp && s.JeuneId == "J1"));
    }

    [Fact]
    public void The_reader_locates_every_error_and_refuses_a_file_without_its_columns()
    {
        var missing = ImmersionFacileReader.Read("Statut;Nom bénéficiaire\nVALIDATED;X\n");
        Assert.Contains(missing.Errors, e => e.Format("f.csv") == "f.csv:1: Identifiant de la convention: colonne obligatoire absente.");
        Assert.Contains(missing.Errors, e => e.Format("f.csv") == "f.csv:1: Date de naissance bénéficiaire: colonne obligatoire absente.");

        var bad = ImmersionFacileReader.Read(Header +
            "c-1;VALIDATED;OUI;Nom;Prénom;31/02/2005;02/03/2026;13/03/2026;;;Garage;73282932000075;;;\n" +
            "\"c-2;VALIDATED;OUI;Nom;Prénom;01/02/2005;02/03/2026;\n13/03/2026\";;;;;;;;;;;;;;\n" +
            "c-3;VALIDATED;OUI;Nom;Prénom;01/02/2005;02/03/2026;30/06/2026;;;Garage;73282932000074;;;\n" +
            "c-3;VALIDATED;OUI;Nom;;01/02/2005;02/03/2026;13/03/2026;;;Garage;73282932000074;;;\n");
        Assert.Empty(bad.Conventions);
        var lines = bad.Errors.Select(e => e.Format("f.csv")).ToList();
        Assert.Contains("f.csv:2: Date de naissance bénéficiaire: date « 31/02/2005 » illisible : jj/mm/aaaa ou aaaa-mm-jj attendu.", lines);
        Assert.Contains(lines, l => l.StartsWith("f.csv:2: Siret entreprise d'accueil: ", StringComparison.Ordinal));
        // A quoted field spanning two lines: the record starts on line 3, the next one on line 5.
        Assert.Contains(lines, l => l.StartsWith("f.csv:3: Statut: valeur obligatoire absente", StringComparison.Ordinal));
        Assert.Contains("f.csv:5: Date de fin: Une période en entreprise dure au plus deux mois (un mois renouvelable une fois).", lines);
        Assert.Contains("f.csv:6: Prénom bénéficiaire: valeur obligatoire absente.", lines);
        Assert.Contains("f.csv:6: Identifiant de la convention: convention « c-3 » déjà présente ligne 5.", lines);
    }
}
