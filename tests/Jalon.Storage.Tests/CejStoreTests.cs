using Jalon.Domain;
using Jalon.Domain.Cej;
using Jalon.Domain.Dispositifs;
using Jalon.Storage.Cej;
using Jalon.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace Jalon.Storage.Tests;

/// <summary>
/// The CEJ week and the allowance's workflow on both databases (docs/cej.md): credited hours, validated weeks, the counsellor's
/// then the director's validation, a frozen month that neither new inputs nor new rules move, the ASP request and return, audit.
/// </summary>
public sealed class CejStoreTests
{
    private static readonly ReglesDispositifs R = ReglesDispositifs.Publiees;
    private static readonly Acteur Conseiller = new(null, "conseiller1");
    private static readonly Acteur Directeur = new(null, "directeur");

    private static JalonDbContext Seed(TestDatabase database)
    {
        var db = database.CreateMigratedContext();
        db.Structures.Add(new() { Code = "ML1", Nom = "Mission Locale 1", Region = "84" });
        db.Jeunes.Add(new JeuneEntity { StructureCode = "ML1", JeuneId = "J1", Naissance = new DateOnly(2003, 6, 1), PremierAccueil = new DateOnly(2025, 9, 1), Nom = "Martin", Prenom = "Léa" });
        db.Jeunes.Add(new JeuneEntity { StructureCode = "ML1", JeuneId = "J2", Naissance = new DateOnly(2003, 6, 1), PremierAccueil = new DateOnly(2025, 9, 1) });
        db.Parcours.Add(new ParcoursEntity { StructureCode = "ML1", JeuneId = "J1", Dispositif = Dispositif.Cej, Debut = new DateOnly(2025, 10, 6), Neet = true });
        db.SaveChanges();
        return db;
    }

    [DatabaseTheory, BothProviders]
    public async Task Hours_of_actions_appointments_and_sessions_make_the_weeks(DatabaseProvider provider)
    {
        using var database = new TestDatabase(provider);
        using var db = Seed(database);
        var lundi = new DateOnly(2025, 10, 6);
        db.CejActivites.Add(new CejActiviteEntity { StructureCode = "ML1", JeuneId = "J1", Date = lundi, Categorie = CategorieActivite.Emploi, Heures = 6.5m, Etat = EtatActivite.Realisee });
        db.CejActivites.Add(new CejActiviteEntity { StructureCode = "ML1", JeuneId = "J1", Date = lundi.AddDays(1), Categorie = CategorieActivite.Sante, Heures = 20m, Etat = EtatActivite.Prevue });
        db.CejRendezVous.Add(new CejRendezVousEntity { StructureCode = "ML1", JeuneId = "J1", Date = lundi.AddDays(2), Heure = new TimeOnly(10, 0), Heures = 1m, Presence = Presence.Present });
        db.CejRendezVous.Add(new CejRendezVousEntity { StructureCode = "ML1", JeuneId = "J1", Date = lundi.AddDays(3), Heure = new TimeOnly(10, 0), Heures = 1m, Presence = Presence.AbsenceInjustifiee });
        var session = new CejSessionEntity { StructureCode = "ML1", Date = lundi.AddDays(4), Theme = "CV", Categorie = CategorieActivite.Atelier, Heures = 3m };
        db.CejSessions.Add(session);
        db.SaveChanges();
        db.CejParticipants.Add(new CejParticipantEntity { StructureCode = "ML1", SessionId = session.Id, JeuneId = "J1", Presence = Presence.Present });
        db.CejParticipants.Add(new CejParticipantEntity { StructureCode = "ML1", SessionId = session.Id, JeuneId = "J2", Presence = Presence.Present });
        db.SaveChanges();

        var store = new CejStore(db, R);
        var contrat = (await store.ContratsAsync("ML1", "J1")).Single();
        var weeks = await store.SemainesAsync("ML1", "J1", contrat, lundi.AddDays(8));
        // Done action 6.5 + appointment attended 1 + session attended 3; neither the planned action nor the missed appointment.
        Assert.Equal((10.5m, true), (weeks[^1].Heures, weeks[^1].SousMinimum));
        Assert.NotNull(SemainesCej.SousMinimum(weeks));

        await store.ValiderSemaineAsync("ML1", "J1", lundi.AddDays(3), 15m, Conseiller);
        weeks = await store.SemainesAsync("ML1", "J1", contrat, lundi.AddDays(8));
        Assert.Equal((10.5m, 15m, false), (weeks[^1].HeuresComptees, weeks[^1].Heures, weeks[^1].SousMinimum));
        var batch = await store.DernieresSemainesAsync("ML1", [("J1", contrat.Debut, null)], lundi.AddDays(8));
        Assert.Equal(15m, batch["J1"].Single(w => w.Lundi == lundi).Heures);
        Assert.Contains(db.AuditLog, a => a.Entity == CejStore.EntiteSemaine && a.JeuneId == "J1" && a.Detail!.Contains("15 h"));
    }

    [DatabaseTheory, BothProviders]
    public async Task A_month_validated_by_the_director_is_frozen_whatever_changes_later(DatabaseProvider provider)
    {
        using var database = new TestDatabase(provider);
        using var db = Seed(database);
        var store = new CejStore(db, R);
        var mois = new DateOnly(2025, 11, 1);

        // No CEJ, no allowance: J2 has none, and J1's starts in October 2025.
        await Assert.ThrowsAsync<AllocationRefuseeException>(() => store.ValiderConseillerAsync("ML1", "J2", mois, FoyerFiscal.NonImposable, 0, false, 0, Conseiller));
        await Assert.ThrowsAsync<AllocationRefuseeException>(() => store.ValiderConseillerAsync("ML1", "J1", new DateOnly(2025, 9, 1), FoyerFiscal.NonImposable, 0, false, 0, Conseiller));

        var row = await store.ValiderConseillerAsync("ML1", "J1", mois, FoyerFiscal.NonImposable, 0, false, 0, Conseiller);
        Assert.Equal((56168L, StatutAllocation.ValideConseiller), (row.MontantCentimes, row.Statut));
        // The counsellor may correct it until the director validates: one unjustified absence, a quarter off (421,26 €).
        row = await store.ValiderConseillerAsync("ML1", "J1", mois, FoyerFiscal.NonImposable, 0, false, 1, Conseiller);
        Assert.Equal(42126L, row.MontantCentimes);
        // December: its absence is the second of the contract, half off (280,84 €).
        var decembre = await store.ValiderConseillerAsync("ML1", "J1", new DateOnly(2025, 12, 15), FoyerFiscal.NonImposable, 0, false, 1, Conseiller);
        Assert.Equal((new DateOnly(2025, 12, 1), 28084L), (decembre.Mois, decembre.MontantCentimes));

        Assert.Equal(1, await store.ValiderDirecteurAsync("ML1", [row.Id], Directeur));
        await Assert.ThrowsAsync<AllocationRefuseeException>(() => store.ValiderDirecteurAsync("ML1", [row.Id], Directeur));
        var refus = await Assert.ThrowsAsync<AllocationRefuseeException>(() => store.ValiderConseillerAsync("ML1", "J1", mois, FoyerFiscal.PremiereTranche, 0, true, 0, Conseiller));
        Assert.Contains("figée", refus.Message, StringComparison.Ordinal);

        // A new value of the rules for that very month, and new data: the stored amount does not move.
        var reforme = R.Avec("cej.allocation_majeur_non_imposable", new ValeurDatee(700m, mois, null, "essai"));
        db.CejRendezVous.Add(new CejRendezVousEntity { StructureCode = "ML1", JeuneId = "J1", Date = mois.AddDays(3), Heure = new TimeOnly(9, 0), Heures = 1m, Presence = Presence.AbsenceInjustifiee });
        db.SaveChanges();
        var demande = await new CejStore(db, reforme).DemanderAsync("ML1", mois, Directeur);
        var (allocation, jeune) = Assert.Single(demande);
        Assert.Equal((42126L, StatutAllocation.Demande, "Martin"), (allocation.MontantCentimes, allocation.Statut, jeune.Nom));
        // The new value applies to a month validated after it (December, recomputed by the counsellor: half of 700 €).
        var recalcul = await new CejStore(db, reforme).ValiderConseillerAsync("ML1", "J1", new DateOnly(2025, 12, 1), FoyerFiscal.NonImposable, 0, false, 1, Conseiller);
        Assert.Equal(35000L, recalcul.MontantCentimes);

        using var check = database.CreateContext();
        Assert.Equal((42126L, StatutAllocation.Demande), check.CejAllocations.Where(a => a.Mois == mois).Select(a => new Tuple<long, StatutAllocation>(a.MontantCentimes, a.Statut)).Single().ToValueTuple());
        var audit = check.AuditLog.Where(a => a.Entity == CejStore.EntiteAllocation).OrderBy(a => a.Id).Select(a => a.Action).ToList();
        Assert.Equal([AuditAction.Creation, AuditAction.Modification, AuditAction.Creation, AuditAction.Modification, AuditAction.Export, AuditAction.Modification], audit);
    }

    [DatabaseTheory, BothProviders]
    public async Task The_ASP_return_is_applied_all_or_nothing(DatabaseProvider provider)
    {
        using var database = new TestDatabase(provider);
        using var db = Seed(database);
        var store = new CejStore(db, R);
        var nov = await store.ValiderConseillerAsync("ML1", "J1", new DateOnly(2025, 11, 1), FoyerFiscal.NonImposable, 0, false, 0, Conseiller);
        var dec = await store.ValiderConseillerAsync("ML1", "J1", new DateOnly(2025, 12, 1), FoyerFiscal.NonImposable, 0, false, 0, Conseiller);
        await store.ValiderDirecteurAsync("ML1", [nov.Id, dec.Id], Directeur);
        await store.DemanderAsync("ML1", new DateOnly(2025, 11, 1), Directeur);

        // December was not requested, J2 has no allowance: two located errors, and November is not marked paid either.
        var erreurs = await store.AppliquerRetoursAsync("ML1", "retour.csv",
            [new(2, "J1", new DateOnly(2025, 11, 1), true, null), new(3, "J1", new DateOnly(2025, 12, 1), true, null), new(4, "J2", new DateOnly(2025, 11, 1), false, "RIB")],
            Directeur);
        Assert.True(erreurs.Count == 2, string.Join(" | ", erreurs));
        Assert.StartsWith("retour.csv:3: statut: ", erreurs[0], StringComparison.Ordinal);
        Assert.StartsWith("retour.csv:4: jeune: ", erreurs[1], StringComparison.Ordinal);
        using (var check = database.CreateContext())
            Assert.Equal(StatutAllocation.Demande, check.CejAllocations.Single(a => a.Id == nov.Id).Statut);

        Assert.Empty(await store.AppliquerRetoursAsync("ML1", "retour.csv", [new(2, "J1", new DateOnly(2025, 11, 1), false, "Coordonnées bancaires invalides")], Directeur));
        using (var check = database.CreateContext())
        {
            var row = check.CejAllocations.Single(a => a.Id == nov.Id);
            Assert.Equal((StatutAllocation.Rejete, "Coordonnées bancaires invalides"), (row.Statut, row.MotifRejet));
            Assert.Contains(check.AuditLog, a => a.Action == AuditAction.Import && a.Entity == CejStore.EntiteAllocation && a.Detail!.Contains("rejetée"));
        }
    }
}
